import {
  capture,
  createMemoryWebhookStore,
  createPaymendClient,
  isPaymentIn,
  type Payment,
  refund,
  requestMetaOf,
  waitForFinalStatus,
  webhookHandler,
} from "@payspec/paymend";
import { failOnce, matches } from "./faults.js";
import { expectStatus, type FlowOptions, refusedStep, type Step, webhookStep } from "./step.js";
import type { EndpointHandler } from "./webhook-endpoint.js";

/** The flow's webhook endpoint: Paymend signs nothing, so the package parses, schema-checks and deduplicates. */
export const paymendEndpoint = (): EndpointHandler => (onEvent) =>
  webhookHandler({ store: createMemoryWebhookStore() }, ({ event, dedupeKey }) => {
    onEvent({
      type: event.eventType ?? "",
      id: dedupeKey,
      objectId: event.payment?.paymentId ?? "",
      status: event.payment?.status ?? "",
    });
  });

/**
 * Paymend: create (PENDING while the recovery runs) → the provider's clock moves on and the
 * recovery authorises it → capture → a second capture, refused → refund, with the create's
 * connection refused once (no idempotency key exists, so only a provably unsent POST is resent),
 * and the webhooks each step emitted arriving at the flow's endpoint.
 */
export async function runPaymendFlow(options: FlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const provider = "paymend";
  const target = options.baseUrl === undefined ? { environment: "sandbox" as const } : { baseUrl: options.baseUrl };
  const client = createPaymendClient({
    ...target,
    token: options.credential,
    retryBaseDelayMs: 50,
    fetch: failOnce((url, init) => fetch(url, init), matches("POST", "/v1/payments"), "connection-refused"),
  });
  const step = (name: string, payment: Payment, attempts = 1, note?: string): Step => ({
    provider,
    name,
    httpStatus: 200,
    status: payment.status,
    detail: `amount=${payment.amount} transactions=${(payment.transactions ?? []).map((transaction) => `${transaction.type}:${transaction.amount}`).join(",") || "none"}`,
    ids: { payment: payment.paymentId },
    idempotencyKey: undefined,
    attempts,
    requestId: undefined,
    ...(note === undefined ? {} : { note }),
  });

  const createdResult = await client.POST("/v1/payments", {
    body: {
      amount: 12997,
      currency: "USD",
      merchantReference: `ORDER-${Date.now()}`,
      goodsType: "PHYSICAL",
      source: { storeId: "store_abc123", initiatedBy: "MERCHANT" },
      paymentMethod: {
        type: "CARD",
        card: {
          number: "4444444444440000",
          holderName: "John Doe",
          expiryMonth: "12",
          expiryYear: "2030",
          brand: "VISA",
        },
      },
      previousFailures: [{ provider: "AcquirerX", attemptNumber: 1, providerFailureCode: "05" }],
    },
    // The stateful mock's documented control header: the recovery runs (PENDING) instead of
    // authorising at once.
    headers: options.mock ? { "X-Payspec-Outcome": "pending" } : {},
  });
  const { data: created, response } = createdResult;
  if (created === undefined) throw new Error(`paymend: create failed with HTTP ${response.status}`);
  const attempts = requestMetaOf(createdResult)?.attempts ?? 1;
  expectStatus(
    record(step("create payment", created, attempts, "connection refused once: provably unsent, so resent")),
    "PENDING",
  );

  if (options.control !== undefined) {
    // The recovery finishes ten minutes later in the provider's time.
    await options.control.advanceClock(10 * 60_000);
  }
  const final = await waitForFinalStatus(client, created.paymentId, { initialIntervalMs: 200, deadline: 60_000 });
  expectStatus(record(step("wait for final status", final, 1, "recovered while PENDING")), "AUTHORIZED");
  if (!isPaymentIn(final, "AUTHORIZED")) throw new Error("unreachable");

  const captured = await capture(client, final);
  expectStatus(record(step("capture", captured)), "CAPTURED");
  if (!isPaymentIn(captured, "CAPTURED")) throw new Error("unreachable");

  // A forbidden transition: the provider refuses it with its own error.
  record(
    await refusedStep(provider, "capture again", client.payments.capture(captured.paymentId, {}), { status: 409 }),
  );

  const refunded = await refund(client, captured, { refundAmount: 2000 });
  expectStatus(record(step("refund 20.00", refunded)), "REFUNDED");

  if (options.webhooks !== undefined) {
    const scheme = "no signature documented: parsed, schema-checked and deduplicated";
    const events = await options.webhooks.waitFor([
      "PAYMENT_CREATED",
      "PAYMENT_AUTHORIZED",
      "PAYMENT_CAPTURED",
      "PAYMENT_REFUNDED",
    ]);
    for (const event of events) record(webhookStep(provider, scheme, event));
  }
  return steps;
}
