import { afterAll, describe, expect, it } from "vitest";
import { covered, DAY, declared, harness, specDocument } from "./lifecycle-engine-harness.js";

// The lifecycle engine on the Paymnt Cloud spec's own x-payspec-lifecycle (payments and refunds as
// the Hyperswitch engine runs them), driven without HTTP; every answer validated against the spec.
const provider = "paymnt-cloud";
const card = (card_number: string) => ({
  card: { card_number, card_exp_month: "12", card_exp_year: "2030", card_holder_name: "Ada", card_cvc: "123" },
});
const VISA = "4242424242424242";
const DECLINED = "4000000000000002";
const THREE_DS = "4000003800000446";

function setup() {
  const mock = harness(provider);
  const pay = (body: Record<string, unknown>) => mock.call("createPayment", { body: { currency: "USD", ...body } });
  const act = (operationId: string, payment_id: string, body: Record<string, unknown> = {}) =>
    mock.call(operationId, { path: { payment_id }, body });
  /** A captured (succeeded) payment of `amount`. */
  const captured = (amount = 1000) =>
    pay({ amount, confirm: true, payment_method: "card", payment_method_data: card(VISA) }).body.payment_id as string;
  const refund = (body: Record<string, unknown>, header: Record<string, string> = {}) =>
    mock.call("createRefund", { body, header });
  return { ...mock, pay, act, captured, refund };
}

afterAll(() => {
  // Every branch of every transition ran, and every refusal was answered, somewhere in this file.
  const missing = declared(specDocument(provider)["x-payspec-lifecycle"]).filter(
    (name) => !covered(provider).has(name),
  );
  expect(missing).toEqual([]);
});

describe("Paymnt Cloud payments: create", () => {
  it("answers the documented 200 with the payment, each initial state by confirm, capture_method and test card", () => {
    const mock = setup();
    const intent = mock.pay({ amount: 1000 });
    expect(intent).toMatchObject({ status: 200, mediaType: "application/json" });
    expect(intent.body).toMatchObject({ status: "requires_payment_method", amount: 1000, amount_capturable: 1000 });
    expect(mock.pay({ amount: 1000, payment_method_data: card(VISA) }).body.status).toBe("requires_confirmation");
    const declined = mock.pay({ amount: 1000, confirm: true, payment_method_data: card(DECLINED) });
    expect(declined.body).toMatchObject({ status: "failed", error_code: "declined", amount_capturable: 0 });
    const challenged = mock.pay({ amount: 1000, confirm: true, payment_method_data: card(THREE_DS) });
    expect(challenged.body).toMatchObject({
      status: "requires_customer_action",
      next_action: {
        type: "redirect_to_url",
        redirect_to_url: `https://mock.payspec.test/__payspec/authenticate/${challenged.body.payment_id}`,
      },
    });
    const manual = mock.pay({ amount: 1000, confirm: true, capture_method: "manual", payment_method_data: card(VISA) });
    expect(manual.body.status).toBe("requires_capture");
    const automatic = mock.pay({ amount: 700, confirm: true, payment_method_data: card(VISA) });
    expect(automatic.body).toMatchObject({ status: "succeeded", amount_received: 700, amount_capturable: 0 });
    expect(mock.types()).toEqual(["payment_failed", "action_required", "payment_authorized", "payment_succeeded"]);
  });

  it("refuses a reused payment_id with HE_01, emitting nothing", () => {
    const mock = setup();
    mock.pay({ amount: 1, payment_id: "pay_mine" });
    const again = mock.pay({ amount: 1, payment_id: "pay_mine" });
    expect(again).toMatchObject({ status: 400, body: { error: { code: "HE_01" } } });
    expect(mock.batches).toEqual([]);
  });
});

