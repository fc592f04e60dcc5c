import { describeOperations, resolveSpec } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import type { PaymntCloudClient } from "../src/index.js";
import { mockClient } from "./support.js";

// One valid call per operation. Each documented (status, example) of the spec is then requested
// through it with `Prefer`, so every example the spec ships is served and validated by Prism under
// --errors: a broken example fails here, not in a user's test suite.
type Call = (
  client: PaymntCloudClient,
  headers: Record<string, string>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const payment_id = "pay_mbabizu24mvu3mela5njyhpit4";
const refund_id = "ref_mbabizu24mvu3mela5njyhpit4";
const customer_id = "cus_y3oqhf46pyzuxjbcn2giaqnb44";

const validCalls: Record<string, Call> = {
  createPayment: (c, headers) => c.POST("/payments", { body: { amount: 1000, currency: "USD" }, headers }),
  listPayments: (c, headers) => c.GET("/payments/list", { params: { query: { limit: 10 } }, headers }),
  retrievePayment: (c, headers) => c.GET("/payments/{payment_id}", { params: { path: { payment_id } }, headers }),
  updatePayment: (c, headers) =>
    c.POST("/payments/{payment_id}", { params: { path: { payment_id } }, body: { amount: 1200 }, headers }),
  confirmPayment: (c, headers) =>
    c.POST("/payments/{payment_id}/confirm", { params: { path: { payment_id } }, body: {}, headers }),
  capturePayment: (c, headers) =>
    c.POST("/payments/{payment_id}/capture", { params: { path: { payment_id } }, body: {}, headers }),
  cancelPayment: (c, headers) =>
    c.POST("/payments/{payment_id}/cancel", { params: { path: { payment_id } }, body: {}, headers }),
  createRefund: (c, headers) => c.POST("/refunds", { body: { payment_id }, headers }),
  listRefunds: (c, headers) => c.POST("/refunds/list", { body: { limit: 10 }, headers }),
  retrieveRefund: (c, headers) => c.GET("/refunds/{refund_id}", { params: { path: { refund_id } }, headers }),
  updateRefund: (c, headers) =>
    c.POST("/refunds/{refund_id}", { params: { path: { refund_id } }, body: { reason: "duplicate" }, headers }),
  createCustomer: (c, headers) => c.POST("/customers", { body: { name: "John Doe" }, headers }),
  listCustomersDocumentedPath: (c, headers) => c.GET("/customers", { headers }),
  listCustomers: (c, headers) => c.GET("/customers/list", { headers }),
  retrieveCustomer: (c, headers) => c.GET("/customers/{customer_id}", { params: { path: { customer_id } }, headers }),
  updateCustomer: (c, headers) =>
    c.POST("/customers/{customer_id}", { params: { path: { customer_id } }, body: { name: "J. Doe" }, headers }),
  deleteCustomer: (c, headers) => c.DELETE("/customers/{customer_id}", { params: { path: { customer_id } }, headers }),
};

const operations = await describeOperations(resolveSpec("paymnt-cloud"));

describe("every documented response of the Paymnt Cloud spec", () => {
  it("has a valid call for every operation", () => {
    expect(Object.keys(validCalls).sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  });

  it("includes every operation the client promises", () => {
    expect(operations.map((operation) => operation.operationId)).toEqual(
      expect.arrayContaining([
        ...["create", "retrieve", "update", "confirm", "capture", "cancel"].map((verb) => `${verb}Payment`),
        "listPayments",
        ...["create", "retrieve", "update"].map((verb) => `${verb}Refund`),
        "listRefunds",
        ...["create", "retrieve", "update", "delete"].map((verb) => `${verb}Customer`),
        "listCustomers",
      ]),
    );
  });

  const cases = operations.flatMap((operation) =>
    operation.responses.flatMap((response) =>
      (response.examples.length > 0 ? response.examples : [undefined]).map((example) => ({
        label: `${operation.operationId} ${response.status}${example === undefined ? "" : ` (${example.name}, ${example.mediaType})`}`,
        operationId: operation.operationId,
        status: Number(response.status),
        example,
      })),
    ),
  );

  it.each(cases)("$label is served without violations", async ({ operationId, status, example }) => {
    const { client } = mockClient();
    const call = validCalls[operationId];
    if (call === undefined) throw new Error(`no valid call for ${operationId}`);
    const headers: Record<string, string> =
      example === undefined
        ? { Prefer: `code=${status}` }
        : { Prefer: `code=${status}, example=${example.name}`, Accept: example.mediaType };
    const { data, error, response } = await call(client, headers);
    expect(response.status).toBe(status);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(status < 300 ? data : error).toBeTypeOf("object");
  });
});
