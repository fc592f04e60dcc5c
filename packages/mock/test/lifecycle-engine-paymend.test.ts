import { afterAll, describe, expect, it } from "vitest";
import { covered, declared, harness, MINUTE, specDocument } from "./lifecycle-engine-harness.js";

// The lifecycle engine on the Paymend spec's own x-payspec-lifecycle (payments as the guides
// describe them; PENDING recovery ends by the mock clock or the control API), without HTTP.
const provider = "paymend";

function setup() {
  const mock = harness(provider);
  const create = (body: Record<string, unknown> = {}, outcome?: string) =>
    mock.call("createPayment", {
      body: {
        amount: 12997,
        currency: "USD",
        merchantReference: "PAYMENT-12345",
        captureNow: false,
        source: { storeId: "store_abc123", initiatedBy: "CONSUMER" },
        paymentMethod: {
          type: "CARD",
          card: {
            number: "4444444444440000",
            holderName: "John Doe",
            cvv: "123",
            expiryMonth: "12",
            expiryYear: "2030",
          },
        },
        ...body,
      },
      header: outcome === undefined ? {} : { "X-Payspec-Outcome": outcome },
    });
  const act = (operationId: string, paymentId: string, body?: Record<string, unknown>) =>
    mock.call(operationId, { path: { paymentId }, ...(body === undefined ? {} : { body }) });
  return { ...mock, create, act };
}

afterAll(() => {
  const missing = declared(specDocument(provider)["x-payspec-lifecycle"]).filter(
    (name) => !covered(provider).has(name),
  );
  expect(missing).toEqual([]);
});

describe("Paymend payments: create", () => {
  it("authorises, sells (captureNow) or declines (X-Payspec-Outcome: failed), with the transactions of each attempt", () => {
    const mock = setup();
    const authorised = mock.create();
    expect(authorised).toMatchObject({ status: 200, body: { status: "AUTHORIZED", amount: 12997, captureNow: false } });
    expect(authorised.body.paymentId).toMatch(/^pay_[0-9a-f]{16}$/);
    expect(authorised.body.paymentMethod).toEqual({
      type: "CARD",
      card: { holderName: "John Doe", expiryMonth: "12", expiryYear: "2030", bin: "44444444" },
    });
    expect(authorised.body.transactions).toEqual([
      expect.objectContaining({ type: "AUTHORIZATION", amount: 12997, result: "SUCCEEDED" }),
    ]);
    const sale = mock.create({ captureNow: true });
    expect(sale.body.status).toBe("CAPTURED");
    expect(sale.body.transactions.map((transaction: { type: string }) => transaction.type)).toEqual([
      "AUTHORIZATION",
      "CAPTURE",
    ]);
    const declined = mock.create({}, "failed");
    expect(declined.body).toMatchObject({
      status: "FAILED",
      failure: { failureCode: "DO_NOT_HONOR", providerFailureCode: "05" },
      transactions: [{ type: "AUTHORIZATION", result: "FAILED" }],
    });
    expect(mock.types()).toEqual(["PAYMENT_AUTHORIZED", "PAYMENT_CAPTURED", "PAYMENT_FAILED"]);
    expect(mock.call("getPayment", { path: { paymentId: sale.body.paymentId } }).body).toEqual(sale.body);
  });

  it("answers an unknown payment id 404 on every payment operation", () => {
    const mock = setup();
    for (const operationId of ["getPayment", "capturePayment", "refundPayment", "voidPayment"]) {
      expect(mock.act(operationId, "pay_0000000000000000")).toMatchObject({ status: 404 });
    }
  });
});

