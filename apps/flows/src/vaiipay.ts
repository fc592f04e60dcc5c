import {
  createMemoryWebhookStore,
  createVaiiPayClient,
  eventHeader,
  type Payment,
  paymentIdFromCheckoutUrl,
  webhookHandler,
} from "@payspec/vaiipay";
import { failOnce, matches } from "./faults.js";
import { expectStatus, type FlowOptions, type Step, stepFrom, webhookStep } from "./step.js";
import type { EndpointHandler } from "./webhook-endpoint.js";

/**
 * The flow's webhook endpoint: the package verifies the signature over `timestamp.body` and
 * deduplicates on `paymentId:event:status:receivedAmount`, so `payment.received` and then
 * `payment.completed` (the event VaiiPay's docs say to fulfil on; both carry RECEIVED) each arrive
 * once, and a retried delivery is acknowledged without being handled twice.
 */
export const vaiiPayEndpoint =
  (secret: string): EndpointHandler =>
  (onEvent) =>
    webhookHandler({ secrets: secret, store: createMemoryWebhookStore() }, ({ event, dedupeKey, verification }) => {
      onEvent({
        type: verification.unverified[eventHeader] ?? "",
        id: dedupeKey,
        objectId: event.payment.id,
        status: event.payment.status,
      });
    });

/**
 * VaiiPay: create checkout → read payment → the payer's transaction found and confirmed on chain
 * (provider-side events, through the mock's control API and clock) → the signed webhook at the
 * flow's endpoint → CONFIRMED once the delivery was acknowledged. The create's connection is
 * refused once (VaiiPay has no idempotency key, so only a provably unsent POST is resent).
 */
export async function runVaiiPayFlow(options: FlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const provider = "vaiipay";
  const baseUrl = options.baseUrl ?? process.env.VAIIPAY_BASE_URL;
  if (baseUrl === undefined) throw new Error("vaiipay: set VAIIPAY_BASE_URL to your installation's host");
  const client = createVaiiPayClient({
    token: options.credential,
    baseUrl,
    tokenKind: "client",
    clientId: process.env.VAIIPAY_CLIENT_ID ?? "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
    retryBaseDelayMs: 50,
    fetch: failOnce((url, init) => fetch(url, init), matches("POST", "/api/payment/checkout"), "connection-refused"),
  });
  const money = (payment: Payment) =>
    `amount=${payment.amount?.value ?? "?"} ${payment.currencyCode} received=${payment.receivedAmount?.value ?? "0"}`;
  const read = async (name: string) =>
    stepFrom(
      provider,
      name,
      await client.GET("/api/payment/{paymentId}", { params: { path: { paymentId } } }),
      (body) => ({ status: body.data.status, ids: { payment: body.data.id } }),
      undefined,
      (body) => money(body.data),
    );

  const created = stepFrom(
    provider,
    "create checkout 100.00",
    await client.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123" },
    }),
    (body) => ({ status: "open link", ids: { payment: paymentIdFromCheckoutUrl(body.data.checkoutUrl) } }),
    "connection refused once: provably unsent, so resent",
  );
  record(created.step);
  const paymentId = paymentIdFromCheckoutUrl(created.data.data.checkoutUrl);

  const opened = await read("read payment");
  expectStatus(record(opened.step), "OPEN");

  const instructions = stepFrom(
    provider,
    "payment instructions",
    await client.GET("/api/payment/{paymentId}/provider/{provider}/method/{method}", {
      params: { path: { paymentId, provider: "tron", method: "usdt" } },
    }),
    () => ({ status: "shown", ids: { payment: paymentId } }),
  );
  record(instructions.step);

  if (options.control === undefined || options.webhooks === undefined) return steps;
  // The payer pays: the transaction is seen, then confirmed on chain ten minutes later.
  await options.control.fire("payment", paymentId, "transaction.found");
  expectStatus(record((await read("payer's transaction found")).step), "FOUND");
  await options.control.advanceClock(10 * 60_000);
  for (const event of await options.webhooks.waitFor(["payment.received", "payment.completed"])) {
    record(webhookStep(provider, "X-PaymentService-Signature over timestamp.body, ±300 s", event));
  }
  // VaiiPay confirms a payment once its payment.completed delivery was acknowledged.
  let confirmed = await read("read payment");
  for (let tries = 0; confirmed.data.data.status !== "CONFIRMED" && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    confirmed = await read("read payment");
  }
  expectStatus(record({ ...confirmed.step, note: "after payment.completed was acknowledged" }), "CONFIRMED");
  return steps;
}
