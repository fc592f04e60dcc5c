import { preferExample } from "@payspec/mock";
import {
  capture,
  createPaymendClient,
  parseWebhook,
  refund,
  requestMetaOf,
  unwrap,
  waitForFinalStatus,
  webhookBodyForTests,
} from "@payspec/paymend";
import { failOnce, matches } from "./faults.js";
import { expectStatus, type FlowOptions, type Step, webhookStep } from "./step.js";

/**
 * Paymend: create (PENDING) → wait for the final status → capture → refund, with the create's
 * connection refused once (no idempotency key exists, so only a provably unsent POST is resent),
 * and a webhook parsed and deduplicated (Paymend documents no signature).
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
  const prefer = (example: string) => (options.mock ? preferExample(example) : {});
  const client = createPaymendClient({
    ...target,
    token: options.credential,
    retryBaseDelayMs: 50,
    fetch: failOnce((url, init) => fetch(url, init), matches("POST", "/v1/payments"), "connection-refused"),
  });
  const step = (name: string, payment: { status: string; paymentId: string }, attempts = 1, note?: string): Step => ({
    provider,
    name,
    httpStatus: 200,
    status: payment.status,
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
    headers: prefer("pending"),
  });
  const { data: created, response } = createdResult;
  if (created === undefined) throw new Error(`paymend: create failed with HTTP ${response.status}`);
  const attempts = requestMetaOf(createdResult)?.attempts ?? 1;
  expectStatus(
    record(step("create payment", created, attempts, "connection refused once: provably unsent, so resent")),
    "PENDING",
  );

  // The stateless mock needs to be asked for the outcome a real recovery would reach.
  const poller = options.mock
    ? createPaymendClient({ ...target, token: options.credential, headers: preferExample("authorized") })
    : client;
  const final = await waitForFinalStatus(poller, created.paymentId, { initialIntervalMs: 200, deadline: 60_000 });
  expectStatus(record(step("wait for final status", final, 1, "polled while PENDING")), "AUTHORIZED");
  if (final.status !== "AUTHORIZED") throw new Error("unreachable");

  const captured = await capture(client, { ...final, status: final.status });
  expectStatus(record(step("capture", captured)), "CAPTURED");
  if (captured.status !== "CAPTURED") throw new Error("unreachable");

  const refunded = await refund(client, { ...captured, status: "CAPTURED" }, { refundAmount: 2000 });
  expectStatus(record(step("refund 20.00", refunded)), "REFUNDED");

  const current = await unwrap(
    client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: created.paymentId } } }),
  );
  const { event } = parseWebhook(
    webhookBodyForTests({ eventId: "evt_main_job_1", eventType: "PAYMENT_CAPTURED", payment: current }).body,
  );
  record(
    webhookStep(provider, "no signature documented: parsed and deduplicated only", event.eventId, "parsed (unsigned)"),
  );
  return steps;
}
