import { startProviderMock, startWebhookReceiver } from "@payspec/mock";

// An endpoint that records the webhooks it receives, and Paymnt Cloud's mock in stateful mode,
// delivering its events there signed with the secret. Its clock starts where we say.
const receiver = await startWebhookReceiver();
const mock = await startProviderMock({
  spec: "paymnt-cloud",
  stateful: true,
  webhooks: { url: receiver.url, secret: "whsec_example" },
  clockStart: Date.parse("2026-01-01T00:00:00Z"),
});

const call = async (method: string, path: string, body?: object) => {
  const response = await fetch(`${mock.url}${path}`, {
    method,
    headers: { "api-key": "sk_test_anything", "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
};

// A payment authorised by a test card, to be captured later.
const card = {
  card_number: "4242424242424242",
  card_exp_month: "10",
  card_exp_year: "2030",
  card_holder_name: "Jane Doe",
  card_cvc: "123",
};
const created = await call("POST", "/payments", {
  amount: 1000,
  currency: "USD",
  capture_method: "manual",
  confirm: true,
  payment_method: "card",
  payment_method_data: { card },
});
const id = created.body.payment_id;
console.log("created:", created.body.status, "capturable:", created.body.amount_capturable);

// Capture part of it; a second capture is refused as Paymnt Cloud refuses it.
const captured = await call("POST", `/payments/${id}/capture`, { amount_to_capture: 400 });
console.log("captured:", captured.body.status, "received:", captured.body.amount_received);
const again = await call("POST", `/payments/${id}/capture`, { amount_to_capture: 100 });
console.log("captured again:", again.status, again.body.error.code);

// The payment is remembered, amounts and all.
const { body: payment } = await call("GET", `/payments/${id}`);
console.log("retrieved:", payment.status, payment.amount, payment.amount_received, payment.amount_capturable);

// Each transition's event arrives at the endpoint, signed (X-Webhook-Signature-512).
const received = await receiver.waitFor(2);
console.log("webhooks:", received.map((webhook) => JSON.parse(webhook.body.toString()).event_type).join(", "));

// The provider's clock moves only when told to: here a day, over HTTP like the rest of the control API.
const advanced = await fetch(`${mock.url}/__payspec/clock/advance`, { method: "POST", body: '{"ms": 86400000}' });
console.log("clock:", (await advanced.json()).now);

await mock.close();
await receiver.close();
