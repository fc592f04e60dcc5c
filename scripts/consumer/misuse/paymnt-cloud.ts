// Misuse corpus, Paymnt Cloud: every `@ts-expect-error` line is a mistake the resource layer's
// types must refuse, and names it with the error tsc gives (checked by scripts/consumer.mjs);
// every other line is a valid call that must compile. Compiled, never run.
import { createPaymntCloudClient, type Payment, type PaymntCloudClient, paginate } from "@payspec/paymnt-cloud";

declare const paymnt: PaymntCloudClient;
declare const paymentId: string;

export async function validCalls(): Promise<void> {
  const client: PaymntCloudClient = createPaymntCloudClient({ apiKey: "sk_sandbox_x", environment: "sandbox" });
  const payment: Payment = await client.payments.create({ amount: 1000, currency: "USD", capture_method: "manual" });
  for await (const listed of paginate(paymnt, "GET /payments/list", {}, { pageSize: 50, maxItems: 200 })) {
    void listed.payment_id;
  }
  for await (const dispute of paginate(paymnt, "GET /disputes/list", {}, { maxItems: 10 })) void dispute;
  // A client created with profileId sends x-profile-id itself: the raw layer does not ask for it again.
  const withProfile = createPaymntCloudClient({ apiKey: "sk_sandbox_x", environment: "sandbox", profileId: "pro_1" });
  await withProfile.GET("/subscriptions/{subscription_id}", { params: { path: { subscription_id: "sub_1" } } });
  await withProfile.withOptions({ maxRetries: 0 }).GET("/subscriptions/{subscription_id}", {
    params: { path: { subscription_id: "sub_1" } },
  });
  await paymnt.payments.capture(payment.payment_id, { amount_to_capture: 500 }, { idempotencyKey: "order-1" });
  await paymnt.payments.update(paymentId, { amount: 1200, description: "resized" });
  await paymnt.refunds.create({ payment_id: paymentId, amount: 500, reason: "duplicate" });
  const refunds = await paymnt.refunds.list({ payment_id: paymentId });
  const total: number | undefined = refunds.total_count;
  const controller = new AbortController();
  await paymnt.payments.retrieve(paymentId, undefined, { signal: controller.signal, timeoutMs: 5000, maxRetries: 1 });
  await paymnt.customers.delete("cus_1", { deadlineMs: 10_000, headers: { "x-profile-id": "pro_1" } });
  await paymnt.blocklist.toggle({ query: { status: true } }, { idempotencyKey: "toggle-1" });
  for await (const refund of paymnt.refunds.list({ payment_id: paymentId }, { pageSize: 20 })) void refund.refund_id;
  for await (const listed of paymnt.payments.list({ limit: 20 }, { maxItems: 100, pageSize: 50 })) {
    const id: string = listed.payment_id;
    void id;
  }
  const { data, response, meta } = await paymnt.payments.retrieve(paymentId).withResponse();
  const status: number = response.status;
  void [total, data, status, meta.attempts];
}

