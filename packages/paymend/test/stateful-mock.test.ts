import { startProviderMock, startWebhookReceiver, validateResponses } from "@payspec/mock";
import { useStatefulMock } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ConflictError,
  capture,
  type components,
  createPaymendClient,
  InvalidRequestError,
  NotFoundError,
  type PaymendEvent,
  type PaymentIn,
  parseWebhook,
  refund,
  TimeoutError,
  UnprocessableEntityError,
  voidPayment,
  waitForFinalStatus,
} from "../src/index.js";

// Issue 19: Paymend on the stateful mock, through the package's own client and lifecycle helpers.
// Every response is checked against the spec by `validateResponses` (Ajv, independent of Prism
// and of the mock). Paymend signs nothing: each delivered webhook is read by the package's own
// `parseWebhook`. PENDING payments are recovered by the mock clock after ten minutes (payspec's
// placeholder for the undocumented recovery window) or early by the control event
// recovery.completed; X-Payspec-Outcome picks a decline or a recovery, which no known test card does.
type CreatePayment = components["schemas"]["CreatePaymentRequest"];
const MINUTE = 60_000;
// No secret: Paymend signs nothing. Retries (1 min, 5 min, 30 min, 2 h, 6 h) run 3600 times faster:
// a minute is 17 ms.
const stateful = useStatefulMock({ spec: "paymend", timeCompression: 3600 });

const client = (baseUrl = stateful.mock.url) => {
  const paymend = createPaymendClient({ token: "sandbox_token_stateful", baseUrl });
  paymend.use(validateResponses("paymend"));
  return paymend;
};

/** The documented sandbox card: approved (AUTHORIZED, or CAPTURED with captureNow). */
const testCard = {
  type: "CARD" as const,
  card: {
    number: "4444444444440000",
    holderName: "John Doe",
    cvv: "123",
    expiryMonth: "12",
    expiryYear: "2030",
    brand: "VISA",
  },
};
const order = (body: Partial<CreatePayment> = {}): CreatePayment => ({
  amount: 12997,
  currency: "USD",
  merchantReference: "PAYMENT-12345",
  goodsType: "MIXED",
  source: { storeId: "store_abc123", initiatedBy: "CONSUMER" },
  paymentMethod: testCard,
  ...body,
});
/** A payment Paymend keeps trying (PENDING): `pending`, or `recovery_failed` to end FAILED. */
const outcome = (value: "pending" | "failed" | "recovery_failed") => ({ headers: { "X-Payspec-Outcome": value } });

/** The deliveries so far, each read by the package's own parser. */
const eventsOf = (count: number): Promise<PaymendEvent[]> =>
  stateful.events(count, (delivery) => {
    const parsed = parseWebhook(delivery.body);
    expect(parsed.verification).toMatchObject({ scheme: "none", signed: false });
    const { eventId, payment, eventType } = parsed.event;
    expect(parsed.dedupeKey).toBe(`${eventId}:${payment?.paymentId}:${eventType}`);
    return parsed.event;
  });
const types = (events: readonly PaymendEvent[]) => events.map((event) => event.eventType);

/** Moves the mock clock over HTTP, as another process (the main job, a browser test) would. */
const advanceOverHttp = async (ms: number) => {
  const response = await stateful.control("/clock/advance", { ms });
  expect(response.status).toBe(200);
  return response.body as { now: string };
};

