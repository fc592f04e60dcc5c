import { preferExample } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type Payment, type PaymentStatus, requestMetaOf } from "../src/index.js";
import { mockClient, uuidV4 } from "./support.js";

const paymentId = "pay_mbabizu24mvu3mela5njyhpit4";

describe("payments against the Paymnt Cloud mock", () => {
  it("creates a payment with the Quickstart body and an Idempotency-Key", async () => {
    const { client, recorder } = mockClient();
    const result = await client.POST("/payments", {
      body: { amount: 1000, currency: "USD", description: "Order #1001" },
    });
    const { data, error, response } = result;
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expectTypeOf(data).toExtend<Payment | undefined>();
    expectTypeOf<Payment | undefined>().toExtend<typeof data>();
    expect(data?.payment_id).toMatch(/^pay_/);
    expect(data?.amount).toBe(1000);
    expect(data?.currency).toBe("USD");

    const sent = recorder.requests[0];
    expect(sent?.headers.get("api-key")).toBe("sk_sandbox_contract_tests");
    const key = sent?.headers.get("Idempotency-Key");
    expect(key).toMatch(uuidV4);
    expect(requestMetaOf(result)).toMatchObject({ idempotencyKey: key, attempts: 1, operationId: "createPayment" });
    expect(JSON.parse(recorder.bodies[0] ?? "")).toEqual({ amount: 1000, currency: "USD", description: "Order #1001" });
  });

  it("retrieves a payment with query options", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.GET("/payments/{payment_id}", {
      params: { path: { payment_id: paymentId }, query: { force_sync: true, expand_attempts: false } },
    });
    expect(response.status).toBe(200);
    expect(data?.payment_id).toBe(paymentId);
    const url = new URL(recorder.requests[0]?.url ?? "");
    expect(url.pathname).toBe(`/payments/${paymentId}`);
    expect(url.searchParams.get("force_sync")).toBe("true");
    // Reads are never keyed: an idempotency key on a GET means nothing and only adds noise.
    expect(recorder.requests[0]?.headers.has("Idempotency-Key")).toBe(false);
  });

  it("updates a payment", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.POST("/payments/{payment_id}", {
      params: { path: { payment_id: paymentId } },
      body: { amount: 7000, description: "Order #1002, with gift wrap" },
    });
    expect(response.status).toBe(200);
    expect(data?.status).toBeTypeOf("string");
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toMatch(uuidV4);
  });

  it("confirms a payment with no body by sending {} as JSON", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.POST("/payments/{payment_id}/confirm", {
      params: { path: { payment_id: paymentId } },
      headers: preferExample("requiresCapture"),
    });
    expect(response.status).toBe(200);
    expect(data?.status).toBe("requires_capture");
    expect(recorder.bodies[0]).toBe("{}");
    expect(recorder.requests[0]?.headers.get("Content-Type")).toBe("application/json");
  });

  it("captures part of an authorised payment", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.POST("/payments/{payment_id}/capture", {
      params: { path: { payment_id: paymentId } },
      body: { amount_to_capture: 1000 },
    });
    expect(response.status).toBe(200);
    expect(data?.amount_received).toBe(1000);
    expect(JSON.parse(recorder.bodies[0] ?? "")).toEqual({ amount_to_capture: 1000 });
  });

  it("cancels a payment", async () => {
    const { client } = mockClient();
    const { data, response } = await client.POST("/payments/{payment_id}/cancel", {
      params: { path: { payment_id: paymentId } },
      body: { cancellation_reason: "requested_by_customer" },
    });
    expect(response.status).toBe(200);
    expect(data?.status).toBe("cancelled");
  });

  it("lists payments with cursor and dotted time-range parameters", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.GET("/payments/list", {
      params: { query: { limit: 20, starting_after: paymentId, "created.gte": "2026-11-01T00:00:00Z" } },
    });
    expect(response.status).toBe(200);
    expect(data?.size).toBe(data?.data.length);
    expectTypeOf(data?.data[0]?.status).toEqualTypeOf<PaymentStatus | undefined>();
    const url = new URL(recorder.requests[0]?.url ?? "");
    expect(url.searchParams.get("created.gte")).toBe("2026-11-01T00:00:00Z");
    expect(url.searchParams.get("starting_after")).toBe(paymentId);
  });

  it("returns the spec's typed error for a documented error status", async () => {
    const { client } = mockClient();
    const { data, error, response } = await client.GET("/payments/{payment_id}", {
      params: { path: { payment_id: "pay_unknown" } },
      headers: { Prefer: "code=404" },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe("HE_02");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});
