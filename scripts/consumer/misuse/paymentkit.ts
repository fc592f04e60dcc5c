// Misuse corpus, PaymentKit: every `@ts-expect-error` line is a mistake the resource layer's
// types must refuse, and names it with the error tsc gives (checked by scripts/consumer.mjs);
// every other line is a valid call that must compile. Compiled, never run.
import {
  type AccountScopedPaymentKitClient,
  type Customer,
  createPaymentKitClient,
  type PaymentKitClient,
  type PaymentKitClientOptions,
  paginate,
} from "@payspec/paymentkit";

declare const paymentkit: AccountScopedPaymentKitClient;
declare const customerId: string;
declare const options: PaymentKitClientOptions;
const accountId = "acc_prod_a1b2c3d4";

export async function validCalls(): Promise<void> {
  const scoped = createPaymentKitClient({ token: "st_prod_x", accountId, environment: "production" });
  const customer: Customer = await scoped.customers.create({ email: "jane@example.com", name: "Jane" });
  await paymentkit.customers.update(customer.id, { first_name: "Jane" }, { timeoutMs: 5_000 });
  await paymentkit.customers.retrieve(customerId, { expand: "custom_fields" }, { accountId: "acc_prod_b2c3d4e5" });
  await paymentkit.prices.create({
    product_id: "prod_1",
    currency: "usd",
    unit_amount_atom: 1000,
    usage_type: "metered",
  });
  await paymentkit.refunds.create({ payment_intent_id: "pi_1", reason: "duplicate" }, { idempotencyKey: "refund-1" });
  for await (const listed of paymentkit.customers.list({ limit: 20 }, { maxItems: 100 })) {
    const email: string | null = listed.email;
    void email;
  }
  // Without accountId every account-scoped method takes it as an option.
  const unscoped: PaymentKitClient = createPaymentKitClient({ token: "st_prod_x", environment: "production" });
  await unscoped.customers.update(customerId, { name: "Jane" }, { accountId });
  await unscoped.customers.list(undefined, { accountId, maxItems: 10 });
  await unscoped.customers.listForTokenAccount({ limit: 5 });
  // paginate takes the list's own path parameters: another account, or the client's.
  for await (const c of paginate(paymentkit, "/api/{account_id}/customers", {
    params: { path: { account_id: accountId } },
  }))
    void c;
  for await (const c of paginate(unscoped, "/api/{account_id}/customers", {
    params: { path: { account_id: accountId } },
  }))
    void c;
  // withOptions keeps the client's own type: still scoped to its account, so paginate needs no account_id.
  const retrying: AccountScopedPaymentKitClient = paymentkit.withOptions({ maxRetries: 5 });
  for await (const listed of paginate(retrying.withOptions({ timeoutMs: 5_000 }), "/api/{account_id}/customers")) {
    void listed.id;
  }
  await unscoped.refunds.create({ invoice_id: "in_1" }, { accountId, idempotencyKey: "refund-2" });
}

