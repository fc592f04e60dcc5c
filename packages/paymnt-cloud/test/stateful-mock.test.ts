import { validateResponses } from "@payspec/mock";
import { useStatefulMock } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { ApiError, createPaymntCloudClient, verifyWebhook } from "../src/index.js";

// Issue 19: Paymnt Cloud on the stateful mock, through the package's own client. Every response is
// checked against the spec by `validateResponses` (Ajv, independent of Prism and of the mock), and
// every webhook the mock delivers is verified by the package's own `verifyWebhook`.
const secret = "whsec_stateful_tests";
const card = (card_number: string) => ({
  card: { card_number, card_exp_month: "10", card_exp_year: "2030", card_holder_name: "Jane Doe", card_cvc: "123" },
});
const stateful = useStatefulMock({ spec: "paymnt-cloud", secret });

const client = (options: { maxRetries?: number } = {}) => {
  const paymnt = createPaymntCloudClient({ apiKey: "sk_sandbox_stateful", baseUrl: stateful.mock.url, ...options });
  paymnt.use(validateResponses("paymnt-cloud"));
  return paymnt;
};

const eventsOf = (count: number) =>
  stateful.events(
    count,
    async (delivery) => (await verifyWebhook(delivery.body, delivery.headers, { secrets: secret })).event,
  );