describe("Paymnt Cloud payments: update, confirm, authenticate", () => {
  it("updates an unconfirmed payment (its amount and what is capturable), refuses a confirmed one with IR_16", () => {
    const mock = setup();
    const id = mock.pay({ amount: 1000 }).body.payment_id;
    const updated = mock.act("updatePayment", id, { amount: 2500, description: "bigger" });
    expect(updated).toMatchObject({
      status: 200,
      body: { amount: 2500, amount_capturable: 2500, description: "bigger" },
    });
    expect(updated.body.modified_at).toEqual(expect.any(String));
    const done = mock.pay({ amount: 1000, confirm: true, payment_method_data: card(VISA) }).body.payment_id;
    expect(mock.act("updatePayment", done, { amount: 1 })).toMatchObject({
      status: 400,
      body: { error: { code: "IR_16", message: "You cannot update this payment because it has status succeeded" } },
    });
    expect(mock.stored("payment", done).amount).toBe(1000);
  });

  it("confirms by the card: declined, 3DS, manual, automatic; a confirmed payment and one without a method are refused", () => {
    const mock = setup();
    const confirm = (create: Record<string, unknown>, body: Record<string, unknown>) =>
      mock.act("confirmPayment", mock.pay({ amount: 1000, ...create }).body.payment_id, body);
    expect(confirm({}, { payment_method_data: card(DECLINED) }).body).toMatchObject({
      status: "failed",
      attempt_count: 1,
    });
    expect(confirm({}, { payment_method_data: card(THREE_DS) }).body.status).toBe("requires_customer_action");
    expect(confirm({ capture_method: "manual" }, { payment_method_data: card(VISA) }).body.status).toBe(
      "requires_capture",
    );
    // The card sent at create is the method: the confirmation needs none of its own.
    expect(confirm({ payment_method_data: card(VISA) }, {}).body).toMatchObject({
      status: "succeeded",
      amount_received: 1000,
    });
    expect(confirm({}, {})).toMatchObject({ status: 400, body: { error: { code: "IR_04" } } });
    const succeeded = mock.pay({ amount: 1000, confirm: true, payment_method_data: card(VISA) }).body.payment_id;
    expect(mock.act("confirmPayment", succeeded, { payment_method_data: card(VISA) })).toMatchObject({
      status: 400,
      body: { error: { code: "IR_16", message: "You cannot confirm this payment because it has status succeeded" } },
    });
    expect(mock.types()).toEqual([
      "payment_failed",
      "action_required",
      "payment_authorized",
      "payment_succeeded",
      "payment_succeeded",
    ]);
  });

  it("completes a 3DS challenge through the control API (customer.authenticated), and answers 409 in any other state", () => {
    const mock = setup();
    const challenge = (capture_method?: string) =>
      mock.pay({
        amount: 1000,
        confirm: true,
        payment_method_data: card(THREE_DS),
        ...(capture_method === undefined ? {} : { capture_method }),
      }).body.payment_id as string;
    const manual = challenge("manual");
    const authorised = mock.engine.fire("payment", manual, "customer.authenticated");
    expect(authorised).toMatchObject({ status: 200, body: { status: "requires_capture" } });
    expect((authorised.body as Record<string, unknown>).next_action).toBeNull();
    mock.expectValidObject("payment", authorised.body);
    const automatic = challenge();
    expect(mock.engine.fire("payment", automatic, "customer.authenticated")).toMatchObject({
      status: 200,
      body: { status: "succeeded", amount_received: 1000 },
    });
    expect(mock.engine.fire("payment", automatic, "customer.authenticated")).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["requires_customer_action"], state: "succeeded" },
    });
    expect(mock.types()).toEqual(["action_required", "payment_authorized", "action_required", "payment_succeeded"]);
  });
});

