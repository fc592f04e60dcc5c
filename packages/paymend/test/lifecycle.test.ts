import { describe, expect, it } from "vitest";
import {
  allowedActions,
  canPerform,
  capture,
  createPaymendClient,
  isTerminal,
  type Payment,
  type PaymentStatus,
  RequestAbortedError,
  refund,
  TimeoutError,
  voidPayment,
  waitForFinalStatus,
} from "../src/index.js";
import { mockClient, paymentId } from "./support.js";

const payment = (status: PaymentStatus): Payment => ({
  paymentId,
  merchantReference: "PAYMENT-12345",
  amount: 12997,
  currency: "USD",
  status,
  createdAt: "2026-11-22T10:00:00Z",
  updatedAt: "2026-11-22T10:00:00Z",
});

describe("payment lifecycle", () => {
  it("knows the terminal statuses and the allowed actions", () => {
    expect((["PENDING", "AUTHORIZED", "CAPTURED", "REFUNDED", "VOIDED", "FAILED"] as const).filter(isTerminal)).toEqual(
      ["REFUNDED", "VOIDED", "FAILED"],
    );
    expect(canPerform("AUTHORIZED", "capture")).toBe(true);
    expect(canPerform("PENDING", "capture")).toBe(false);
    expect(canPerform("PENDING", "void")).toBe(true);
    expect(canPerform("CAPTURED", "void")).toBe(false);
    expect(allowedActions.FAILED).toEqual([]);
  });

  it("captures, refunds and voids through the mock when the status allows it", async () => {
    const { client } = mockClient();
    expect((await capture(client, { ...payment("AUTHORIZED"), status: "AUTHORIZED" })).status).toBe("CAPTURED");
    expect((await refund(client, { ...payment("CAPTURED"), status: "CAPTURED" }, { refundAmount: 5000 })).status).toBe(
      "REFUNDED",
    );
    expect((await voidPayment(client, { ...payment("PENDING"), status: "PENDING" })).status).toBe("VOIDED");
  });

  it("refuses an action the payment's status does not allow, before sending", async () => {
    const { client, recorder } = mockClient();
    const stale = payment("FAILED") as Payment & { status: "AUTHORIZED" }; // e.g. a stale object
    await expect(capture(client, stale)).rejects.toThrow(
      expect.objectContaining({
        code: "operation_not_allowed",
        message: `Cannot capture payment ${paymentId} in status FAILED; capture is allowed from AUTHORIZED.`,
      }),
    );
    expect(recorder.requests).toHaveLength(0);
  });
});

describe("waitForFinalStatus", () => {
  // A local handler plays Paymend: the payment stays PENDING for some polls, then is captured.
  function pendingThen(final: PaymentStatus, pendingPolls: number) {
    let polls = 0;
    const client = createPaymendClient({
      token: "t",
      baseUrl: "http://127.0.0.1:9",
      fetch: async (url: string, init: RequestInit) => {
        const request = new Request(url, init);
        expect(request.method).toBe("GET");
        expect(new URL(request.url).pathname).toBe(`/v1/payments/${paymentId}`);
        polls++;
        return Response.json(payment(polls <= pendingPolls ? "PENDING" : final));
      },
    });
    return { client, polls: () => polls };
  }

  it("polls with backoff while PENDING and returns the first final status", async () => {
    const { client, polls } = pendingThen("CAPTURED", 3);
    const started = Date.now();
    const final = await waitForFinalStatus(client, paymentId, { initialIntervalMs: 20, maxIntervalMs: 60 });
    expect(final.status).toBe("CAPTURED");
    expect(polls()).toBe(4);
    // 20 + 40 + 60 ms of backoff (±20 % jitter): it waited between polls rather than spinning.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it("returns at once for a payment that is not PENDING", async () => {
    const { client, polls } = pendingThen("FAILED", 0);
    expect((await waitForFinalStatus(client, paymentId)).status).toBe("FAILED");
    expect(polls()).toBe(1);
  });

  it("gives up at the deadline with a TimeoutError", async () => {
    const { client } = pendingThen("CAPTURED", 1_000);
    const error = await waitForFinalStatus(client, paymentId, { deadline: 150, initialIntervalMs: 40 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ scope: "deadline", message: expect.stringContaining("still PENDING") });
  });

  it("stops at once when the signal fires", async () => {
    const { client, polls } = pendingThen("CAPTURED", 1_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(
      waitForFinalStatus(client, paymentId, { signal: controller.signal, initialIntervalMs: 5_000 }),
    ).rejects.toThrow(RequestAbortedError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(polls()).toBe(1);
  });
});
