import { createPaymntCloudClient, unwrap } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// One call per resource. unwrap() returns the body, or throws a typed ApiError for an error status.
const customer = await unwrap(paymnt.POST("/customers", { body: { name: "John Doe", email: "john.doe@example.com" } }));
console.log("customer", customer.customer_id);

const payment = await unwrap(
  paymnt.POST("/payments", { body: { amount: 1000, currency: "USD", customer_id: customer.customer_id } }),
);
console.log("payment", payment.payment_id, payment.status);

// Partial refund; a refund_id of your own makes a repeat answer 400 HE_01 instead of refunding twice.
const refund = await unwrap(
  paymnt.POST("/refunds", { body: { payment_id: payment.payment_id, amount: 500, reason: "customer request" } }),
);
console.log("refund", refund.refund_id, refund.status);