describe("Paymnt Cloud payments: capture, cancel", () => {
  const authorised = (mock: ReturnType<typeof setup>, capture_method = "manual", amount = 1000) =>
    mock.pay({ amount, confirm: true, capture_method, payment_method_data: card(VISA) }).body.payment_id as string;

  it("captures in full, in part, and in several parts (manual_multiple) with the amounts the engine keeps", () => {
    const mock = setup();
    const full = authorised(mock);
    expect(mock.act("capturePayment", full).body).toMatchObject({
      status: "succeeded",
      amount_received: 1000,
      amount_capturable: 0,
    });
    const part = authorised(mock);
    expect(mock.act("capturePayment", part, { amount_to_capture: 400 }).body).toMatchObject({
      status: "partially_captured",
      amount_received: 400,
      amount_capturable: 0,
    });
    const multiple = authorised(mock, "manual_multiple");
    expect(mock.act("capturePayment", multiple, { amount_to_capture: 300 }).body).toMatchObject({
      status: "partially_captured_and_capturable",
      amount_received: 300,
      amount_capturable: 700,
    });
    expect(mock.act("capturePayment", multiple, { amount_to_capture: 700 }).body).toMatchObject({
      status: "succeeded",
      amount_received: 1000,
      amount_capturable: 0,
    });
  });

  it("refuses a second capture (IR_14), an automatic one (IR_14) and too much (IR_06), leaving the payment as it was", () => {
    const mock = setup();
    const id = authorised(mock);
    mock.act("capturePayment", id);
    mock.clearEvents();
    expect(mock.act("capturePayment", id)).toMatchObject({
      status: 400,
      body: { error: { code: "IR_14", message: expect.stringContaining("payment.status of succeeded") } },
    });
    const automatic = mock.pay({ amount: 1000, payment_method_data: card(THREE_DS) }).body.payment_id;
    // Seeded into requires_capture with an automatic capture method: only the guard can refuse it.
    const seeded = mock.engine.seed({
      object: "payment",
      state: "requires_capture",
      fields: { amount: 1000, currency: "USD", capture_method: "automatic" },
    });
    const seededId = (seeded.body as { payment_id: string }).payment_id;
    expect(mock.act("capturePayment", seededId)).toMatchObject({
      status: 400,
      body: { error: { code: "IR_14", message: expect.stringContaining("capture_method of automatic") } },
    });
    const tooMuch = authorised(mock, "manual", 500);
    mock.clearEvents();
    expect(mock.act("capturePayment", tooMuch, { amount_to_capture: 501 })).toMatchObject({
      status: 400,
      body: { error: { code: "IR_06", message: "amount_to_capture is greater than amount" } },
    });
    expect(mock.stored("payment", tooMuch)).toMatchObject({ status: "requires_capture", amount_capturable: 500 });
    expect(mock.stored("payment", automatic).status).toBe("requires_confirmation");
    expect(mock.batches).toEqual([]);
  });

  it("cancels before capture and after it, refusing each in the other's states", () => {
    const mock = setup();
    const open = authorised(mock);
    expect(mock.act("cancelPayment", open, { cancellation_reason: "requested_by_customer" }).body).toMatchObject({
      status: "cancelled",
      cancellation_reason: "requested_by_customer",
      amount_capturable: 0,
    });
    expect(mock.act("cancelPayment", open)).toMatchObject({
      status: 400,
      body: { error: { code: "IR_16", message: "You cannot cancel this payment because it has status cancelled" } },
    });
    expect(mock.act("cancelPaymentPostCapture", open)).toMatchObject({
      status: 400,
      body: { error: { code: "IR_14", message: expect.stringContaining("payment.status of cancelled") } },
    });
    const done = mock.captured();
    expect(mock.act("cancelPaymentPostCapture", done).body.status).toBe("cancelled_post_capture");
    expect(mock.types()).toEqual([
      "payment_authorized",
      "payment_cancelled",
      "payment_succeeded",
      "payment_cancelled_post_capture",
    ]);
  });

  it("answers an unknown payment id with HE_02 for every payment operation", () => {
    const mock = setup();
    for (const operationId of [
      "retrievePayment",
      "updatePayment",
      "confirmPayment",
      "capturePayment",
      "cancelPayment",
    ]) {
      expect(mock.act(operationId, "pay_nothing")).toMatchObject({
        status: 404,
        body: { error: { code: "HE_02", message: "Payment does not exist in our records" } },
      });
    }
  });
});

