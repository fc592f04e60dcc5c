import { ApiError, createPaymntCloudClient } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// Authorise now, capture later. Amounts are integers in minor units: 1000 = USD 10.00.
// withResponse() also gives the HTTP response and what the call did: its idempotency key, attempts, request id.
const { data: payment, meta } = await paymnt.payments
  .create({ amount: 1000, currency: "USD", capture_method: "manual", description: "Order #1001" })
  .withResponse();
console.log("created", payment.payment_id, payment.status, meta.idempotencyKey);

// A key of your own makes the whole call safe to repeat: a second capture of this order sends the same key.
try {
  const captured = await paymnt.payments.capture(
    payment.payment_id,
    { amount_to_capture: 1000 },
    { idempotencyKey: "order-1001/capture" },
  );
  console.log("captured", captured.payment_id, captured.status);
} catch (error) {
  // An error status throws a typed ApiError: branch on its status and the provider's code, never the message.
  if (!(error instanceof ApiError)) throw error;
  console.log("capture refused", error.status, error.code, error.requestId);
}
