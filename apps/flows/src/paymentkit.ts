import {
  createMemoryWebhookStore,
  createPaymentKitClient,
  type Invoice,
  paginate,
  webhookHandler,
} from "@payspec/paymentkit";
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
export const paymentKitEndpoint =
  (secret: string): EndpointHandler =>
  (onEvent) =>
    webhookHandler({ secrets: secret, store: createMemoryWebhookStore() }, ({ event, dedupeKey }) => {
      const object = event.data.object as { id?: string; status?: string };
      onEvent({ type: event.type, id: dedupeKey, objectId: object.id ?? "", status: object.status ?? "" });
    });

/**
 * PaymentKit: customer → product → price → subscription → invoice → finalize → a second finalize,
 * refused → collect → refund the invoice → cancel the subscription, then a paginated list, and the
 * webhooks each step emitted arriving at the flow's endpoint. Against the mock, the refund's
 * connection is dropped after the provider acted; refund creation is the call PaymentKit documents
 * deduplicating by Idempotency-Key, so the client retries with the same key and the remembering
 * proxy answers from memory: one refund.
 */
export async function runPaymentKitFlow(options: FlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const atoms = (invoice: Invoice) =>
    `total=${invoice.total_amount_atom ?? "?"} due=${invoice.due_amount_atom ?? "?"} paid=${invoice.paid_amount_atom ?? 0}`;
  const provider = "paymentkit";
  const client = createPaymentKitClient({
    ...(options.baseUrl === undefined ? { environment: "staging" as const } : { baseUrl: options.baseUrl }),
    token: options.credential,
    accountId: process.env.PAYMENTKIT_ACCOUNT_ID ?? "acc_prod_a1b2c3d4",
    retryBaseDelayMs: 50,
  });

  const customer = stepFrom(
    provider,
    "create customer",
    await client.POST("/api/{account_id}/customers", { body: { email: "jane@example.com", name: "Jane Smith" } }),
    (created) => ({ status: "created", ids: { customer: created.id } }),
  );
  record(customer.step);

  const product = stepFrom(
    provider,
    "create product",
    await client.POST("/api/{account_id}/products", { body: { name: "Pro plan", unit_label: "seat" } }),
    (created) => ({ status: created.active ? "active" : "inactive", ids: { product: created.id } }),
  );
  record(product.step);

  const price = stepFrom(
    provider,
    "create price",
    await client.POST("/api/{account_id}/prices", {
      body: { product_id: product.data.id, currency: "usd", unit_amount_atom: 4900, billing_interval: "month" },
    }),
    (created) => ({ status: created.active ? "active" : "inactive", ids: { price: created.id } }),
  );
  record(price.step);

  const subscription = stepFrom(
    provider,
    "create subscription",
    await client.POST("/api/{account_id}/subscriptions", {
      body: {
        customer_id: customer.data.id,
        currency: "USD",
        billing_interval: "month",
        items: [{ price_id: price.data.id, quantity: 1 }],
      },
    }),
    (created) => ({ status: created.status, ids: { subscription: created.id } }),
  );
  expectStatus(record(subscription.step), "active");

  const invoice = stepFrom(
    provider,
    "create invoice",
    await client.POST("/api/{account_id}/invoices", {
      body: { customer_id: customer.data.id, currency: "USD", items: [{ description: "Onboarding", amount: 500 }] },
    }),
    (created) => ({ status: created.status, ids: { invoice: created.id } }),
    undefined,
    atoms,
  );
  expectStatus(record(invoice.step), "draft");

  const finalized = stepFrom(
    provider,
    "finalize invoice",
    await client.POST("/api/{account_id}/invoices/{external_id}/finalize", {
      params: { path: { external_id: invoice.data.id } },
    }),
    (open) => ({ status: open.status, ids: { invoice: open.id } }),
    undefined,
    atoms,
  );
  expectStatus(record(finalized.step), "open");

  // A forbidden transition: the provider refuses it with its own error.
  record(await refusedStep(provider, "finalize again", client.invoices.finalize(invoice.data.id), { status: 400 }));

  const collected = stepFrom(
    provider,
    "collect invoice",
    await client.POST("/api/{account_id}/invoices/{external_id}/collect", {
      params: { path: { external_id: invoice.data.id } },
    }),
    (paid) => ({ status: paid.status, ids: { invoice: paid.id } }),
    undefined,
    atoms,
  );
  expectStatus(record(collected.step), "paid");

  // The mock's lifecycle does not model refunds: the answer is the spec's example refund.
  const refundFault = injectDropAfterForward(options, "POST", "/payments/refunds");
  const refunded = stepFrom(
    provider,
    "refund the invoice",
    await client.POST("/api/{account_id}/payments/refunds", {
      body: { invoice_id: invoice.data.id, reason: "requested_by_customer" },
    }),
    (refund) => ({ status: refund.status, ids: { refund: refund.id } }),
    refundFault(),
  );
  record(refunded.step);

  const cancelled = stepFrom(
    provider,
    "cancel subscription",
    await client.POST("/api/{account_id}/subscriptions/{subscription_id}/cancel", {
      params: { path: { subscription_id: subscription.data.id } },
      body: {},
    }),
    (subscription) => ({ status: subscription.status, ids: { subscription: subscription.id } }),
  );
  expectStatus(record(cancelled.step), "cancelled");

  let listed = 0;
  for await (const _ of paginate(client, "/api/{account_id}/invoices", {}, { maxItems: 500 })) listed++;
  record({
    provider,
    name: "list invoices (paginated)",
    httpStatus: 200,
    status: `${listed} listed`,
    ids: {},
    idempotencyKey: undefined,
    attempts: 1,
    requestId: undefined,
  });

  if (options.webhooks !== undefined) {
    const scheme = "X-Webhook-Signature (HMAC-SHA256 of the body)";
    const events = await options.webhooks.waitFor([
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "customer.subscription.deleted",
    ]);
    for (const event of events) record(webhookStep(provider, scheme, event));
  }
  return steps;
}