describe("Paymnt Cloud refunds: the payment is the parent", () => {
  it("refunds a captured payment: the refund succeeds, the payment lists it and counts it against what is left", () => {
    const mock = setup();
    const payment_id = mock.captured(1000);
    mock.clearEvents();
    const first = mock.refund({ payment_id, amount: 300, reason: "customer" });
    expect(first).toMatchObject({
      status: 200,
      body: { payment_id, amount: 300, currency: "USD", status: "succeeded", connector: "dummyconnector" },
    });
    expect(first.body.refund_id).toMatch(/^ref_[a-z0-9]{20}$/);
    const payment = mock.stored("payment", payment_id);
    expect(payment.status).toBe("succeeded");
    expect(payment.refunds).toEqual([expect.objectContaining({ refund_id: first.body.refund_id, amount: 300 })]);
    expect(mock.engine.inspect("payment", payment_id)?.meta).toEqual({ refunded: 300 });
    // No amount: what is left of the payment (1000 − 300).
    expect(mock.refund({ payment_id }).body).toMatchObject({ amount: 700, status: "succeeded" });
    expect(mock.refund({ payment_id, amount: 1 })).toMatchObject({
      status: 400,
      body: { error: { code: "IR_13", message: "The refund amount exceeds the amount captured" } },
    });
    expect(mock.types()).toEqual(["refund_succeeded", "refund_succeeded"]);
    expect(mock.events()[0]).toMatchObject({ kind: "refund", id: first.body.refund_id, previous: undefined });
  });

  it("refuses a refund of an uncaptured payment (IR_14 with the payment's status), of too much (IR_13), and a reused refund_id (HE_01)", () => {
    const mock = setup();
    const open = mock.pay({ amount: 1000 }).body.payment_id;
    expect(mock.refund({ payment_id: open, amount: 100 })).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "IR_14",
          message:
            "This Payment could not be refund because it has a status of requires_payment_method. The expected state is succeeded, partially_captured",
        },
      },
    });
    const payment_id = mock.captured(500);
    expect(mock.refund({ payment_id, amount: 501 })).toMatchObject({ status: 400, body: { error: { code: "IR_13" } } });
    mock.refund({ payment_id, amount: 100, refund_id: "ref_mine" });
    expect(mock.refund({ payment_id, amount: 100, refund_id: "ref_mine" })).toMatchObject({
      status: 400,
      body: { error: { code: "HE_01", message: expect.stringContaining("Duplicate refund request") } },
    });
    expect(mock.engine.inspect("payment", payment_id)?.meta).toEqual({ refunded: 100 });
  });

  it("answers a refund of an unknown payment with the payment's notFound: 404 HE_02, as createRefund declares", () => {
    const mock = setup();
    const answer = mock.engine.handle("createRefund", { body: { payment_id: "pay_nothing", amount: 100 } });
    expect(answer).toMatchObject({
      status: 404,
      body: { error: { code: "HE_02", message: "Payment does not exist in our records" } },
    });
    if (answer === undefined) throw new Error("not served");
    expect(mock.differences("createRefund", answer)).toBeUndefined();
  });

  it("fails or leaves pending a refund by X-Payspec-Outcome; a pending refund settles through the control API", () => {
    const mock = setup();
    const payment_id = mock.captured(1000);
    mock.clearEvents();
    const failed = mock.refund({ payment_id, amount: 100 }, { "x-payspec-outcome": "failed" });
    expect(failed.body).toMatchObject({ status: "failed", error_message: "Refund failed at the connector" });
    const pending = mock.refund({ payment_id, amount: 200 }, { "X-Payspec-Outcome": "pending" }).body.refund_id;
    expect(mock.stored("refund", pending).status).toBe("pending");
    expect(mock.engine.inspect("payment", payment_id)?.meta).toEqual({});
    expect(mock.engine.fire("refund", pending, "refund.settled")).toMatchObject({
      status: 200,
      body: { status: "succeeded" },
    });
    expect(mock.engine.inspect("payment", payment_id)?.meta).toEqual({ refunded: 200 });
    const other = mock.refund({ payment_id, amount: 50 }, { "X-Payspec-Outcome": "pending" }).body.refund_id;
    expect(mock.engine.fire("refund", other, "refund.settled", { outcome: "failed" })).toMatchObject({
      status: 200,
      body: { status: "failed" },
    });
    expect(mock.engine.fire("refund", other, "refund.settled")).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["pending"], state: "failed" },
    });
    expect(mock.types()).toEqual(["refund_failed", "refund_succeeded", "refund_failed"]);
  });

  it("retrieves and updates a refund, and answers an unknown one with its own HE_02", () => {
    const mock = setup();
    const payment_id = mock.captured(1000);
    const refund_id = mock.refund({ payment_id, amount: 100 }).body.refund_id;
    expect(mock.call("retrieveRefund", { path: { refund_id } }).body).toMatchObject({ refund_id, amount: 100 });
    const updated = mock.call("updateRefund", { path: { refund_id }, body: { reason: "duplicate" } });
    expect(updated.body).toMatchObject({ refund_id, reason: "duplicate", status: "succeeded" });
    expect(mock.call("retrieveRefund", { path: { refund_id: "ref_nothing" } })).toMatchObject({
      status: 404,
      body: { error: { code: "HE_02", message: "Refund does not exist in our records." } },
    });
  });
});