describe("Paymnt Cloud on the stateful mock", () => {
  it("remembers a payment: the request's own amount comes back on retrieve and in the list", async () => {
    const paymnt = client();
    const created = await paymnt.payments.create({ amount: 1234, currency: "EUR", description: "Order 7" });
    expect(created).toMatchObject({ amount: 1234, currency: "EUR", status: "requires_payment_method" });
    expect(created.payment_id).toMatch(/^pay_[a-z0-9]{20}$/);

    const retrieved = await paymnt.payments.retrieve(created.payment_id);
    expect(retrieved).toMatchObject({ payment_id: created.payment_id, amount: 1234, description: "Order 7" });
    const page = await paymnt.payments.list();
    expect(page.data?.map((payment) => payment.payment_id)).toEqual([created.payment_id]);
  });

  it("runs the two-step capture and refuses a second capture with the engine's IR_14", async () => {
    const paymnt = client();
    const payment = await paymnt.payments.create({
      amount: 1000,
      currency: "USD",
      capture_method: "manual",
      confirm: true,
      payment_method: "card",
      payment_method_data: card("4242424242424242"),
    });
    expect(payment).toMatchObject({ status: "requires_capture", amount_capturable: 1000 });
    // The card is request-only input: no answer echoes its number or CVC.
    const echoed = JSON.stringify(await paymnt.payments.retrieve(payment.payment_id));
    expect(echoed).not.toContain("4242424242424242");
    expect(echoed).not.toContain("card_cvc");

    const captured = await paymnt.payments.capture(payment.payment_id, { amount_to_capture: 400 });
    expect(captured).toMatchObject({ status: "partially_captured", amount_received: 400, amount_capturable: 0 });

    const again = await paymnt.payments.capture(payment.payment_id, { amount_to_capture: 100 }).catch((e) => e);
    expect(again).toBeInstanceOf(ApiError);
    expect(again).toMatchObject({ status: 400, code: "IR_14" });
    expect((again as ApiError).message).toContain("partially_captured");
    // The refusal changed nothing.
    expect(await paymnt.payments.retrieve(payment.payment_id)).toMatchObject({ amount_received: 400 });
  });

  it("refunds what was captured, and no more", async () => {
    const paymnt = client();
    const payment = await paymnt.payments.create({
      amount: 1000,
      currency: "USD",
      confirm: true,
      payment_method: "card",
      payment_method_data: card("4242424242424242"),
    });
    expect(payment).toMatchObject({ status: "succeeded", amount_received: 1000 });
    const refund = await paymnt.refunds.create({ payment_id: payment.payment_id, amount: 600 });
    expect(refund).toMatchObject({ payment_id: payment.payment_id, amount: 600, status: "succeeded" });
    expect(await paymnt.refunds.retrieve(refund.refund_id)).toMatchObject({ amount: 600 });

    const tooMuch = await paymnt.refunds.create({ payment_id: payment.payment_id, amount: 500 }).catch((e) => e);
    expect(tooMuch).toMatchObject({ status: 400, code: "IR_13" });
    const unknown = await paymnt.refunds.create({ payment_id: "pay_unknown", amount: 1 }).catch((e) => e);
    expect(unknown).toMatchObject({ status: 404, code: "HE_02" });
  });

  it("challenges an open dispute with evidence once, then refuses more evidence with HE_03", async () => {
    const paymnt = client();
    const payment = await paymnt.payments.create({
      amount: 2200,
      currency: "USD",
      confirm: true,
      payment_method: "card",
      payment_method_data: card("4242424242424242"),
    });
    await stateful.fire("payment", payment.payment_id, "network.dispute_opened");
    const [dispute] = await paymnt.disputes.list();
    if (dispute === undefined) throw new Error("no dispute listed");
    const evidence = { dispute_id: dispute.dispute_id, uncategorized_text: "Delivered and signed for." };
    expect(await paymnt.disputes.submitEvidence(evidence)).toMatchObject({
      dispute_id: dispute.dispute_id,
      dispute_status: "dispute_challenged",
    });
    await expect(paymnt.disputes.submitEvidence(evidence)).rejects.toMatchObject({ status: 400, code: "HE_03" });
    expect((await paymnt.disputes.retrieve(dispute.dispute_id)).dispute_status).toBe("dispute_challenged");
  });

  it("opens a dispute from the network, lists it, accepts it once, and expires another on the clock", async () => {
    const paymnt = client();
    const captured = async () =>
      paymnt.payments.create({
        amount: 3000,
        currency: "USD",
        confirm: true,
        payment_method: "card",
        payment_method_data: card("4242424242424242"),
      });
    const payment = await captured();
    expect(
      (await stateful.fire("payment", payment.payment_id, "network.dispute_opened", { amount: 1200 })).status,
    ).toBe(200);
    const [dispute] = await paymnt.disputes.list();
    expect(dispute).toMatchObject({
      payment_id: payment.payment_id,
      amount: "1200",
      currency: "USD",
      dispute_stage: "dispute",
      dispute_status: "dispute_opened",
    });
    if (dispute === undefined) throw new Error("no dispute listed");
    expect(await paymnt.disputes.retrieve(dispute.dispute_id)).toMatchObject({ dispute_status: "dispute_opened" });
    expect(await paymnt.disputes.accept(dispute.dispute_id, {})).toMatchObject({ dispute_status: "dispute_accepted" });
    await expect(paymnt.disputes.accept(dispute.dispute_id, {})).rejects.toMatchObject({ status: 400, code: "HE_03" });
    await expect(paymnt.disputes.retrieve("dp_nosuchdispute")).rejects.toMatchObject({ status: 404, code: "HE_02" });

    const other = await captured();
    await stateful.fire("payment", other.payment_id, "network.dispute_opened");
    await stateful.mock.clock.advance(8 * 86_400_000);
    const disputes = await paymnt.disputes.list();
    expect(disputes.find((item) => item.payment_id === other.payment_id)).toMatchObject({
      amount: "3000",
      dispute_status: "dispute_expired",
    });
    const events = await eventsOf(6);
    expect(events.map((event) => event.event_type)).toEqual([
      "payment_succeeded",
      "dispute_opened",
      "dispute_accepted",
      "payment_succeeded",
      "dispute_opened",
      "dispute_expired",
    ]);
    expect(events[1]?.content.object).toMatchObject({ dispute_id: dispute.dispute_id, amount: "1200" });
  });

  it("answers an unknown payment with the provider's own 404", async () => {
    const missing = await client()
      .payments.retrieve("pay_nosuchpayment")
      .catch((e) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, code: "HE_02" });
  });

  it("delivers each transition's event, signed so the package's verifier accepts it", async () => {
    const paymnt = client();
    const payment = await paymnt.payments.create({
      amount: 2500,
      currency: "USD",
      capture_method: "manual",
      confirm: true,
      payment_method: "card",
      payment_method_data: card("4242424242424242"),
    });
    await paymnt.payments.capture(payment.payment_id, {});
    const events = await eventsOf(2);
    expect(events.map((event) => event.event_type)).toEqual(["payment_authorized", "payment_succeeded"]);
    for (const event of events) {
      expect(event.content.object).toMatchObject({ payment_id: payment.payment_id, amount: 2500 });
    }
    expect(events[1]?.content.object).toMatchObject({ status: "succeeded", amount_received: 2500 });
  });

  it("retries a delivery the endpoint answered with 500, and records every attempt", async () => {
    stateful.answerWith((_delivery, index) => (index === 0 ? 500 : 200));
    const paymnt = client();
    await paymnt.payments.create({
      amount: 700,
      currency: "USD",
      confirm: true,
      payment_method: "card",
      payment_method_data: card("4242424242424242"),
    });
    const received = await stateful.receiver.waitFor(2);
    expect(received.map((delivery) => delivery.body.toString())).toEqual([
      received[0]?.body.toString(),
      received[0]?.body.toString(),
    ]);
    await stateful.mock.idle();
    const [delivery] = stateful.mock.deliveries();
    expect(delivery).toMatchObject({ eventType: "payment_succeeded", outcome: "delivered", target: "configured" });
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
  });

  it("replays a repeated idempotency key without creating a second payment", async () => {
    const send = () =>
      fetch(`${stateful.mock.url}/payments`, {
        method: "POST",
        headers: { "api-key": "k", "content-type": "application/json", "idempotency-key": "order-42" },
        body: JSON.stringify({ amount: 4200, currency: "USD" }),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { payment_id: string },
      }));
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.body.payment_id).toBe(first.body.payment_id);
    const page = await client().payments.list();
    expect(page.data).toHaveLength(1);
  });

  it("leaves request validation to Prism: an invalid body is refused and creates nothing", async () => {
    const response = await fetch(`${stateful.mock.url}/payments`, {
      method: "POST",
      headers: { "api-key": "k", "content-type": "application/json" },
      body: JSON.stringify({ amount: "a lot", currency: "USD" }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await client().payments.list()).data).toHaveLength(0);
  });

  it("forgets everything on reset, over HTTP too", async () => {
    const paymnt = client();
    const payment = await paymnt.payments.create({ amount: 100, currency: "USD" });
    const reset = await stateful.control("/reset");
    expect(reset.status).toBe(200);
    await expect(paymnt.payments.retrieve(payment.payment_id)).rejects.toMatchObject({ status: 404 });
  });

  it("loses no update under 100 parallel creates and 100 parallel captures of one payment", async () => {
    const paymnt = client();
    const created = await Promise.all(
      Array.from({ length: 100 }, (_, index) => paymnt.payments.create({ amount: 100 + index, currency: "USD" })),
    );
    expect(new Set(created.map((payment) => payment.payment_id)).size).toBe(100);
    const listed = await paymnt.payments.list({ limit: 100 });
    expect(listed.data).toHaveLength(100);

    const payment = await paymnt.payments.create({
      amount: 1000,
      currency: "USD",
      capture_method: "manual_multiple",
      confirm: true,
      payment_method: "card",
      payment_method_data: card("4242424242424242"),
    });
    const captures = await Promise.allSettled(
      Array.from({ length: 100 }, () => paymnt.payments.capture(payment.payment_id, { amount_to_capture: 10 })),
    );
    expect(captures.filter((capture) => capture.status === "fulfilled")).toHaveLength(100);
    expect(await paymnt.payments.retrieve(payment.payment_id)).toMatchObject({
      status: "succeeded",
      amount_received: 1000,
      amount_capturable: 0,
    });
  });
});
