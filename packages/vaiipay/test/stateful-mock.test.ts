import type { IncomingHttpHeaders } from "node:http";
import { type ReceivedWebhook, startProviderMock, startWebhookReceiver, validateResponses } from "@payspec/mock";
import { useStatefulMock } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { ApiError, createVaiiPayClient, paymentIdFromCheckoutUrl, verifyWebhook } from "../src/index.js";

// Issue 19: VaiiPay on the stateful mock, through the package's own client. Every response is
// checked against the spec by `validateResponses` (Ajv, independent of Prism and of the mock);
// every webhook the mock delivers is verified by the package's own `verifyWebhook`. The payer and
// the blockchain are the control API (`/__payspec/objects/payment/{id}/events/{name}`) and the
// mock clock; VaiiPay confirms a payment only once its `payment.completed` delivery got a 200.
const secret = "vaiipay_webhook_secret_stateful";
const clientId = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
const MINUTE = 60_000;
// The schedule (1 min, 5 min, 15 min, 1 h, 4 h) runs 3600 times faster: a minute is 17 ms.
const stateful = useStatefulMock({ spec: "vaiipay", secret, timeCompression: 3600 });

const client = (baseUrl = stateful.mock.url) => {
  const vaiipay = createVaiiPayClient({ token: "vp_client_token", tokenKind: "client", baseUrl, clientId });
  vaiipay.use(validateResponses("vaiipay"));
  return vaiipay;
};