export async function misuse(unscoped: PaymentKitClient): Promise<void> {
  const price = { product_id: "prod_1", currency: "usd", unit_amount_atom: 1000 } as const;
  // @ts-expect-error misspelt optional field: nickname on a customer (TS2353)
  await paymentkit.customers.update(customerId, { nickname: "JJ" });
  // @ts-expect-error unknown field in the customer body (TS2353)
  await paymentkit.customers.create({ email: "jane@example.com", phone_number: "+1" });
  // @ts-expect-error misspelt enum value: usage_type "meterd" (TS2820)
  await paymentkit.prices.create({ ...price, usage_type: "meterd" });
  // @ts-expect-error wrong enum value: billing_interval "monthly" (TS2820)
  await paymentkit.prices.create({ ...price, billing_interval: "monthly" });
  // @ts-expect-error missing required field: the price's product_id (TS2345)
  await paymentkit.prices.create({ currency: "usd", unit_amount_atom: 1000 });
  // @ts-expect-error missing required field: a refund names neither payment_intent_id nor invoice_id (TS2345)
  await paymentkit.refunds.create({ amount_atom: 100 });
  // @ts-expect-error wrong type: unit_amount_atom as a string (TS2322)
  await paymentkit.prices.create({ product_id: "prod_1", currency: "usd", unit_amount_atom: "10.00" });
  // @ts-expect-error missing path parameter: update without the customer id (TS2554)
  await paymentkit.customers.update({ name: "Jane" });
  // @ts-expect-error idempotency key on a call PaymentKit does not deduplicate by it: a customer update (TS2353)
  await paymentkit.customers.update(customerId, { name: "Jane" }, { idempotencyKey: "update-1" });
  // @ts-expect-error idempotency key on a call PaymentKit does not deduplicate by it: creating an account (TS2353)
  await unscoped.accounts.create({ name: "Staging", organization_id: "org_1" }, { idempotencyKey: "acc-1" });
  const subscription = { customer_id: "cus_1", currency: "usd", items: [{ price_id: "price_1" }] };
  await paymentkit.subscriptions.create({ ...subscription, trial_period_days: 14 });
  // @ts-expect-error misspelt optional field on the call that starts billing: trial_period_day (TS2561)
  await paymentkit.subscriptions.create({ ...subscription, trial_period_day: 14 });
  // @ts-expect-error unknown field in a subscription: colour (TS2353)
  await paymentkit.subscriptions.create({ ...subscription, colour: "red" });
  // @ts-expect-error a misspelt path parameter for paginate: acount_id (TS2769)
  for await (const c of paginate(paymentkit, "/api/{account_id}/customers", { params: { path: { acount_id: "acc" } } }))
    void c;
  // @ts-expect-error a path parameter the list does not have (TS2769)
  for await (const c of paginate(paymentkit, "/api/{account_id}/customers", { params: { path: { customer: "x" } } }))
    void c;
  // @ts-expect-error a client without accountId stays unscoped through withOptions (TS2322)
  const stillUnscoped: AccountScopedPaymentKitClient = unscoped.withOptions({ maxRetries: 0 });
  void stillUnscoped;
  // @ts-expect-error missing path parameter: retrieve with no arguments (TS2554)
  await paymentkit.customers.retrieve();
  // @ts-expect-error unknown option: accountID for accountId (TS2561)
  await paymentkit.customers.create({ email: "jane@example.com" }, { accountID: accountId });
  // @ts-expect-error unknown option: retries (TS2353)
  await paymentkit.customers.create({ email: "jane@example.com" }, { retries: 3 });
  // @ts-expect-error an idempotency key on a GET (TS2353)
  await paymentkit.customers.retrieve(customerId, undefined, { idempotencyKey: "k" });
  // @ts-expect-error accountId on a method whose path has no account (TS2353)
  await paymentkit.accounts.create({ name: "Staging", organization_id: "org_1" }, { accountId });
  // @ts-expect-error an account-scoped method on a client without accountId and no options.accountId (TS2554)
  await unscoped.customers.update(customerId, { name: "Jane" });
  // @ts-expect-error an account-scoped create without options.accountId (TS2554)
  await unscoped.customers.create({ email: "jane@example.com" });
  // @ts-expect-error an account-scoped list without options (TS2554)
  await unscoped.customers.list();
  // @ts-expect-error options without accountId on a client without accountId (TS2345)
  await unscoped.customers.list(undefined, { maxItems: 10 });
  // @ts-expect-error wrong type: an option's value (TS2322)
  await paymentkit.customers.list(undefined, { maxItems: "all" });
  // @ts-expect-error misspelt method: updat (TS2551)
  await paymentkit.customers.updat(customerId, { name: "Jane" });
  // @ts-expect-error a client whose accountId may be absent still needs options.accountId (TS2554)
  await createPaymentKitClient(options).customers.create({ email: "jane@example.com" });
  // @ts-expect-error a client without a token (TS2769)
  createPaymentKitClient({ environment: "production" });
}
