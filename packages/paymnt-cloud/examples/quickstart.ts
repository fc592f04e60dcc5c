import { createPaymntCloudClient, requestMetaOf } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// Authorise now, capture later. Amounts are integers in minor units: 1000 = USD 10.00.
const created = await paymnt.POST("/payments", {
  body: { amount: 1000, currency: "USD", capture_method: "manual", description: "Order #1001" },
});
if (created.error) {
  throw new Error(`create failed: HTTP ${created.response.status} ${created.error.error.code}`);
}
const payment = created.data;
console.log("created", payment.payment_id, payment.status, requestMetaOf(created)?.idempotencyKey);

const captured = await paymnt.POST("/payments/{payment_id}/capture", {
  params: { path: { payment_id: payment.payment_id } },
  body: { amount_to_capture: 1000 },
});
if (captured.error) {
  throw new Error(`capture failed: HTTP ${captured.response.status} ${captured.error.error.code}`);
}
console.log("captured", captured.data.payment_id, captured.data.status);