describe("Paymend on the stateful mock: create and the test card", () => {
  it("authorises the request's own amount with the sandbox card, and keeps it", async () => {
    const paymend = client();
    const payment = await paymend.payments.create(
      order({ amount: 4321, currency: "EUR", merchantReference: "ORDER-77", descriptor: "PAYSPEC*ORDER77" }),
    );
    expect(payment).toMatchObject({
      status: "AUTHORIZED",
      amount: 4321,
      currency: "EUR",
      merchantReference: "ORDER-77",
      descriptor: "PAYSPEC*ORDER77",
      captureNow: false,
      goodsType: "MIXED",
      source: { storeId: "store_abc123", initiatedBy: "CONSUMER" },
    });
    expect(payment.paymentId).toMatch(/^pay_[0-9a-f]{16}$/);
    // The card comes back as a CardResponse: its BIN, never its number or CVV.
    expect(payment.paymentMethod).toEqual({
      type: "CARD",
      card: { holderName: "John Doe", expiryMonth: "12", expiryYear: "2030", brand: "VISA", bin: "44444444" },
    });
    expect(JSON.stringify(payment)).not.toContain("4444444444440000");
    expect(payment.transactions).toEqual([
      expect.objectContaining({ type: "AUTHORIZATION", amount: 4321, result: "SUCCEEDED" }),
    ]);
    expect(await paymend.payments.get(payment.paymentId)).toEqual(payment);
    expect(types(await eventsOf(1))).toEqual(["PAYMENT_AUTHORIZED"]);
  });

  it("takes each branch the lifecycle declares: sale with captureNow, a decline and a recovery by X-Payspec-Outcome", async () => {
    const paymend = client();
    const sale = await paymend.payments.create(order({ captureNow: true, amount: 500 }));
    expect(sale).toMatchObject({ status: "CAPTURED", amount: 500, captureNow: true });
    expect(sale.transactions?.map((transaction) => [transaction.type, transaction.amount])).toEqual([
      ["AUTHORIZATION", 500],
      ["CAPTURE", 500],
    ]);
    // A decline is no HTTP error: 200 with FAILED and the failure.
    const declined = await paymend.payments.create(order(), outcome("failed"));
    expect(declined).toMatchObject({
      status: "FAILED",
      failure: { failureCode: "DO_NOT_HONOR", providerFailureCode: "05" },
      transactions: [{ type: "AUTHORIZATION", result: "FAILED", failure: { failureCode: "DO_NOT_HONOR" } }],
    });
    const pending = await paymend.payments.create(order(), outcome("pending"));
    expect(pending.status).toBe("PENDING");
    // Nothing has been attempted yet: no transactions (PaymentResponse: present once not PENDING).
    expect(pending.transactions).toBeUndefined();
    // Recovery needs the payer's source (initiatedBy): without it the header asks in vain.
    const withoutSource = await paymend.payments.create(
      order({ source: { storeId: "store_abc123" } }),
      outcome("pending"),
    );
    expect(withoutSource.status).toBe("AUTHORIZED");
    expect(types(await eventsOf(4))).toEqual([
      "PAYMENT_CAPTURED",
      "PAYMENT_FAILED",
      "PAYMENT_CREATED",
      "PAYMENT_AUTHORIZED",
    ]);
    for (const event of await eventsOf(4)) expect(event.payment).toMatchObject({ amount: expect.any(Number) });
  });
});

