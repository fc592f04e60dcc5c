import {
  createMemoryWebhookStore,
  createPaymntCloudClient,
  type PaymntCloudEvent,
  webhookHandler,
} from "@payspec/paymnt-cloud";
import {
  expectStatus,
  type FlowOptions,
  injectDropAfterForward,
  refusedStep,
  type Step,
  stepFrom,
  webhookStep,
} from "./step.js";
import type { EndpointHandler } from "./webhook-endpoint.js";

/** The flow's webhook endpoint: the package's own handler, verifying and deduplicating each delivery. */
export const paymntCloudEndpoint =
  (secret: string): EndpointHandler =>
  (onEvent) =>
    webhookHandler({ secrets: secret, store: createMemoryWebhookStore() }, ({ event, dedupeKey }) => {
      const object = (event as PaymntCloudEvent).content.object as {
        payment_id?: string;
        refund_id?: string;
        status?: string;
      };
      onEvent({
        type: event.event_type,
        id: dedupeKey,
        objectId: object.refund_id ?? object.payment_id ?? "",
        status: object.status ?? "",
      });
    });

/**
 * Paymnt Cloud: customer → payment (manual capture) → confirm → partial capture → a second capture,
 * refused → refund, and the webhooks each step emitted arriving at the flow's endpoint. Against the
 * mock, the capture's connection is dropped after the provider acted; the client retries with the
 * same Idempotency-Key and the proxy answers from memory, so the payment is captured once.
 */
export async function runPaymntCloudFlow(options: FlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const provider = "paymnt-cloud";
  const client = createPaymntCloudClient({
    ...(options.baseUrl === undefined ? { environment: "sandbox" as const } : { baseUrl: options.baseUrl }),
    apiKey: options.credential,
    retryBaseDelayMs: 50,
  });
  const amounts = (payment: { amount: number; amount_received?: number | null; amount_capturable?: number }) =>
    `amount=${payment.amount} received=${payment.amount_received ?? 0} capturable=${payment.amount_capturable ?? 0}`;

  const customer = stepFrom(
    provider,
    "create customer",
    await client.POST("/customers", { body: { name: "Jane Doe", email: "jane.doe@example.com" } }),
    (created) => ({ status: "created", ids: { customer_id: created.customer_id } }),
  );
  record(customer.step);

  const created = stepFrom(
    provider,
    "create payment 10.00",
    await client.POST("/payments", {
      body: { amount: 1000, currency: "USD", capture_method: "manual", customer_id: customer.data.customer_id },
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
    undefined,
    (payment) => amounts(payment),
  );
  expectStatus(record(created.step), "requires_payment_method");
  const path = { payment_id: created.data.payment_id };

  const confirmed = stepFrom(
    provider,
    "confirm with a card",
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
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
    undefined,
    amounts,
  );
  expectStatus(record(confirmed.step), "requires_capture");

  const captureFault = injectDropAfterForward(options, "POST", "/capture");
  const captured = stepFrom(
    provider,
    "capture 5.00 of 10.00",
    await client.POST("/payments/{payment_id}/capture", { params: { path }, body: { amount_to_capture: 500 } }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
    captureFault(),
    amounts,
  );
  expectStatus(record(captured.step), "partially_captured");
  if (captured.data.amount_received !== 500) {
    throw new Error(`paymnt-cloud: captured ${captured.data.amount_received}, expected exactly 500 (captured once)`);
  }

  // A forbidden transition: the provider refuses it with its own error.
  record(
    await refusedStep(provider, "capture again", client.payments.capture(path.payment_id, { amount_to_capture: 100 }), {
      status: 400,
      code: "IR_14",
    }),
  );

  const refunded = stepFrom(
    provider,
    "refund 5.00",
    await client.POST("/refunds", {
      body: { payment_id: path.payment_id, amount: 500, reason: "requested_by_customer" },
    }),
    (refund) => ({ status: refund.status, ids: { refund_id: refund.refund_id } }),
    undefined,
    (refund) => `amount=${refund.amount}`,
  );
  expectStatus(record(refunded.step), "succeeded");

  if (options.webhooks !== undefined) {
    const scheme = "x-webhook-signature-512 (HMAC-SHA512 of the body)";
    for (const event of await options.webhooks.waitFor([
      "payment_authorized",
      "payment_captured",
      "refund_succeeded",
    ])) {
      record(webhookStep(provider, scheme, event));
    }
  }
  return steps;
}
