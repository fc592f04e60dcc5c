import { preferExample } from "@payspec/mock";
import { createPaymentKitClient, paginate, signWebhookForTests, unwrap, verifyWebhook } from "@payspec/paymentkit";
import { expectStatus, type FlowOptions, injectDropAfterForward, type Step, stepFrom, webhookStep } from "./step.js";

/**
 * PaymentKit: customer → product → price → subscription → invoice → finalize, then a paginated
 * list. Against the mock, the finalize's connection is dropped after the provider acted; the
 * client retries with the same Idempotency-Key and the remembering proxy answers from memory. A
 * webhook is verified.
 */
export async function runPaymentKitFlow(options: FlowOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
    return step;
  };
  const prefer = (example: string) => (options.mock ? preferExample(example) : {});
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
      headers: prefer("active"),
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
  );
  expectStatus(record(invoice.step), "draft");

  const finalizeFault = injectDropAfterForward(options, "POST", "/finalize");
  const finalized = stepFrom(
    provider,
    "finalize invoice",
    await client.POST("/api/{account_id}/invoices/{external_id}/finalize", {
      params: { path: { external_id: invoice.data.id } },
      headers: prefer("open"),
    }),
    (open) => ({ status: open.status, ids: { invoice: open.id } }),
    finalizeFault(),
  );
  expectStatus(record(finalized.step), "open");

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

  const secret = "whsec_payspec_main_job";
  const paid = await unwrap(
    client.GET("/api/{account_id}/invoices/{external_id}", {
      params: { path: { external_id: invoice.data.id } },
      headers: prefer("paid"),
    }),
  );
  const delivery = await signWebhookForTests(
    {
      id: "evt_prod_mainjob1",
      object: "event",
      type: "invoice.paid",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: paid },
    },
    secret,
  );
  const { dedupeKey } = await verifyWebhook(delivery.body, delivery.headers, { secrets: secret });
  record(webhookStep(provider, "X-Webhook-Signature (HMAC-SHA256)", dedupeKey));
  return steps;
}