describe("Paymend on the stateful mock: PENDING recovery", () => {
  it("resolves PENDING after the ten-minute window on the mock clock, in process and over HTTP", async () => {
    const paymend = client();
    const authorised = await paymend.payments.create(order({ amount: 2000 }), outcome("pending"));
    const sold = await paymend.payments.create(order({ amount: 3000, captureNow: true }), outcome("pending"));
    const givesUp = await paymend.payments.create(order({ amount: 4000 }), outcome("recovery_failed"));
    for (const payment of [authorised, sold, givesUp]) expect(payment.status).toBe("PENDING");

    await stateful.mock.clock.advance(9 * MINUTE);
    expect((await paymend.payments.get(authorised.paymentId)).status).toBe("PENDING");
    const { now } = await advanceOverHttp(MINUTE);
    expect(await paymend.payments.get(authorised.paymentId)).toMatchObject({
      status: "AUTHORIZED",
      amount: 2000,
      updatedAt: now.replace(/\.\d{3}Z$/, "Z"),
      transactions: [{ type: "AUTHORIZATION", amount: 2000, result: "SUCCEEDED" }],
    });
    // Every move is a transaction: a recovered sale authorises and captures, a recovery given up
    // records its failed attempt.
    expect(await paymend.payments.get(sold.paymentId)).toMatchObject({
      status: "CAPTURED",
      amount: 3000,
      transactions: [
        { type: "AUTHORIZATION", amount: 3000, result: "SUCCEEDED" },
        { type: "CAPTURE", amount: 3000, result: "SUCCEEDED" },
      ],
    });
    expect(await paymend.payments.get(givesUp.paymentId)).toMatchObject({
      status: "FAILED",
      failure: { failureCode: "DO_NOT_HONOR" },
      transactions: [
        { type: "AUTHORIZATION", amount: 4000, result: "FAILED", failure: { failureCode: "DO_NOT_HONOR" } },
      ],
    });
    const events = await eventsOf(6);
    expect(types(events)).toEqual([
      "PAYMENT_CREATED",
      "PAYMENT_CREATED",
      "PAYMENT_CREATED",
      "PAYMENT_AUTHORIZED",
      "PAYMENT_CAPTURED",
      "PAYMENT_FAILED",
    ]);
    expect(events.slice(3).map((event) => [event.payment?.paymentId, event.payment?.amount])).toEqual([
      [authorised.paymentId, 2000],
      [sold.paymentId, 3000],
      [givesUp.paymentId, 4000],
    ]);
  });

  it("ends a recovery early by the control event recovery.completed, which cancels the clock's", async () => {
    const paymend = client();
    const pending = await paymend.payments.create(order({ amount: 900 }), outcome("pending"));
    const completed = await stateful.fire("payment", pending.paymentId, "recovery.completed");
    expect(completed).toMatchObject({
      status: 200,
      body: { status: "AUTHORIZED", amount: 900, transactions: [{ type: "AUTHORIZATION", amount: 900 }] },
    });
    const failing = await paymend.payments.create(order(), outcome("pending"));
    expect(
      await stateful.fire("payment", failing.paymentId, "recovery.completed", {
        outcome: "failed",
        failureCode: "INSUFFICIENT_FUNDS",
        providerFailureCode: "51",
      }),
    ).toMatchObject({
      body: {
        status: "FAILED",
        failure: { failureCode: "INSUFFICIENT_FUNDS", providerFailureCode: "51" },
        transactions: [{ type: "AUTHORIZATION", result: "FAILED", failure: { failureCode: "INSUFFICIENT_FUNDS" } }],
      },
    });
    // Read through the API, the early outcome holds, and the clock has nothing left to do.
    await advanceOverHttp(60 * MINUTE);
    expect(await paymend.payments.get(pending.paymentId)).toMatchObject({ status: "AUTHORIZED" });
    expect(await paymend.payments.get(failing.paymentId)).toMatchObject({ status: "FAILED" });
    // Not PENDING any more: payspec's 409.
    expect(await stateful.fire("payment", pending.paymentId, "recovery.completed")).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["PENDING"], state: "AUTHORIZED" },
    });
    await stateful.mock.idle();
    expect(stateful.mock.deliveries().map((delivery) => delivery.eventType)).toEqual([
      "PAYMENT_CREATED",
      "PAYMENT_AUTHORIZED",
      "PAYMENT_CREATED",
      "PAYMENT_FAILED",
    ]);
  });

  it("waitForFinalStatus polls the mock until the clock ends the recovery, and times out while it does not", async () => {
    const paymend = client();
    const pending = await paymend.payments.create(order({ amount: 7500, captureNow: true }), outcome("pending"));
    const waiting = waitForFinalStatus(paymend, pending.paymentId, { initialIntervalMs: 10, maxIntervalMs: 20 });
    // Let it poll a few times while PENDING, then let the recovery window pass.
    await new Promise((resolve) => setTimeout(resolve, 60));
    await advanceOverHttp(10 * MINUTE);
    expect(await waiting).toMatchObject({ paymentId: pending.paymentId, status: "CAPTURED", amount: 7500 });

    const stuck = await paymend.payments.create(order(), outcome("pending"));
    const late = await waitForFinalStatus(paymend, stuck.paymentId, {
      deadline: 100,
      initialIntervalMs: 10,
      maxIntervalMs: 20,
    }).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(TimeoutError);
    expect((await paymend.payments.get(stuck.paymentId)).status).toBe("PENDING");
  });
});

