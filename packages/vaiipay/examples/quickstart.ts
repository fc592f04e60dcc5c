import { createVaiiPayClient, paymentIdFromCheckoutUrl } from "@payspec/vaiipay";

// VaiiPay runs on your installation's host: the docs write it as https://api.yourdomain.com.
const vaiipay = createVaiiPayClient({
  token: process.env.VAIIPAY_TOKEN ?? "",
  baseUrl: process.env.VAIIPAY_BASE_URL ?? "https://api.yourdomain.com",
  tokenKind: "client", // a Client Token: payment applications (OAuth2-only) are refused before sending
  clientId: process.env.VAIIPAY_CLIENT_ID ?? "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
});

// 10000 = USD 100.00. The configured clientId is filled in for you. Each method resolves to VaiiPay's
// { data } envelope, or throws a typed ApiError for an error status.
const { data: checkout } = await vaiipay.checkouts.create({
  amount: 10000,
  currencyCode: "USD",
  reference: "ORDER-123",
  referenceLabel: "Order #123",
});
const paymentId = paymentIdFromCheckoutUrl(checkout.checkoutUrl);
console.log("send the payer to", checkout.checkoutUrl);

const { data: payment } = await vaiipay.payments.retrieve(paymentId);
console.log("payment", payment.id, payment.status, payment.amount?.formatted);
