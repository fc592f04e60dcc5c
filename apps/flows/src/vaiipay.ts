import { preferExample } from "@payspec/mock";
import {
  createVaiiPayClient,
  paymentIdFromCheckoutUrl,
  signWebhookForTests,
  unwrapData,
  verifyWebhook,
} from "@payspec/vaiipay";
import { failOnce, matches } from "./faults.js";
import { type FlowOptions, type Step, stepFrom, webhookStep } from "./step.js";

/**
 * VaiiPay: create checkout → read payment → payment instructions, with the create's connection
 * refused once (VaiiPay has no idempotency key, so only a provably unsent POST is resent) and a
 * webhook verified.
 */
export async function runVaiiPayFlow(options: FlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const prefer = (example: string) => (options.mock ? preferExample(example) : {});
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

  const created = stepFrom(
    provider,
    "create checkout",
    await client.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123" },
    }),
    (body) => ({ status: "open link", ids: { payment: paymentIdFromCheckoutUrl(body.data.checkoutUrl) } }),
    "connection refused once: provably unsent, so resent",
  );
  record(created.step);
  const paymentId = paymentIdFromCheckoutUrl(created.data.data.checkoutUrl);

  const payment = stepFrom(
    provider,
    "read payment",
    await client.GET("/api/payment/{paymentId}", { params: { path: { paymentId } }, headers: prefer("open") }),
    (body) => ({ status: body.data.status, ids: { payment: body.data.id } }),
  );
  record(payment.step);

  const instructions = stepFrom(
    provider,
    "payment instructions",
    await client.GET("/api/payment/{paymentId}/provider/{provider}/method/{method}", {
      params: { path: { paymentId, provider: "tron", method: "usdt" } },
    }),
    () => ({ status: "received", ids: { payment: paymentId } }),
  );
  record(instructions.step);

  const secret = "whsec_payspec_main_job";
  const { data: current } = await unwrapData(
    client.GET("/api/payment/{paymentId}", { params: { path: { paymentId } } }),
  );
  const delivery = await signWebhookForTests({ payment: current }, secret, { event: "payment.completed" });
  const { dedupeKey } = await verifyWebhook(delivery.body, delivery.headers, { secrets: secret });
  record(webhookStep(provider, "X-PaymentService-Signature over timestamp.body, ±300 s", dedupeKey));
  return steps;
}
