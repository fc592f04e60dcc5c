import { describeOperations, resolveSpec } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import type { VaiiPayClient } from "../src/index.js";
import { clientId, mockClient, paymentId } from "./support.js";

// One valid call per operation; every documented (status, example) is then requested through it
// with `Prefer`, so every example the spec ships is served and validated by Prism.
type Call = (
  client: VaiiPayClient<"oauth2">,
  headers: Record<string, string>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const instructions = { paymentId, provider: "tron", method: "usdt" };
const signed = { expires: 1742044800, signature: "9f86d081884c7d659a2feaa0c55ad015" };

const validCalls: Record<string, Call> = {
  createCheckout: (c, headers) =>
    c.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123", clientId },
      headers,
    }),
  retrievePayment: (c, headers) => c.GET("/api/payment/{paymentId}", { params: { path: { paymentId } }, headers }),
  retrievePaymentInstructions: (c, headers) =>
    c.GET("/api/payment/{paymentId}/provider/{provider}/method/{method}", { params: { path: instructions }, headers }),
  retrieveCheckoutInstructions: (c, headers) =>
    c.GET("/api/checkout/payment/{paymentId}/provider/{provider}/method/{method}", {
      params: { path: instructions, query: signed },
      headers,
    }),
  listCheckoutPaymentMethods: (c, headers) =>
    c.GET("/api/checkout/{paymentId}/payment-methods", { params: { path: { paymentId }, query: signed }, headers }),
  listPaymentApplications: (c, headers) => c.GET("/api/payment-applications", { headers }),
  createPaymentApplication: (c, headers) =>
    c.POST("/api/payment-applications", { body: { name: "My Store", secret: "whsec_local" }, headers }),
  retrievePaymentApplication: (c, headers) =>
    c.GET("/api/payment-applications/{id}", { params: { path: { id: paymentId } }, headers }),
};

const operations = await describeOperations(resolveSpec("vaiipay"));

describe("every documented response of the VaiiPay spec", () => {
  it("has a valid call for every operation", () => {
    expect(Object.keys(validCalls).sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  });

  const cases = operations.flatMap((operation) =>
    operation.responses.flatMap((response) =>
      response.examples.map((example) => ({
        label: `${operation.operationId} ${response.status} (${example.name})`,
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
    const { data, error, response } = await call(client, {
      Prefer: `code=${status}, example=${example.name}`,
      Accept: example.mediaType,
    });
    expect(response.status).toBe(status);
    expect(status < 300 ? data : error).toBeTypeOf("object");
  });
});
