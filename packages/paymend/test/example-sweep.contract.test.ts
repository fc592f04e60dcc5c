import { describeOperations, resolveSpec } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import type { PaymendClient } from "../src/index.js";
import { createBody, mockClient, paymentId } from "./support.js";

type Call = (
  client: PaymendClient,
  headers: Record<string, string>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const path = { paymentId };
const validCalls: Record<string, Call> = {
  createPayment: (c, headers) => c.POST("/v1/payments", { body: createBody, headers }),
  getPayment: (c, headers) => c.GET("/v1/payments/{paymentId}", { params: { path }, headers }),
  capturePayment: (c, headers) => c.POST("/v1/payments/{paymentId}/capture", { params: { path }, headers }),
  refundPayment: (c, headers) =>
    c.POST("/v1/payments/{paymentId}/refund", { params: { path }, body: { refundAmount: 5000 }, headers }),
  voidPayment: (c, headers) => c.POST("/v1/payments/{paymentId}/void", { params: { path }, headers }),
};

const operations = await describeOperations(resolveSpec("paymend"));

describe("every documented response of the Paymend spec", () => {
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
