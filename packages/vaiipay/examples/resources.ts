import { createVaiiPayClient, paymentIdFromCheckoutUrl, unwrapData } from "@payspec/vaiipay";

// The merchant's OAuth2 token reaches every operation; a Client Token cannot manage applications.
const vaiipay = createVaiiPayClient({
  token: process.env.VAIIPAY_OAUTH_TOKEN ?? "",
  baseUrl: process.env.VAIIPAY_BASE_URL ?? "https://api.yourdomain.com",
  tokenKind: "oauth2",
});

// Payment applications: one per store. `secret` is the key VaiiPay signs this store's webhooks with.
const { data: application } = await unwrapData(
  vaiipay.POST("/api/payment-applications", {
    body: {
      name: "My E-commerce Store",
      secret: process.env.VAIIPAY_WEBHOOK_SECRET ?? "whsec_local",
      callbackUrl: "https://mystore.com/webhooks/payments",
    },
  }),
);
console.log("application", application.id, application.clientId);

// Payments: create one (its hosted checkout link), then read it. 10000 = USD 100.00.
const { data: checkout } = await unwrapData(
  vaiipay.POST("/api/payment/checkout", {
    body: {
      amount: 10000,
      currencyCode: "USD",
      reference: "ORDER-124",
      referenceLabel: "Order #124",
      clientId: application.clientId,
    },
  }),
);
const paymentId = paymentIdFromCheckoutUrl(checkout.checkoutUrl);
const { data: payment } = await unwrapData(
  vaiipay.GET("/api/payment/{paymentId}", { params: { path: { paymentId } } }),
);
console.log("payment", payment.id, payment.status);

// Payment instructions for one provider and method: deposit address, exact amount, expiry.
const { data: instructions } = await unwrapData(
  vaiipay.GET("/api/payment/{paymentId}/provider/{provider}/method/{method}", {
    params: { path: { paymentId, provider: "tron", method: "usdt" } },
  }),
);
console.log("instructions", instructions);

// Checkout (public): what the hosted page calls, authorised by the checkout link's own signature.
const link = new URL(checkout.checkoutUrl).searchParams;
const { data: methods } = await unwrapData(
  vaiipay.GET("/api/checkout/{paymentId}/payment-methods", {
    params: {
      path: { paymentId },
      query: { expires: Number(link.get("expires")), signature: link.get("signature") ?? "" },
    },
  }),
);
console.log("payment methods", methods.length);
