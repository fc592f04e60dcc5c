import { preferExample } from "@payspec/mock";
import type { PaymntCloudClient } from "@payspec/paymnt-cloud";
import { expectStatus, type Step, stepFrom } from "./step.js";

/** Options of {@link runPaymntCloudFlow}. */
export interface PaymntCloudFlowOptions {
  /**
   * Against the stateless mock, ask it for the example that matches each step's real outcome, so
   * the transcript tells a coherent story. Off against a real sandbox.
   */
  readonly mock: boolean;
  /** Called after each step, for live progress output. */
  readonly onStep?: (step: Step) => void;
}

/**
 * The Quickstart flow, with manual capture: create → confirm → capture → refund. Each POST
 * carries its own Idempotency-Key; the steps check the status each call must leave.
 */
export async function runPaymntCloudFlow(client: PaymntCloudClient, options: PaymntCloudFlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const prefer = (example: string) => (options.mock ? preferExample(example) : {});
  const provider = "paymnt-cloud";

  const created = stepFrom(
    provider,
    "create payment",
    await client.POST("/payments", {
      body: { amount: 1000, currency: "USD", capture_method: "manual", description: "Order #1001" },
      headers: prefer("requiresPaymentMethod"),
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
  );
  expectStatus(record(created.step), "requires_payment_method");
  const paymentId = created.data.payment_id;

  const confirmed = stepFrom(
    provider,
    "confirm payment",
    await client.POST("/payments/{payment_id}/confirm", {
      params: { path: { payment_id: paymentId } },
      body: {
        payment_method: "card",
        payment_method_type: "credit",
        payment_method_data: {
          card: { card_number: "4242424242424242", card_exp_month: "10", card_exp_year: "2030", card_cvc: "123" },
        },
      },
      headers: prefer("requiresCapture"),
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
  );
  expectStatus(record(confirmed.step), "requires_capture");

  const captured = stepFrom(
    provider,
    "capture payment",
    await client.POST("/payments/{payment_id}/capture", {
      params: { path: { payment_id: paymentId } },
      body: { amount_to_capture: 1000 },
      headers: prefer("succeeded"),
    }),
    (payment) => ({ status: payment.status, ids: { payment_id: payment.payment_id } }),
  );
  expectStatus(record(captured.step), "succeeded");

  const refunded = stepFrom(
    provider,
    "refund payment",
    await client.POST("/refunds", {
      body: { payment_id: paymentId, amount: 1000, reason: "requested_by_customer" },
    }),
    (refund) => ({ status: refund.status, ids: { refund_id: refund.refund_id, payment_id: refund.payment_id } }),
  );
  expectStatus(record(refunded.step), "succeeded");

  return steps;
}
