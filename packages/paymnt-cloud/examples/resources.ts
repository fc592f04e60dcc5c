import { createPaymntCloudClient } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// One call per resource. Each resolves to the response body, or throws a typed ApiError for an error status.
const customer = await paymnt.customers.create({ name: "John Doe", email: "john.doe@example.com" });
console.log("customer", customer.customer_id);

const payment = await paymnt.payments.create({ amount: 1000, currency: "USD", customer_id: customer.customer_id });
console.log("payment", payment.payment_id, payment.status);

// Partial refund. The idempotency key makes a retried or repeated call refund once; a refund_id of
// your own also makes Paymnt Cloud answer a repeat with 400 HE_01 instead of refunding twice.
const refund = await paymnt.refunds.create(
  { payment_id: payment.payment_id, amount: 500, reason: "customer request" },
  { idempotencyKey: `${payment.payment_id}/refund-1` },
);
console.log("refund", refund.refund_id, refund.status);

// A list method awaited gives one page; `for await` gives every item, requesting pages as the loop needs them.
for await (const listed of paymnt.refunds.list({ payment_id: payment.payment_id }, { maxItems: 100 })) {
  console.log("listed", listed.refund_id, listed.amount, listed.status);
}