export async function misuse(): Promise<void> {
  // @ts-expect-error a page size for a list answered in one request, which has none (TS2353)
  for await (const dispute of paginate(paymnt, "GET /disputes/list", {}, { pageSize: 5 })) void dispute;
  // @ts-expect-error a client without profileId must pass the x-profile-id header the subscriptions require (TS2741)
  await paymnt.GET("/subscriptions/{subscription_id}", { params: { path: { subscription_id: "sub_1" } } });
  const receipt = new Blob(["%PDF-1.4"], { type: "application/pdf" });
  // @ts-expect-error misspelt field of a multipart form: dispute_idd (TS2561)
  await paymnt.disputes.attachEvidence({ dispute_idd: "dp_1", evidence_type: "receipt", file: receipt });
  // @ts-expect-error unknown field of a multipart form: note (TS2353)
  await paymnt.blocklist.uploadBatch({ file: new Blob(["type,data,metadata"]), note: "x" });
  // @ts-expect-error unknown option: pageSize on a list answered in one request (TS2353)
  await paymnt.mandates.listForCustomer("cus_1", { pageSize: 10 });
  // @ts-expect-error unknown field in the payment body (TS2353)
  await paymnt.payments.create({ amount: 1000, currency: "USD", colour: "red" });
  // @ts-expect-error misspelt optional field: amount_cents for amount (TS2353)
  await paymnt.payments.update(paymentId, { amount_cents: 1000 });
  // @ts-expect-error misspelt optional field beside the required ones: amount_cents (TS2353)
  await paymnt.payments.create({ amount: 1000, currency: "USD", amount_cents: 1000 });
  // @ts-expect-error misspelt refund field: reson for reason (TS2561)
  await paymnt.refunds.create({ payment_id: paymentId, amount: 500, reson: "duplicate" });
  // @ts-expect-error misspelt enum value: capture_method "manaul" (TS2820)
  await paymnt.payments.create({ amount: 1000, currency: "USD", capture_method: "manaul" });
  // @ts-expect-error currency codes are upper case (TS2820)
  await paymnt.payments.create({ amount: 1000, currency: "usd" });
  // @ts-expect-error missing required field: currency (TS2345)
  await paymnt.payments.create({ amount: 1000 });
  // @ts-expect-error missing required field: the refund's payment_id (TS2345)
  await paymnt.refunds.create({ amount: 500 });
  // @ts-expect-error wrong type: amount as a string (TS2322)
  await paymnt.payments.create({ amount: "1000", currency: "USD" });
  // @ts-expect-error missing path parameter: capture without the payment id (TS2345)
  await paymnt.payments.capture({ amount_to_capture: 500 });
  // @ts-expect-error missing path parameter: retrieve with no arguments (TS2554)
  await paymnt.payments.retrieve();
  // @ts-expect-error unknown option: idempotency_key for idempotencyKey (TS2561)
  await paymnt.payments.create({ amount: 1000, currency: "USD" }, { idempotency_key: "k" });
  // @ts-expect-error unknown option: timeout for timeoutMs (TS2561)
  await paymnt.payments.capture(paymentId, {}, { timeout: 5000 });
  // @ts-expect-error an idempotency key on a GET, which the provider does not deduplicate (TS2353)
  await paymnt.payments.retrieve(paymentId, undefined, { idempotencyKey: "k" });
  // @ts-expect-error an idempotency key on a DELETE (TS2353)
  await paymnt.customers.delete("cus_1", { idempotencyKey: "k" });
  // @ts-expect-error options in the body's place: capture(paymentId, { idempotencyKey }) (TS2353)
  await paymnt.payments.capture(paymentId, { idempotencyKey: "k" });
  // @ts-expect-error a list option on a method that does not list (TS2353)
  await paymnt.payments.retrieve(paymentId, undefined, { maxItems: 10 });
  // @ts-expect-error a query parameter the list does not take: page (TS2353)
  await paymnt.payments.list({ page: 2 });
  // @ts-expect-error wrong type: the path parameter as a number (TS2345)
  await paymnt.payments.retrieve(1234);
  // @ts-expect-error wrong type: an option's value (TS2322)
  await paymnt.payments.retrieve(paymentId, undefined, { timeoutMs: "5s" });
  // @ts-expect-error query+body input: the query's fields flat instead of { query } (TS2353)
  await paymnt.blocklist.toggle({ status: true });
  // @ts-expect-error misspelt resource: payment for payments (TS2551)
  await paymnt.payment.create({ amount: 1000, currency: "USD" });
  // @ts-expect-error misspelt method: retreive (TS2551)
  await paymnt.payments.retreive(paymentId);
  // @ts-expect-error the response's payment_id is a string, not a number (TS2322)
  const id: number = (await paymnt.payments.retrieve(paymentId)).payment_id;
  // @ts-expect-error no default environment (TS2769)
  createPaymntCloudClient({ apiKey: "sk_sandbox_x" });
  void id;
}
