import { createPaymendClient, waitForFinalStatus } from "@payspec/paymend";

// PAYMEND_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const token = process.env.PAYMEND_TOKEN ?? "";
const baseUrl = process.env.PAYMEND_BASE_URL;
const paymend = createPaymendClient(baseUrl ? { token, baseUrl } : { token, environment: "sandbox" });

// Submit a payment that failed at another provider. merchantReference is your unique id for it (Paymend
// has no idempotency key). Each method resolves to the response body or throws a typed ApiError.
const created = await paymend.payments.create({
  amount: 12997, // minor units: USD 129.97
  currency: "USD",
  merchantReference: "ORDER-1001",
  goodsType: "PHYSICAL",
  source: { storeId: "store_abc123", initiatedBy: "MERCHANT" },
  paymentMethod: {
    type: "CARD",
    card: { number: "4444444444440000", holderName: "John Doe", expiryMonth: "12", expiryYear: "2030", brand: "VISA" },
  },
  previousFailures: [{ provider: "AcquirerX", attemptNumber: 1, providerFailureCode: "05" }],
});
console.log("created", created.paymentId, created.status);

// PENDING means Paymend is still recovering it: wait (webhooks are better, when you have them).
const final = await waitForFinalStatus(paymend, created.paymentId, { deadline: 60_000 });
console.log("final", final.status);

// Act on the status Paymend reports: capture an authorisation, then refund part of it.
if (final.status === "AUTHORIZED") {
  const captured = await paymend.payments.capture(final.paymentId);
  console.log("captured", captured.status);
  if (captured.status === "CAPTURED") {
    const refunded = await paymend.payments.refund(captured.paymentId, { refundAmount: 500 });
    console.log("refunded", refunded.status);
  }
}
