import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useStatefulMock } from "../src/stateful-harness.js";

// The provider packages' stateful suites run on this harness; these tests pin what they rely on:
// the set-up, the HTTP helpers, and that nothing of one test leaks into the next (the tests below
// run in order, the second checking what the first left behind).
const secret = "whsec_harness";
const stateful = useStatefulMock({ spec: "paymnt-cloud", secret });
// Read at collection time, before beforeAll: the getter says why instead of answering undefined.
const early = (() => {
  try {
    return stateful.mock;
  } catch (error) {
    return error;
  }
})();

const pay = async () => {
  const response = await fetch(`${stateful.mock.url}/payments`, {
    method: "POST",
    headers: { "api-key": "sk_test_harness", "content-type": "application/json" },
    body: JSON.stringify({
      amount: 3000,
      currency: "USD",
      confirm: true,
      payment_method: "card",
      payment_method_data: {
        card: {
          card_number: "4242424242424242",
          card_exp_month: "10",
          card_exp_year: "2030",
          card_holder_name: "Jane Doe",
          card_cvc: "123",
        },
      },
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { payment_id: string };
};
const signatureOk = (delivery: { body: Buffer; headers: Record<string, unknown> }) =>
  delivery.headers["x-webhook-signature-512"] === createHmac("sha512", secret).update(delivery.body).digest("hex");

describe("useStatefulMock", () => {
  it("refuses to hand out the mock before beforeAll started it", () => {
    expect(early).toBeInstanceOf(Error);
    expect((early as Error).message).toContain("beforeAll");
  });

  it("delivers signed webhooks to its receiver, answers as told, fires events over HTTP and reads deliveries", async () => {
    stateful.answerWith((_delivery, index) => (index === 0 ? 500 : 200));
    const payment = await pay();
    const opened = await stateful.fire("payment", payment.payment_id, "network.dispute_opened", { amount: 1200 });
    expect(opened).toMatchObject({ status: 200, body: { payment_id: payment.payment_id } });
    const events = await stateful.events(3, (delivery) => {
      expect(signatureOk(delivery)).toBe(true);
      return [JSON.parse(delivery.body.toString("utf8")).event_type, delivery.status];
    });
    // The first delivery was refused and retried: the same event twice.
    expect(events).toContainEqual(["payment_succeeded", 500]);
    expect(events).toContainEqual(["payment_succeeded", 200]);
    expect(events).toContainEqual(["dispute_opened", 200]);

    expect(await stateful.fire("payment", "pay_nosuchpayment", "network.dispute_opened")).toMatchObject({
      status: 404,
      body: { error: "not_found" },
    });
    const before = stateful.mock.clock.now();
    expect(await stateful.control("/clock/advance", { ms: 60_000 })).toMatchObject({
      status: 200,
      body: { now: new Date(before + 60_000).toISOString() },
    });
  });

  it("starts the next test with nothing of the last: no objects, no deliveries, an empty receiver, a 200", async () => {
    const stored = await fetch(`${stateful.mock.url}/__payspec/objects/payment`);
    expect(await stored.json()).toEqual([]);
    expect(stateful.mock.deliveries()).toEqual([]);
    expect(stateful.receiver.received).toEqual([]);
    await pay();
    const [delivery] = await stateful.receiver.waitFor(1);
    expect(delivery?.status).toBe(200);
  });

  it("posts to the control API without a body when given none", async () => {
    await pay();
    expect(await stateful.control("/reset")).toMatchObject({ status: 200 });
    expect(await (await fetch(`${stateful.mock.url}/__payspec/objects/payment`)).json()).toEqual([]);
  });
});
