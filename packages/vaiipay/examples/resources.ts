import { createVaiiPayClient, paymentIdFromCheckoutUrl } from "@payspec/vaiipay";

// The merchant's OAuth2 token reaches every operation; a Client Token cannot manage applications.
const vaiipay = createVaiiPayClient({
  token: process.env.VAIIPAY_OAUTH_TOKEN ?? "",
  baseUrl: process.env.VAIIPAY_BASE_URL ?? "https://api.yourdomain.com",
  tokenKind: "oauth2",
});

// Payment applications: one per store. `secret` is the key VaiiPay signs this store's webhooks with.
const { data: application } = await vaiipay.paymentApplications.create({
  name: "My E-commerce Store",
  secret: process.env.VAIIPAY_WEBHOOK_SECRET ?? "whsec_local",
  callbackUrl: "https://mystore.com/webhooks/payments",
});
console.log("application", application.id, application.clientId);

// Every application: the list comes in one answer, and `for await` walks its items.
for await (const listed of vaiipay.paymentApplications.list()) {
  console.log("listed", listed.id, listed.name);
}

// Payments: create one (its hosted checkout link), then read it. 10000 = USD 100.00.
const { data: checkout } = await vaiipay.checkouts.create({
  amount: 10000,
  currencyCode: "USD",
  reference: "ORDER-124",
  referenceLabel: "Order #124",
  clientId: application.clientId,
});
const paymentId = paymentIdFromCheckoutUrl(checkout.checkoutUrl);
const { data: payment } = await vaiipay.payments.retrieve(paymentId);
console.log("payment", payment.id, payment.status);

// Payment instructions for one provider and method: deposit address, exact amount, expiry.
const { data: instructions } = await vaiipay.payments.retrieveInstructions(paymentId, "tron", "usdt");
console.log("instructions", instructions);

// Checkout (public): what the hosted page calls, authorised by the checkout link's own signature.
const link = new URL(checkout.checkoutUrl).searchParams;
const { data: methods } = await vaiipay.checkout.listPaymentMethods(paymentId, {
  expires: Number(link.get("expires")),
  signature: link.get("signature") ?? "",
});
console.log("payment methods", methods.length);
