import { describe, expect, it } from "vitest";
import { type AttemptEvent, BadRequestError, NotFoundError, requestMetaOf, unwrap } from "../src/index.js";
import { mockClient, uuidV4 } from "./support.js";

describe("Paymnt Cloud on payspec's runtime", () => {
  it("unwraps a payment, or throws NotFoundError with the provider's code and request id", async () => {
    const { client } = mockClient();
    const payment = await unwrap(
      client.GET("/payments/{payment_id}", { params: { path: { payment_id: "pay_mbabizu24mvu3mela5njyhpit4" } } }),
    );
    expect(payment.payment_id).toBe("pay_mbabizu24mvu3mela5njyhpit4");

    const error = await unwrap(
      client.GET("/payments/{payment_id}", {
        params: { path: { payment_id: "pay_missing" } },
        headers: { Prefer: "code=404" },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: "HE_02",
      requestId: "019367b6-2f1e-7a1c-9c5e-6f7d1a2b3c4d",
      provider: "paymnt-cloud",
      retryable: false,
      attempts: 1,
    });
  });

  it("retries a 503 with the same Idempotency-Key on every attempt, then reports the attempts", async () => {
    const events: AttemptEvent[] = [];
    const { client, recorder } = mockClient({
      maxRetries: 2,
      retryBaseDelayMs: 1,
      onAttempt: (event) => events.push(event),
    });
    const result = await client.POST("/payments", {
      body: { amount: 1000, currency: "USD" },
      headers: { Prefer: "code=503" },
    });
    const { error, response } = result;
    expect(response.status).toBe(503);
    expect(error?.error.type).toBe("connector_error");
    // The recorder (a middleware) sees the call once; the retry layer beneath it sent three attempts.
    const sentKey = recorder.requests[0]?.headers.get("Idempotency-Key");
    expect(sentKey).toMatch(uuidV4);
    expect(events.map((event) => event.idempotencyKey)).toEqual([sentKey, sentKey, sentKey]);
    expect(requestMetaOf(result)).toMatchObject({ idempotencyKey: sentKey, attempts: 3 });
    expect(events.map((event) => [event.operationId, event.attempt, event.status])).toEqual([
      ["createPayment", 1, 503],
      ["createPayment", 2, 503],
      ["createPayment", 3, 503],
    ]);
  });

  it("does not retry a 400", async () => {
    const { client, recorder } = mockClient();
    const error = await unwrap(
      client.POST("/payments/{payment_id}/capture", {
        params: { path: { payment_id: "pay_mbabizu24mvu3mela5njyhpit4" } },
        body: { amount_to_capture: 1000 },
        headers: { Prefer: "code=400, example=unexpectedState" },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: "IR_14", retryable: false, attempts: 1 });
    expect(recorder.requests).toHaveLength(1);
  });
});