describe("Paymnt Cloud disputes: opened by the network through the control API", () => {
  const open = (mock: ReturnType<typeof setup>, params: Record<string, unknown> = {}) => {
    const payment_id = mock.captured(2000);
    expect(mock.engine.fire("payment", payment_id, "network.dispute_opened", params)).toMatchObject({ status: 200 });
    const listed = mock.call("listDisputes").body as unknown as { dispute_id: string; payment_id: string }[];
    const dispute = listed.find((item) => item.payment_id === payment_id);
    if (dispute === undefined) throw new Error("the dispute was not listed");
    return { payment_id, dispute_id: dispute.dispute_id };
  };

  it("creates the dispute (the given amount, or what was received) and sends dispute_opened for it", () => {
    const mock = setup();
    const part = open(mock, { amount: 700 });
    expect(mock.call("retrieveDispute", { path: { dispute_id: part.dispute_id } }).body).toMatchObject({
      payment_id: part.payment_id,
      amount: "700",
      dispute_stage: "dispute",
      dispute_status: "dispute_opened",
    });
    const whole = open(mock);
    expect(mock.call("retrieveDispute", { path: { dispute_id: whole.dispute_id } }).body).toMatchObject({
      amount: "2000",
    });
    const opened = mock.events().filter((event) => event.type === "dispute_opened");
    expect(opened.map((event) => [event.kind, event.id])).toEqual([
      ["dispute", part.dispute_id],
      ["dispute", whole.dispute_id],
    ]);
    // Only a captured payment can be disputed.
    const intent = mock.pay({ amount: 100 }).body.payment_id as string;
    expect(mock.engine.fire("payment", intent, "network.dispute_opened")).toMatchObject({ status: 409 });
  });

  it("accepts an open dispute once (HE_03 after), 404s an unknown one, and decides or expires the others", () => {
    const mock = setup();
    const accepted = open(mock);
    expect(mock.call("acceptDispute", { path: { dispute_id: accepted.dispute_id }, body: {} }).body).toMatchObject({
      dispute_status: "dispute_accepted",
    });
    expect(mock.call("acceptDispute", { path: { dispute_id: accepted.dispute_id }, body: {} })).toMatchObject({
      status: 400,
      body: { error: { code: "HE_03", message: "Dispute status validation failed" } },
    });
    expect(mock.call("retrieveDispute", { path: { dispute_id: "dp_unknown" } })).toMatchObject({
      status: 404,
      body: { error: { code: "HE_02", message: "Dispute does not exist in our records" } },
    });

    const won = open(mock);
    // Evidence names the dispute in the body; it challenges an open dispute once.
    const evidence = { dispute_id: won.dispute_id, uncategorized_text: "Delivered and signed for." };
    expect(mock.call("submitDisputeEvidence", { body: evidence }).body).toMatchObject({
      dispute_id: won.dispute_id,
      dispute_status: "dispute_challenged",
    });
    expect(mock.call("submitDisputeEvidence", { body: evidence })).toMatchObject({
      status: 400,
      body: { error: { code: "HE_03" } },
    });
    const elsewhere = open(mock);
    expect(mock.engine.fire("dispute", elsewhere.dispute_id, "network.dispute_challenged")).toMatchObject({
      body: { dispute_status: "dispute_challenged" },
    });
    expect(mock.engine.fire("dispute", won.dispute_id, "network.dispute_decided", { outcome: "won" })).toMatchObject({
      body: { dispute_status: "dispute_won" },
    });
    const lost = open(mock);
    expect(mock.engine.fire("dispute", lost.dispute_id, "network.dispute_decided")).toMatchObject({
      body: { dispute_status: "dispute_lost" },
    });
    const expiring = open(mock);
    return mock.clock.advance(8 * DAY).then(() => {
      expect(mock.call("retrieveDispute", { path: { dispute_id: expiring.dispute_id } }).body).toMatchObject({
        dispute_status: "dispute_expired",
      });
      // An accepted dispute does not expire.
      expect(mock.call("retrieveDispute", { path: { dispute_id: accepted.dispute_id } }).body).toMatchObject({
        dispute_status: "dispute_accepted",
      });
      expect(
        mock
          .events()
          .map((event) => event.type)
          .filter((type) => type.startsWith("dispute_")),
      ).toEqual([
        "dispute_opened",
        "dispute_accepted",
        "dispute_opened",
        "dispute_challenged",
        "dispute_opened",
        "dispute_challenged",
        "dispute_won",
        "dispute_opened",
        "dispute_lost",
        "dispute_opened",
        "dispute_expired",
      ]);
    });
  });
});