describe("Paymend payments: PENDING recovery, by the clock or the control API", () => {
  it("stays PENDING for ten minutes of mock time, then ends as the create asked: authorised, sold, or failed", () => {
    const mock = setup();
    const pending = mock.create({}, "pending").body.paymentId as string;
    const sale = mock.create({ captureNow: true }, "pending").body.paymentId as string;
    const fails = mock.create({}, "recovery_failed").body.paymentId as string;
    expect(mock.stored("payment", pending).status).toBe("PENDING");
    // No attempt has succeeded or failed yet: the PaymentResponse page has transactions only once not PENDING.
    expect(mock.stored("payment", pending)).not.toHaveProperty("transactions");
    expect(mock.engine.inspect("payment", pending)?.timers).toEqual(["recover@2026-11-29T12:10:00.000Z"]);
    return (async () => {
      await mock.clock.advance(9 * MINUTE);
      expect(mock.stored("payment", pending).status).toBe("PENDING");
      await mock.clock.advance(MINUTE);
      expect(mock.stored("payment", pending)).toMatchObject({
        status: "AUTHORIZED",
        updatedAt: "2026-11-29T12:10:00Z",
        transactions: [{ type: "AUTHORIZATION", result: "SUCCEEDED" }],
      });
      // Every move is a transaction (API introduction): a recovered sale authorises and captures,
      // a recovery given up records its failed attempt.
      expect(mock.stored("payment", sale)).toMatchObject({
        status: "CAPTURED",
        transactions: [
          { type: "AUTHORIZATION", result: "SUCCEEDED" },
          { type: "CAPTURE", result: "SUCCEEDED" },
        ],
      });
      expect(mock.stored("payment", fails)).toMatchObject({
        status: "FAILED",
        failure: { failureCode: "DO_NOT_HONOR" },
        transactions: [{ type: "AUTHORIZATION", result: "FAILED", failure: { failureCode: "DO_NOT_HONOR" } }],
      });
      expect(mock.engine.inspect("payment", pending)?.timers).toEqual([]);
      expect(mock.types()).toEqual([
        "PAYMENT_CREATED",
        "PAYMENT_CREATED",
        "PAYMENT_CREATED",
        "PAYMENT_AUTHORIZED",
        "PAYMENT_CAPTURED",
        "PAYMENT_FAILED",
      ]);
      // The clock-fired event carries the object before and after.
      expect(mock.events()[3]).toMatchObject({
        kind: "payment",
        id: pending,
        previous: { status: "PENDING" },
        object: { status: "AUTHORIZED" },
      });
    })();
  });

  it("needs the payer's source for a recovery: without initiatedBy the header asks in vain", () => {
    const mock = setup();
    const payment = mock.create({ source: { storeId: "store_abc123" } }, "pending");
    expect(payment.body.status).toBe("AUTHORIZED");
  });

  it("ends a recovery early through recovery.completed (the outcome in params), which cancels the clock's", async () => {
    const mock = setup();
    const failed = mock.create({}, "pending").body.paymentId as string;
    const completed = mock.engine.fire("payment", failed, "recovery.completed", {
      outcome: "failed",
      failureCode: "INSUFFICIENT_FUNDS",
      providerFailureCode: "51",
    });
    expect(completed).toMatchObject({
      status: 200,
      body: {
        status: "FAILED",
        failure: { failureCode: "INSUFFICIENT_FUNDS", providerFailureCode: "51" },
        transactions: [{ type: "AUTHORIZATION", result: "FAILED", failure: { failureCode: "INSUFFICIENT_FUNDS" } }],
      },
    });
    mock.expectValidObject("payment", completed.body);
    const sold = mock.create({ captureNow: true }, "pending").body.paymentId as string;
    expect(mock.engine.fire("payment", sold, "recovery.completed")).toMatchObject({
      body: { status: "CAPTURED", transactions: [{ type: "AUTHORIZATION" }, { type: "CAPTURE", amount: 12997 }] },
    });
    const authorised = mock.create({}, "pending").body.paymentId as string;
    expect(mock.engine.fire("payment", authorised, "recovery.completed", { outcome: "succeeded" })).toMatchObject({
      body: { status: "AUTHORIZED", transactions: [{ type: "AUTHORIZATION", result: "SUCCEEDED" }] },
    });
    expect(mock.engine.fire("payment", authorised, "recovery.completed")).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["PENDING"], state: "AUTHORIZED" },
    });
    mock.clearEvents();
    await mock.clock.advance(60 * MINUTE);
    expect(mock.batches).toEqual([]);
    expect(mock.stored("payment", authorised).status).toBe("AUTHORIZED");
  });
});

describe("Paymend payments: capture, refund, void", () => {
  it("captures an authorised payment once (409 INVALID_STATE after), refunds it (422 above the amount), voids only PENDING or AUTHORIZED", () => {
    const mock = setup();
    const id = mock.create().body.paymentId as string;
    const captured = mock.act("capturePayment", id, {});
    expect(captured.body).toMatchObject({ status: "CAPTURED" });
    expect(captured.body.transactions).toHaveLength(2);
    expect(mock.act("capturePayment", id, {})).toMatchObject({
      status: 409,
      body: { message: "Payment in status CAPTURED cannot be captured" },
    });
    expect(mock.act("voidPayment", id)).toMatchObject({
      status: 409,
      body: { message: "Payment in status CAPTURED cannot be voided" },
    });
    expect(mock.act("refundPayment", id, { refundAmount: 20000 })).toMatchObject({
      status: 422,
      body: { message: "refundAmount exceeds the captured amount" },
    });
    const refunded = mock.act("refundPayment", id, { refundAmount: 5000 });
    expect(refunded.body).toMatchObject({ status: "REFUNDED" });
    expect(refunded.body.transactions.at(-1)).toMatchObject({ type: "REFUND", amount: 5000, result: "SUCCEEDED" });
    expect(mock.act("refundPayment", id, {})).toMatchObject({
      status: 409,
      body: { message: "Payment in status REFUNDED cannot be refunded" },
    });
    const other = mock.create().body.paymentId as string;
    expect(mock.act("refundPayment", other, {})).toMatchObject({ status: 409 });
    expect(mock.act("voidPayment", other).body).toMatchObject({
      status: "VOIDED",
      transactions: [{ type: "AUTHORIZATION" }, { type: "VOID", amount: 12997, result: "SUCCEEDED" }],
    });
    expect(mock.types()).toEqual([
      "PAYMENT_AUTHORIZED",
      "PAYMENT_CAPTURED",
      "PAYMENT_REFUNDED",
      "PAYMENT_AUTHORIZED",
      "PAYMENT_VOIDED",
    ]);
  });

  it("voids a PENDING payment, cancelling its recovery", async () => {
    const mock = setup();
    const id = mock.create({}, "pending").body.paymentId as string;
    expect(mock.act("voidPayment", id).body).toMatchObject({ status: "VOIDED", transactions: [{ type: "VOID" }] });
    expect(mock.engine.inspect("payment", id)?.timers).toEqual([]);
    await mock.clock.advance(30 * MINUTE);
    expect(mock.stored("payment", id).status).toBe("VOIDED");
    expect(mock.types()).toEqual(["PAYMENT_CREATED", "PAYMENT_VOIDED"]);
  });
});
