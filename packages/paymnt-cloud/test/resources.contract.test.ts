import { describe, expect, it } from "vitest";
import { ApiError, InvalidRequestError, PaginationError } from "../src/index.js";
import { mockClient, uuidV4 } from "./support.js";

const payment_id = "pay_mbabizu24mvu3mela5njyhpit4";

describe("the resource layer against the Paymnt Cloud mock", () => {
  it("creates a payment and resolves to its data, with an idempotency key on every attempt", async () => {
    const { client, recorder } = mockClient();
    const payment = await client.payments.create({ amount: 1000, currency: "USD" });
    expect(payment.payment_id).toMatch(/^pay_/);
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toMatch(uuidV4);
  });

  it("sends the caller's idempotency key, and gives data, response and meta with withResponse()", async () => {
    const { client, recorder } = mockClient();
    const { data, response, meta } = await client.payments
      .capture(payment_id, { amount_to_capture: 500 }, { idempotencyKey: "order-1001-capture" })
      .withResponse();
    expect(data.payment_id).toBeTruthy();
    expect(response.status).toBe(200);
    expect(meta).toMatchObject({ operationId: "capturePayment", idempotencyKey: "order-1001-capture", attempts: 1 });
    expect(recorder.requests).toHaveLength(1);
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toBe("order-1001-capture");
    expect(new URL(recorder.requests[0]?.url ?? "").pathname).toBe(`/payments/${payment_id}/capture`);
  });

  it("throws the typed error with the provider's code for an error status", async () => {
    const { client } = mockClient({}, { lenient: true });
    const failure = await client.payments
      .retrieve(payment_id, undefined, { headers: { Prefer: "code=404" } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(404);
    expect((failure as ApiError).code).toBeTruthy();
  });

  it("pages through a list with for await, and awaits one page", async () => {
    const { client, recorder } = mockClient();
    const page = await client.refunds.list({ payment_id });
    expect(Array.isArray(page.data)).toBe(true);
    const seen = [];
    for await (const refund of client.refunds.list({ payment_id }, { maxItems: 3, pageSize: 2 })) seen.push(refund);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThanOrEqual(3);
    const bodies = recorder.bodies.slice(1).map((body) => JSON.parse(body ?? "{}"));
    expect(bodies[0]).toMatchObject({ payment_id, limit: 2, offset: 0 });
    await expect(async () => {
      for await (const _ of client.refunds.list({}, { pageSize: 1000 })) break;
    }).rejects.toThrow(PaginationError);
  });

  it("iterates a list the engine answers in one request: the merchant's payment methods", async () => {
    const { client, recorder } = mockClient();
    const methods = [];
    for await (const method of client.paymentMethods.listForMerchant({ accepted_currencies: ["USD"] }))
      methods.push(method);
    expect(methods.length).toBeGreaterThan(0);
    expect(methods[0]).toHaveProperty("payment_method");
    expect(recorder.requests).toHaveLength(1);
  });

  it("refuses at run time what the types refuse: a missing path parameter, an unknown option", async () => {
    const { client, recorder } = mockClient();
    const missing = (client.payments.capture as (...args: unknown[]) => Promise<unknown>)(undefined, {});
    await expect(missing).rejects.toThrow(InvalidRequestError);
    const unknown = (client.payments.create as (...args: unknown[]) => Promise<unknown>)(
      { amount: 1, currency: "USD" },
      { idempotency_key: "x" },
    );
    await expect(unknown).rejects.toThrow(/unknown option idempotency_key/);
    expect(recorder.requests).toHaveLength(0);
  });
});
