import { preferExample } from "@payspec/mock";
import { createPaymntCloudClient, signWebhookForTests, verifyWebhook } from "@payspec/paymnt-cloud";
import { expectStatus, type FlowOptions, injectDropAfterForward, type Step, stepFrom, webhookStep } from "./step.js";

/**
 * Paymnt Cloud: customer → payment (manual capture) → confirm → partial capture → refund. Against
 * the mock, the capture's connection is dropped after the provider acted; the client retries with
 * the same Idempotency-Key and the remembering proxy answers from memory. A webhook is verified.
 */
export async function runPaymntCloudFlow(options: FlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const prefer = (example: string) => (options.mock ? preferExample(example) : {});
  const provider = "paymnt-cloud";
  const client = createPaymntCloudClient({
    ...(options.baseUrl === undefined ? { environment: "sandbox" as const } : { baseUrl: options.baseUrl }),
    apiKey: options.credential,
    retryBaseDelayMs: 50,
  });

  const customer = stepFrom(
    provider,
    "create customer",
    await client.POST("/customers", { body: { name: "Jane Doe", email: "jane.doe@example.com" } }),
    (created) => ({ status: "created", ids: { customer_id: created.customer_id } }),
  );
  record(customer.step);

  const created = stepFrom(
    provider,
    "create payment",
    await client.POST("/payments", {
      body: { amount: 1000, currency: "USD", capture_method: "manual", customer_id: customer.data.customer_id },
      headers: prefer("requiresPaymentMethod"),
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
  );
  expectStatus(record(created.step), "requires_payment_method");
  const path = { payment_id: created.data.payment_id };

  const confirmed = stepFrom(
    provider,
    "confirm payment",
    await client.POST("/payments/{payment_id}/confirm", {
      params: { path },
      body: {
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
      },
      headers: prefer("requiresCapture"),
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
  );
  expectStatus(record(confirmed.step), "requires_capture");

  const captureFault = injectDropAfterForward(options, "POST", "/capture");
  const captured = stepFrom(
    provider,
    "capture 5.00 of 10.00",
    await client.POST("/payments/{payment_id}/capture", {
      params: { path },
      body: { amount_to_capture: 500 },
      headers: prefer("succeeded"),
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
    captureFault(),
  );
  expectStatus(record(captured.step), "succeeded");

  const refunded = stepFrom(
    provider,
    "refund 5.00",
    await client.POST("/refunds", {
      body: { payment_id: path.payment_id, amount: 500, reason: "requested_by_customer" },
    }),
    (refund) => ({ status: refund.status, ids: { refund_id: refund.refund_id } }),
  );
  expectStatus(record(refunded.step), "succeeded");

  const secret = "whsec_payspec_main_job";
  const delivery = await signWebhookForTests(
    {
      merchant_id: captured.data.merchant_id,
      event_id: "evt_main_job_1",
      event_type: "payment_succeeded",
      content: { type: "payment_details", object: captured.data },
      timestamp: new Date().toISOString(),
    },
    secret,
  );
  const { dedupeKey } = await verifyWebhook(delivery.body, delivery.headers, { secrets: secret });
  record(webhookStep(provider, "x-webhook-signature-512 (HMAC-SHA512)", dedupeKey));
  return steps;
}
