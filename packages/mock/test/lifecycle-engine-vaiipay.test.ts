import { afterAll, describe, expect, it } from "vitest";
import { covered, declared, harness, MINUTE, specDocument } from "./lifecycle-engine-harness.js";

// The lifecycle engine on the VaiiPay spec's own x-payspec-lifecycle: the payer (the control API)
// and the blockchain (the clock) move a payment; its webhook's delivery confirms it. No HTTP.
const provider = "vaiipay";

function setup() {
  const mock = harness(provider, {
    config: { baseUrl: "https://mock.payspec.test", checkoutBaseUrl: "https://pay.payspec.test" },
  });
  /** Creates a checkout of `amount` and answers the payment's id (the checkout URL's last segment). */
  const checkout = (amount = 10000) => {
    const answer = mock.call("createCheckout", {
      body: { amount, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123", clientId: "app" },
    });
    const url = new URL(answer.body.data.checkoutUrl as string);
    return { answer, id: url.pathname.split("/").at(-1) as string, url };
  };
  const payment = (id: string) => mock.call("retrievePayment", { path: { paymentId: id } }).body.data;
  const fire = (id: string, name: string, params?: unknown) => {
    const answer = mock.engine.fire("payment", id, name, params);
    if (answer.status === 200) mock.expectValidObject("payment", answer.body);
    return answer;
  };
  return { ...mock, checkout, payment, fire };
}

afterAll(() => {
  const missing = declared(specDocument(provider)["x-payspec-lifecycle"]).filter(
    (name) => !covered(provider).has(name),
  );
  expect(missing).toEqual([]);
});

describe("VaiiPay payments: the checkout and the payment", () => {
  it("answers a create with only the signed checkout link (createResponse), and a retrieve with { data: payment } (envelope)", () => {
    const mock = setup();
    const { answer, id, url } = mock.checkout();
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(["data"]);
    expect(Object.keys(answer.body.data)).toEqual(["checkoutUrl"]);
    expect(url.origin + url.pathname).toBe(`https://pay.payspec.test/checkout/${id}`);
    expect(url.searchParams.get("signature")).toMatch(/^[0-9a-f]{64}$/);
    // Unix seconds, as the checkout page writes the link.
    expect(url.searchParams.get("expires")).toBe("1827489600");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(mock.payment(id)).toMatchObject({
      id,
      status: "OPEN",
      reference: "ORDER-123",
      amount: { amount: 10000, value: 100, formatted: "100.00 USD" },
      receivedAmount: { amount: 0, value: 0 },
      date: "2026-11-29T12:00:00Z",
    });
    expect(mock.call("retrievePayment", { path: { paymentId: "550e8400-e29b-41d4-a716-446655440000" } })).toMatchObject(
      { status: 404, body: { message: "Not Found." } },
    );
    expect(mock.batches).toEqual([]);
  });
});

describe("VaiiPay payments: moved by the payer and the blockchain", () => {
  it("short payment: FOUND, UNDERPAID by the clock's confirmations, a short top-up stays, the rest RECEIVED, CONFIRMED once payment.completed is acknowledged", async () => {
    const mock = setup();
    const { id } = mock.checkout(10000);
    expect(mock.fire(id, "transaction.found", { amount: 6000 })).toMatchObject({
      status: 200,
      body: {
        status: "FOUND",
        foundAt: "2026-11-29T12:00:00.000Z",
        receivedAmount: { amount: 6000, value: 60, formatted: "60.00 USD" },
      },
    });
    expect(mock.engine.inspect("payment", id)?.timers).toEqual(["confirmations@2026-11-29T12:10:00.000Z"]);
    await mock.clock.advance(10 * MINUTE);
    expect(mock.payment(id).status).toBe("UNDERPAID");
    expect(mock.types()).toEqual(["payment.underpaid"]);
    expect(mock.fire(id, "top_up", { amount: 1000 })).toMatchObject({
      status: 200,
      body: { status: "UNDERPAID", receivedAmount: { amount: 7000 } },
    });
    expect(mock.fire(id, "top_up", { amount: 3000 }).body).toMatchObject({
      status: "RECEIVED",
      receivedAmount: { amount: 10000 },
    });
    expect(mock.types()).toEqual(["payment.underpaid", "payment.received", "payment.completed"]);
    // One emit per branch, its events in `emits` order.
    expect(mock.batches.at(-1)?.map((event) => event.type)).toEqual(["payment.received", "payment.completed"]);
    // A delivery that ran out of retries leaves it RECEIVED; an acknowledged one confirms it.
    mock.engine.deliveryOutcome({ kind: "payment", id, type: "payment.completed", outcome: "exhausted" });
    expect(mock.payment(id).status).toBe("RECEIVED");
    mock.engine.deliveryOutcome({ kind: "payment", id, type: "payment.received", outcome: "acknowledged" });
    expect(mock.payment(id).status).toBe("RECEIVED");
    await mock.clock.advance(MINUTE);
    mock.engine.deliveryOutcome({ kind: "payment", id, type: "payment.completed", outcome: "acknowledged" });
    expect(mock.payment(id)).toMatchObject({ status: "CONFIRMED", confirmedAt: "2026-11-29T12:11:00.000Z" });
    expect(mock.fire(id, "merchant.refunded").body).toMatchObject({ status: "REFUND" });
    expect(mock.types()).toHaveLength(3);
  });

  it("full payment: confirmations.reached skips the clock (whose timer is cancelled), RECEIVED with both events", async () => {
    const mock = setup();
    const { id } = mock.checkout(10000);
    mock.fire(id, "transaction.found", { amount: 10000 });
    expect(mock.fire(id, "confirmations.reached").body).toMatchObject({ status: "RECEIVED" });
    expect(mock.engine.inspect("payment", id)?.timers).toEqual([]);
    await mock.clock.advance(60 * MINUTE);
    expect(mock.types()).toEqual(["payment.received", "payment.completed"]);
    const short = mock.checkout(10000).id;
    mock.fire(short, "transaction.found", { amount: 10 });
    expect(mock.fire(short, "confirmations.reached").body).toMatchObject({ status: "UNDERPAID" });
    const paid = mock.checkout(500).id;
    // No amount: the payer sent what was asked.
    expect(mock.fire(paid, "transaction.found").body).toMatchObject({ receivedAmount: { amount: 500 } });
    await mock.clock.advance(10 * MINUTE);
    expect(mock.payment(paid).status).toBe("RECEIVED");
  });

  it("cancels or errors an OPEN payment, and refuses events its state does not allow with payspec's 409", () => {
    const mock = setup();
    const cancelled = mock.checkout().id;
    expect(mock.fire(cancelled, "merchant.cancelled").body).toMatchObject({ status: "CANCELLED" });
    const failed = mock.checkout().id;
    expect(mock.fire(failed, "processing.error").body).toMatchObject({ status: "ERROR" });
    expect(mock.fire(failed, "transaction.found", { amount: 1 })).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["OPEN"], state: "ERROR" },
    });
    expect(mock.fire(cancelled, "top_up", { amount: 1 })).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["UNDERPAID"], state: "CANCELLED" },
    });
    const unknown = mock.fire(cancelled, "payer.vanished");
    expect(unknown).toMatchObject({ status: 404, body: { error: "unknown_event" } });
    expect((unknown.body as { events: string[] }).events).toEqual([
      "transaction.found",
      "confirmations.reached",
      "top_up",
      "merchant.cancelled",
      "processing.error",
      "merchant.refunded",
    ]);
    expect(mock.engine.fire("payment", "nothing", "merchant.cancelled")).toMatchObject({
      status: 404,
      body: { error: "not_found" },
    });
    expect(mock.engine.fire("invoice", cancelled, "merchant.cancelled")).toMatchObject({
      status: 404,
      body: { error: "not_found" },
    });
    expect(mock.batches).toEqual([]);
  });
});