describe("Paymend on the stateful mock: capture, refund, void and their refusals", () => {
  it("captures with the package's helper, then refuses a second capture with 409 INVALID_STATE as a typed error", async () => {
    const paymend = client();
    const authorised = (await paymend.payments.create(order({ amount: 6000 }))) as PaymentIn<"AUTHORIZED">;
    const captured = await capture(paymend, authorised);
    expect(captured).toMatchObject({ status: "CAPTURED", amount: 6000 });
    expect(captured.transactions?.map((transaction) => [transaction.type, transaction.amount])).toEqual([
      ["AUTHORIZATION", 6000],
      ["CAPTURE", 6000],
    ]);
    // The stale AUTHORIZED object passes the helper's own check; the mock remembers and refuses.
    const again = await capture(paymend, authorised).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({
      status: 409,
      code: "INVALID_STATE",
      message: expect.stringContaining("Payment in status CAPTURED cannot be captured"),
      body: { code: "INVALID_STATE", message: "Payment in status CAPTURED cannot be captured" },
    });
    // Through the resource method too, and the refusal changed nothing.
    await expect(paymend.payments.capture(authorised.paymentId)).rejects.toBeInstanceOf(ConflictError);
    expect(await paymend.payments.get(authorised.paymentId)).toEqual(captured);
    // With the fresh object, the helper refuses before sending.
    await expect(capture(paymend, captured as unknown as PaymentIn<"AUTHORIZED">)).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
  });

  it("refunds part of a captured payment with the helper; refuses more than the amount with 422, and a second refund with 409", async () => {
    const paymend = client();
    const sale = (await paymend.payments.create(order({ amount: 10000, captureNow: true }))) as PaymentIn<"CAPTURED">;
    const tooMuch = await refund(paymend, sale, { refundAmount: 10001 }).catch((error: unknown) => error);
    expect(tooMuch).toBeInstanceOf(UnprocessableEntityError);
    expect(tooMuch).toMatchObject({
      status: 422,
      code: "VALIDATION_ERROR",
      body: { code: "VALIDATION_ERROR", message: "refundAmount exceeds the captured amount" },
    });
    expect((await paymend.payments.get(sale.paymentId)).status).toBe("CAPTURED");
    const refunded = await refund(paymend, sale, { refundAmount: 10000 });
    expect(refunded).toMatchObject({ status: "REFUNDED", amount: 10000 });
    expect(refunded.transactions?.at(-1)).toMatchObject({ type: "REFUND", amount: 10000, result: "SUCCEEDED" });
    const partial = (await paymend.payments.create(order({ amount: 8000, captureNow: true }))) as PaymentIn<"CAPTURED">;
    expect((await refund(paymend, partial, { refundAmount: 2500 })).transactions?.at(-1)).toMatchObject({
      type: "REFUND",
      amount: 2500,
    });
    expect((await refund(paymend, { ...sale }).catch((error: unknown) => error)) as ApiError).toMatchObject({
      status: 409,
      code: "INVALID_STATE",
      body: { message: "Payment in status REFUNDED cannot be refunded" },
    });
    // A full refund without an amount refunds the whole payment.
    const whole = (await paymend.payments.create(order({ amount: 1234, captureNow: true }))) as PaymentIn<"CAPTURED">;
    expect((await refund(paymend, whole)).transactions?.at(-1)).toMatchObject({ type: "REFUND", amount: 1234 });
  });

  it("voids a PENDING payment (stopping its recovery) or an AUTHORIZED one with the helper; refuses a captured one", async () => {
    const paymend = client();
    const pending = (await paymend.payments.create(order(), outcome("pending"))) as PaymentIn<"PENDING">;
    expect(await voidPayment(paymend, pending)).toMatchObject({
      status: "VOIDED",
      transactions: [{ type: "VOID", amount: 12997, result: "SUCCEEDED" }],
    });
    await advanceOverHttp(10 * MINUTE);
    expect((await paymend.payments.get(pending.paymentId)).status).toBe("VOIDED");
    const authorised = (await paymend.payments.create(order())) as PaymentIn<"AUTHORIZED">;
    expect(await voidPayment(paymend, authorised)).toMatchObject({ status: "VOIDED" });
    const sale = await paymend.payments.create(order({ captureNow: true }));
    const refused = await voidPayment(paymend, { ...sale, status: "AUTHORIZED" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ status: 409, body: { message: "Payment in status CAPTURED cannot be voided" } });
    expect(types(await eventsOf(5))).toEqual([
      "PAYMENT_CREATED",
      "PAYMENT_VOIDED",
      "PAYMENT_AUTHORIZED",
      "PAYMENT_VOIDED",
      "PAYMENT_CAPTURED",
    ]);
  });

  it("answers an unknown payment 404 on every operation, as a typed NotFoundError", async () => {
    const paymend = client();
    const unknown = "pay_0000000000000000";
    for (const call of [
      () => paymend.payments.get(unknown),
      () => paymend.payments.capture(unknown),
      () => paymend.payments.refund(unknown, {}),
      () => paymend.payments.void(unknown),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 404, code: "NOT_FOUND" });
    }
    await expect(paymend.payments.get(unknown)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("Paymend on the stateful mock: webhooks", () => {
  it("delivers every transition's event unsigned, parsed by the package, with the payment as it became", async () => {
    const paymend = client();
    const payment = (await paymend.payments.create(order({ amount: 3333 }))) as PaymentIn<"AUTHORIZED">;
    const captured = (await capture(paymend, payment)) as PaymentIn<"CAPTURED">;
    await refund(paymend, captured, { refundAmount: 1000 });
    const events = await eventsOf(3);
    expect(types(events)).toEqual(["PAYMENT_AUTHORIZED", "PAYMENT_CAPTURED", "PAYMENT_REFUNDED"]);
    expect(events.map((event) => event.payment?.status)).toEqual(["AUTHORIZED", "CAPTURED", "REFUNDED"]);
    for (const event of events) {
      expect(event.eventId).toMatch(/^evt_[0-9a-f]{8}$/);
      expect(event.payment).toMatchObject({ paymentId: payment.paymentId, amount: 3333 });
    }
    expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
    // Nothing signs them: no signature header at all.
    expect(
      Object.keys(stateful.receiver.received[0]?.headers ?? {}).filter((name) => name.includes("signature")),
    ).toEqual([]);
  });

  it("retries a delivery answered 500 with the same event, and records every attempt", async () => {
    stateful.answerWith((_delivery, index) => (index === 0 ? 500 : 200));
    await client().payments.create(order());
    const received = await stateful.receiver.waitFor(2);
    expect(received.map((delivery) => delivery.status)).toEqual([500, 200]);
    expect(received[1]?.body.toString()).toBe(received[0]?.body.toString());
    await stateful.mock.idle();
    const [delivery] = stateful.mock.deliveries();
    expect(delivery).toMatchObject({ eventType: "PAYMENT_AUTHORIZED", outcome: "delivered", target: "configured" });
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    const overHttp = (await (
      await fetch(`${stateful.mock.url}/__payspec/deliveries?status=delivered`)
    ).json()) as unknown[];
    expect(overHttp).toHaveLength(1);
  });

  it("lets a later event overtake a retried one: the endpoint must not trust arrival order", async () => {
    // PAYMENT_AUTHORIZED fails until the capture's event has arrived, which is sent meanwhile.
    let capturedArrived = false;
    stateful.answerWith((delivery) => {
      const { eventType } = parseWebhook(delivery.body).event;
      if (eventType === "PAYMENT_CAPTURED") capturedArrived = true;
      return eventType === "PAYMENT_AUTHORIZED" && !capturedArrived ? 500 : 200;
    });
    const paymend = client();
    const payment = (await paymend.payments.create(order())) as PaymentIn<"AUTHORIZED">;
    await stateful.receiver.waitFor(1);
    await capture(paymend, payment);
    const received = await stateful.receiver.waitFor((all) =>
      all.some(
        (delivery) =>
          delivery.status === 200 &&
          delivery !== all[0] &&
          parseWebhook(delivery.body).event.eventType === "PAYMENT_AUTHORIZED",
      ),
    );
    const arrived = received.map((delivery) => [parseWebhook(delivery.body).event.eventType, delivery.status]);
    expect(arrived[0]).toEqual(["PAYMENT_AUTHORIZED", 500]);
    // The capture's event arrived first; the authorisation's retry after it.
    const capturedAt = arrived.findIndex(([type]) => type === "PAYMENT_CAPTURED");
    const authorisedAt = arrived.findIndex(([type, status]) => type === "PAYMENT_AUTHORIZED" && status === 200);
    expect(capturedAt).toBeGreaterThan(0);
    expect(authorisedAt).toBeGreaterThan(capturedAt);
    // The same event each time (one eventId, for dedupe); the newest state is the one to re-fetch.
    const authorised = received.filter(
      (delivery) => parseWebhook(delivery.body).event.eventType === "PAYMENT_AUTHORIZED",
    );
    expect(new Set(authorised.map((delivery) => parseWebhook(delivery.body).event.eventId)).size).toBe(1);
    expect((await paymend.payments.get(payment.paymentId)).status).toBe("CAPTURED");
    await stateful.mock.idle();
    const record = stateful.mock.deliveries().find((delivery) => delivery.eventType === "PAYMENT_AUTHORIZED");
    expect(record?.outcome).toBe("delivered");
    expect(record?.attempts.at(-1)?.status).toBe(200);
  });

  it("with outOfOrder and duplicates: each event twice under one eventId, a transition's batch reversed (Paymend sends one event per transition)", async () => {
    const local = await startWebhookReceiver();
    const shuffled = await startProviderMock({
      spec: "paymend",
      stateful: true,
      webhooks: { url: local.url, timeCompression: 3600, outOfOrder: true, duplicates: 1 },
    });
    try {
      const paymend = client(shuffled.url);
      const payment = (await paymend.payments.create(order({ amount: 100 }))) as PaymentIn<"AUTHORIZED">;
      await capture(paymend, payment);
      const events = (await local.waitFor(4)).map((delivery) => parseWebhook(delivery.body).event);
      expect(types(events)).toEqual([
        "PAYMENT_AUTHORIZED",
        "PAYMENT_AUTHORIZED",
        "PAYMENT_CAPTURED",
        "PAYMENT_CAPTURED",
      ]);
      expect(events[0]?.eventId).toBe(events[1]?.eventId);
      expect(new Set(events.map((event) => event.eventId)).size).toBe(2);
      await shuffled.idle();
      expect(new Set(shuffled.deliveries().map((delivery) => delivery.deliveryId)).size).toBe(4);
    } finally {
      await shuffled.close();
      await local.close();
    }
  });
});

describe("Paymend on the stateful mock: Prism, reset and concurrency", () => {
  it("leaves request validation to Prism: an invalid body is refused and creates nothing", async () => {
    const invalid = await client()
      .payments.create({ ...order(), amount: "a lot" as unknown as number })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).status).toBeGreaterThanOrEqual(400);
    expect((invalid as ApiError).status).toBeLessThan(500);
    expect(await (await fetch(`${stateful.mock.url}/__payspec/objects/payment`)).json()).toEqual([]);
    await stateful.mock.idle();
    expect(stateful.mock.deliveries()).toEqual([]);
  });

  it("forgets everything on reset, over HTTP too: objects, timers and deliveries", async () => {
    const paymend = client();
    const payment = await paymend.payments.create(order(), outcome("pending"));
    await stateful.mock.idle();
    const reset = await stateful.control("/reset");
    expect(reset.status).toBe(200);
    await expect(paymend.payments.get(payment.paymentId)).rejects.toMatchObject({ status: 404 });
    expect(stateful.mock.deliveries()).toEqual([]);
    await advanceOverHttp(60 * MINUTE);
    await stateful.mock.idle();
    expect(stateful.mock.deliveries()).toEqual([]);
  });

  it("loses nothing under 100 parallel creates, and allows exactly one of 100 parallel captures", async () => {
    const paymend = client();
    const created = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        paymend.payments.create(order({ amount: 100 + index, merchantReference: `ORDER-${index}` })),
      ),
    );
    expect(new Set(created.map((payment) => payment.paymentId)).size).toBe(100);
    const stored = (await (await fetch(`${stateful.mock.url}/__payspec/objects/payment`)).json()) as {
      paymentId: string;
    }[];
    expect(stored.map((payment) => payment.paymentId).sort()).toEqual(
      created.map((payment) => payment.paymentId).sort(),
    );
    const fetched = await Promise.all(created.map((payment) => paymend.payments.get(payment.paymentId)));
    expect(fetched.map((payment) => [payment.merchantReference, payment.amount])).toEqual(
      created.map((_, index) => [`ORDER-${index}`, 100 + index]),
    );

    const target = created[0] as PaymentIn<"AUTHORIZED">;
    const captures = await Promise.allSettled(Array.from({ length: 100 }, () => capture(paymend, target)));
    expect(captures.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refusals = captures.filter((result) => result.status === "rejected");
    expect(refusals.every((result) => (result as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
    const captured = await paymend.payments.get(target.paymentId);
    expect(captured.transactions?.filter((transaction) => transaction.type === "CAPTURE")).toHaveLength(1);
  });
});
