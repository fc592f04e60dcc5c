import { createVaiiPayClient, paymentIdFromCheckoutUrl, unwrapData } from "@payspec/vaiipay";

// VaiiPay runs on your installation's host: the docs write it as https://api.yourdomain.com.
const vaiipay = createVaiiPayClient({
  token: process.env.VAIIPAY_TOKEN ?? "",
  baseUrl: process.env.VAIIPAY_BASE_URL ?? "https://api.yourdomain.com",
  tokenKind: "client", // a Client Token: payment applications (OAuth2-only) do not even compile
  clientId: process.env.VAIIPAY_CLIENT_ID ?? "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
});

// 10000 = USD 100.00. The configured clientId is filled in for you.
const { data: checkout } = await unwrapData(
  vaiipay.POST("/api/payment/checkout", {
    body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123" },
  }),
);
const paymentId = paymentIdFromCheckoutUrl(checkout.checkoutUrl);
console.log("send the payer to", checkout.checkoutUrl);

const { data: payment } = await unwrapData(
  vaiipay.GET("/api/payment/{paymentId}", { params: { path: { paymentId } } }),
);
console.log("payment", payment.id, payment.status, payment.amount?.formatted);
