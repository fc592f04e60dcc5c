import { createPaymendClient } from "@payspec/paymend";

// PAYMEND_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const token = process.env.PAYMEND_TOKEN ?? "";
const baseUrl = process.env.PAYMEND_BASE_URL;
const paymend = createPaymendClient(baseUrl ? { token, baseUrl } : { token, environment: "sandbox" });

// Payments are the only resource: one call per operation. captureNow: false authorises only.
const created = await paymend.payments.create({
  amount: 12997,
  currency: "USD",
  merchantReference: "ORDER-1002",
  goodsType: "DIGITAL",
  captureNow: false,
  source: { storeId: "store_abc123", initiatedBy: "CONSUMER" },
  paymentMethod: {
    type: "CARD",
    card: { number: "4444444444440000", holderName: "Jane Roe", expiryMonth: "12", expiryYear: "2030" },
  },
});
console.log("created", created.paymentId, created.status);

// withResponse() gives the same call's HTTP response and metadata too: here, the attempts a read took.
const { data: payment, meta } = await paymend.payments.get(created.paymentId).withResponse();
console.log("retrieved", payment.status, meta.attempts);

// These methods do not check the payment's status first, as capture() / refund() / voidPayment() do:
// each is valid only in the status its comment names (canPerform(status, action) tells).
// AUTHORIZED → CAPTURED: no body captures the whole authorised amount.
const captured = await paymend.payments.capture(created.paymentId);
console.log("captured", captured.status);

// CAPTURED → REFUNDED: refundAmount (minor units) for part of it; no body refunds it all.
const refunded = await paymend.payments.refund(created.paymentId, { refundAmount: 500 });
console.log("refunded", refunded.status);

// PENDING or AUTHORIZED → VOIDED: stops recovery of another order the customer paid elsewhere.
const voided = await paymend.payments.void("pay_fedcba0987654321");
console.log("voided", voided.status);