const order = { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123" };

/** Creates a checkout and answers its link and the payment id inside it. */
const checkout = async (body: Partial<typeof order> & { expiresAt?: string } = {}, vaiipay = client()) => {
  const { data } = await vaiipay.checkouts.create({ ...order, ...body });
  return { checkoutUrl: data.checkoutUrl, id: paymentIdFromCheckoutUrl(data.checkoutUrl) };
};
const retrieve = async (id: string, vaiipay = client()) => (await vaiipay.payments.retrieve(id)).data;

/** The payer or the blockchain, over HTTP as another process would: the control API. */
const payer = (id: string, event: string, params?: Record<string, unknown>, on?: { url: string }) =>
  stateful.fire("payment", id, event, params, on);

/**
 * Verifies a delivery with the package's verifier, as a merchant's endpoint would: the default
 * ±300 s freshness against the real time (the mock signs at the real time it sends, whatever its
 * clock says).
 */
const verify = async (delivery: { body: Buffer; headers: IncomingHttpHeaders }) =>
  verifyWebhook(delivery.body, delivery.headers, { secrets: secret });
const eventName = (delivery: { headers: IncomingHttpHeaders }) => delivery.headers["x-paymentservice-event"];

describe("VaiiPay on the stateful mock", () => {
  it("creates a checkout answering only its link; the payment carries the request's own amount, currency and reference", async () => {
    const vaiipay = client();
    const { data } = await vaiipay.checkouts.create({
      amount: 12345,
      currencyCode: "EUR",
      reference: "ORDER-7",
      referenceLabel: "Order #7",
      settlementCurrencyCode: "USDT",
    });
    expect(Object.keys(data)).toEqual(["checkoutUrl"]);
    const link = new URL(data.checkoutUrl);
    const id = paymentIdFromCheckoutUrl(data.checkoutUrl);
    // On this mock's host (from the very first call), the id as the last segment, signed, and
    // expiring a year on in Unix seconds, as the checkout page writes it.
    expect(`${link.origin}${link.pathname}`).toBe(`${stateful.mock.url}/checkout/${id}`);
    expect(link.searchParams.get("signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(link.searchParams.get("expires"))).toBe(
      Math.floor((stateful.mock.clock.now() + 365 * 86_400_000) / 1000),
    );

    const payment = await retrieve(id, vaiipay);
    expect(payment).toMatchObject({
      id,
      status: "OPEN",
      reference: "ORDER-7",
      referenceLabel: "Order #7",
      currencyCode: "EUR",
      settlementCurrencyCode: "USDT",
      amount: { amount: 12345, value: 123.45, formatted: "123.45 EUR" },
      receivedAmount: { amount: 0, value: 0 },
      foundAt: null,
      confirmedAt: null,
    });
    expect(Date.parse(payment.date as string)).toBe(stateful.mock.clock.now() - (stateful.mock.clock.now() % 1000));

    // The link's own expires and signature are what the public checkout endpoints take (Prism
    // checks expires is an integer); a link's given expiry comes back as Unix seconds.
    const methods = await vaiipay.checkout.listPaymentMethods(id, {
      expires: Number(link.searchParams.get("expires")),
      signature: link.searchParams.get("signature") as string,
    });
    expect(Array.isArray(methods.data)).toBe(true);
    const dated = await checkout({ expiresAt: "2030-01-02T03:04:05Z" });
    expect(new URL(dated.checkoutUrl).searchParams.get("expires")).toBe(
      String(Date.parse("2030-01-02T03:04:05Z") / 1000),
    );
    // Nothing was delivered: creating a checkout emits no event.
    await stateful.mock.idle();
    expect(stateful.mock.deliveries()).toEqual([]);
  });

  it("follows a full payment paid through the control API: FOUND, RECEIVED with both events verified, CONFIRMED once acknowledged", async () => {
    const { id } = await checkout({ amount: 2500 });
    const found = await payer(id, "transaction.found", { amount: 2500 });
    expect(found).toMatchObject({ status: 200, body: { id, status: "FOUND", receivedAmount: { amount: 2500 } } });
    expect(await retrieve(id)).toMatchObject({
      status: "FOUND",
      foundAt: new Date(stateful.mock.clock.now()).toISOString(),
    });

    const reached = await payer(id, "confirmations.reached");
    expect(reached.body).toMatchObject({ status: "RECEIVED", receivedAmount: { amount: 2500, value: 25 } });
    const received = await stateful.receiver.waitFor(2);
    expect(received.map(eventName)).toEqual(["payment.received", "payment.completed"]);
    const sentBy = Math.floor(Date.now() / 1000);
    for (const delivery of received) {
      const { event, dedupeKey, verification } = await verify(delivery);
      // Both events carry the payment as it was when they were sent: RECEIVED, the full amount.
      expect(event.payment).toMatchObject({
        id,
        status: "RECEIVED",
        amount: { amount: 2500 },
        receivedAmount: { amount: 2500 },
        reference: "ORDER-123",
      });
      // Two deliveries VaiiPay's docs tell apart by their event: two keys, so both reach a handler.
      expect(dedupeKey).toBe(`${id}:${eventName(delivery)}:RECEIVED:2500`);
      expect(verification).toMatchObject({
        signed: true,
        unverified: { "X-PaymentService-Event": eventName(delivery) },
      });
      expect(verification.timestamp).toBeGreaterThan(sentBy - 5);
      expect(verification.timestamp).toBeLessThanOrEqual(sentBy);
      expect(delivery.headers["x-paymentservice-timestamp"]).toBe(String(verification.timestamp));
    }
    // A wrong secret is refused by the same verifier: the signature is real.
    await expect(
      verifyWebhook(received[0]?.body as Buffer, received[0]?.headers ?? {}, { secrets: "another_secret" }),
    ).rejects.toMatchObject({ reason: "bad_signature" });

    await stateful.mock.idle();
    expect(await retrieve(id)).toMatchObject({
      status: "CONFIRMED",
      confirmedAt: new Date(stateful.mock.clock.now()).toISOString(),
    });
    expect(
      stateful.mock.deliveries().map((delivery) => [delivery.eventType, delivery.outcome, delivery.attempts.length]),
    ).toEqual([
      ["payment.received", "delivered", 1],
      ["payment.completed", "delivered", 1],
    ]);
    // The merchant refunds in the dashboard (the control API stands in for it): no event is documented.
    expect((await payer(id, "merchant.refunded")).body).toMatchObject({ status: "REFUND" });
    expect(stateful.receiver.received).toHaveLength(2);
  });

  it("runs a short payment on the mock clock: UNDERPAID after the confirmations, topped up in two steps, then CONFIRMED", async () => {
    const { id } = await checkout({ amount: 10000 });
    expect((await payer(id, "transaction.found", { amount: 6000 })).body).toMatchObject({
      status: "FOUND",
      receivedAmount: { amount: 6000, value: 60, formatted: "60.00 USD" },
    });
    // Ten minutes of confirmations: nothing a second before, UNDERPAID at ten.
    await stateful.mock.clock.advance(10 * MINUTE - 1000);
    expect((await retrieve(id)).status).toBe("FOUND");
    await stateful.mock.clock.advance(1000);
    expect(await retrieve(id)).toMatchObject({
      status: "UNDERPAID",
      amount: { amount: 10000 },
      receivedAmount: { amount: 6000 },
    });
    const [underpaid] = await stateful.receiver.waitFor(1);
    expect(eventName(underpaid as ReceivedWebhook)).toBe("payment.underpaid");
    expect((await verify(underpaid as ReceivedWebhook)).event.payment).toMatchObject({
      id,
      status: "UNDERPAID",
      receivedAmount: { amount: 6000 },
    });

    // A top-up still short keeps it UNDERPAID with more received, and sends nothing.
    expect((await payer(id, "top_up", { amount: 3000 })).body).toMatchObject({
      status: "UNDERPAID",
      receivedAmount: { amount: 9000 },
    });
    await stateful.mock.idle();
    expect(stateful.receiver.received).toHaveLength(1);
    // The rest completes it.
    expect((await payer(id, "top_up", { amount: 1000 })).body).toMatchObject({
      status: "RECEIVED",
      receivedAmount: { amount: 10000 },
    });
    const all = await stateful.receiver.waitFor(3);
    expect(all.map(eventName)).toEqual(["payment.underpaid", "payment.received", "payment.completed"]);
    expect((await verify(all[2] as ReceivedWebhook)).event.payment).toMatchObject({
      status: "RECEIVED",
      receivedAmount: { amount: 10000 },
    });
    await stateful.mock.idle();
    expect((await retrieve(id)).status).toBe("CONFIRMED");
    // The clock has nothing left to do for it.
    await stateful.mock.clock.advance(60 * MINUTE);
    expect((await retrieve(id)).status).toBe("CONFIRMED");
  });

  it("acknowledges only an exact 200: an endpoint answering 204 is retried, and the payment stays RECEIVED until a 200", async () => {
    let open = false;
    stateful.answerWith((delivery) => (eventName(delivery) === "payment.completed" && !open ? 204 : 200));
    const { id } = await checkout({ amount: 700 });
    await payer(id, "transaction.found");
    // The clock's confirmations, over HTTP as another process would move it.
    const advanced = await stateful.control("/clock/advance", { ms: 10 * MINUTE });
    expect(advanced.status).toBe(200);
    await stateful.receiver.waitFor((received) => received.filter((delivery) => delivery.status === 204).length >= 2);
    // Two 204s later the payment is still RECEIVED: VaiiPay did not count them as delivered.
    expect((await retrieve(id)).status).toBe("RECEIVED");
    open = true;
    await stateful.receiver.waitFor((received) =>
      received.some((delivery) => delivery.status === 200 && eventName(delivery) === "payment.completed"),
    );
    await stateful.mock.idle();
    expect((await retrieve(id)).status).toBe("CONFIRMED");
    const completed = stateful.mock.deliveries().find((delivery) => delivery.eventType === "payment.completed");
    expect(completed?.outcome).toBe("delivered");
    const statuses = completed?.attempts.map((attempt) => attempt.status) ?? [];
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).every((status) => status === 204)).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    // Every attempt carried the same signed body.
    const bodies = new Set(
      stateful.receiver.received
        .filter((delivery) => eventName(delivery) === "payment.completed")
        .map((delivery) => delivery.body.toString()),
    );
    expect(bodies.size).toBe(1);
  });

  it("leaves a payment RECEIVED when every delivery attempt fails, after the whole retry schedule", async () => {
    // Its own mock and endpoint, with the schedule compressed so an hour is a millisecond.
    const failing = await startWebhookReceiver({ answer: () => 500 });
    const fast = await startProviderMock({
      spec: "vaiipay",
      stateful: true,
      webhooks: { url: failing.url, secret, timeCompression: 3_600_000 },
    });
    try {
      const vaiipay = client(fast.url);
      const { id } = await checkout({ amount: 4200 }, vaiipay);
      await payer(id, "transaction.found", { amount: 4200 }, fast);
      await payer(id, "confirmations.reached", {}, fast);
      await fast.idle();
      const completed = fast.deliveries().find((delivery) => delivery.eventType === "payment.completed");
      // The first attempt and five retries (1 min, 5 min, 15 min, 1 h, 4 h), all answered 500.
      expect(completed).toMatchObject({ outcome: "failed" });
      expect(completed?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 500, 500, 500]);
      expect(failing.received).toHaveLength(12);
      expect((await verify(failing.received[11] as ReceivedWebhook)).event.payment.status).toBe("RECEIVED");
      expect(await retrieve(id, vaiipay)).toMatchObject({ status: "RECEIVED", confirmedAt: null });
    } finally {
      await fast.close();
      await failing.close();
    }
  });

  it("answers an unknown payment with a 404, from the API and from the control API", async () => {
    const missing = await client()
      .payments.retrieve("550e8400-e29b-41d4-a716-446655440000")
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, body: { message: "Not Found." } });
    expect(await payer("550e8400-e29b-41d4-a716-446655440000", "transaction.found")).toMatchObject({
      status: 404,
      body: { error: "not_found" },
    });
  });

  it("refuses a control event the payment's state does not allow with payspec's 409, changing nothing", async () => {
    const { id } = await checkout();
    expect((await payer(id, "merchant.cancelled")).body).toMatchObject({ status: "CANCELLED" });
    expect(await payer(id, "transaction.found", { amount: 10000 })).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["OPEN"], state: "CANCELLED" },
    });
    expect(await payer(id, "top_up", { amount: 1 })).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["UNDERPAID"], state: "CANCELLED" },
    });
    const open = (await checkout()).id;
    expect(await payer(open, "merchant.refunded")).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["CONFIRMED"], state: "OPEN" },
    });
    expect(await payer(open, "payer.vanished")).toMatchObject({ status: 404, body: { error: "unknown_event" } });
    expect(await retrieve(id)).toMatchObject({ status: "CANCELLED", receivedAmount: { amount: 0 } });
    expect(await retrieve(open)).toMatchObject({ status: "OPEN" });
    await stateful.mock.idle();
    expect(stateful.mock.deliveries()).toEqual([]);
  });

  it("leaves request validation to Prism: an invalid body is refused and creates nothing", async () => {
    const response = await fetch(`${stateful.mock.url}/api/payment/checkout`, {
      method: "POST",
      headers: {
        authorization: "Bearer vp_client_token",
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({ ...order, amount: "a lot", clientId }),
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).not.toContain("checkoutUrl");
    const stored = await fetch(`${stateful.mock.url}/__payspec/objects/payment`);
    expect(await stored.json()).toEqual([]);
  });

  it("forgets everything on reset, over HTTP too", async () => {
    const { id } = await checkout();
    await payer(id, "transaction.found");
    const reset = await stateful.control("/reset");
    expect(reset.status).toBe(200);
    await expect(client().payments.retrieve(id)).rejects.toMatchObject({ status: 404 });
    // Its confirmations timer went with it.
    await stateful.mock.clock.advance(60 * MINUTE);
    await stateful.mock.idle();
    expect(stateful.receiver.received).toHaveLength(0);
  });

  it("loses nothing under 100 parallel creates and 100 parallel top-ups of one payment", async () => {
    const vaiipay = client();
    const created = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        checkout({ amount: 100 + index, reference: `ORDER-${index}` }, vaiipay),
      ),
    );
    expect(new Set(created.map(({ id }) => id)).size).toBe(100);
    const stored = (await (await fetch(`${stateful.mock.url}/__payspec/objects/payment`)).json()) as { id: string }[];
    expect(stored.map((payment) => payment.id).sort()).toEqual(created.map(({ id }) => id).sort());
    const retrieved = await Promise.all(created.map(({ id }) => retrieve(id, vaiipay)));
    expect(retrieved.map((payment) => [payment.reference, payment.amount?.amount])).toEqual(
      created.map((_, index) => [`ORDER-${index}`, 100 + index]),
    );

    // 99.00 received of 100.00, then a hundred top-ups of 0.01 at once: the last completes it.
    const { id } = await checkout({ amount: 10000 }, vaiipay);
    await payer(id, "transaction.found", { amount: 9900 });
    await payer(id, "confirmations.reached");
    const topUps = await Promise.all(Array.from({ length: 100 }, () => payer(id, "top_up", { amount: 1 })));
    expect(topUps.filter((answer) => answer.status === 200)).toHaveLength(100);
    expect(topUps.filter((answer) => answer.body.status === "RECEIVED")).toHaveLength(1);
    await stateful.mock.idle();
    expect(await retrieve(id, vaiipay)).toMatchObject({ status: "CONFIRMED", receivedAmount: { amount: 10000 } });
    expect(stateful.mock.deliveries().map((delivery) => delivery.eventType)).toEqual([
      "payment.underpaid",
      "payment.received",
      "payment.completed",
    ]);
  });
});
