import { createPaymentKitClient, unwrap } from "@payspec/paymentkit";

// PAYMENTKIT_BASE_URL points the client at a mock or proxy; without it, production is used.
const token = process.env.PAYMENTKIT_TOKEN ?? "";
const accountId = process.env.PAYMENTKIT_ACCOUNT_ID ?? "acc_prod_a1b2c3d4";
const baseUrl = process.env.PAYMENTKIT_BASE_URL;
const paymentkit = createPaymentKitClient(
  baseUrl ? { token, accountId, baseUrl } : { token, accountId, environment: "production" },
);

// One call per resource; account_id is filled in from the client. Amounts in *_atom are minor units.
const customer = await unwrap(
  paymentkit.POST("/api/{account_id}/customers", { body: { email: "jane@example.com", name: "Jane Smith" } }),
);
console.log("customer", customer.id);

const product = await unwrap(paymentkit.POST("/api/{account_id}/products", { body: { name: "Pro plan" } }));
console.log("product", product.id);

const price = await unwrap(
  paymentkit.POST("/api/{account_id}/prices", {
    body: { product_id: product.id, currency: "usd", unit_amount_atom: 4900, billing_interval: "month" },
  }),
);
console.log("price", price.id, price.unit_amount_atom);

const subscription = await unwrap(
  paymentkit.POST("/api/{account_id}/subscriptions", {
    body: { customer_id: customer.id, currency: "usd", items: [{ price_id: price.id, quantity: 1 }] },
  }),
);
console.log("subscription", subscription.id, subscription.status);

// A change request stages plan changes to preview, apply or cancel; one may be open per subscription.
const changeRequest = await unwrap(
  paymentkit.POST("/api/{account_id}/change-requests", {
    body: { subscription_id: subscription.id, expires_in_hours: 24 },
  }),
);
console.log("change request", changeRequest.id, changeRequest.status);

// Invoice items are in major units, as PaymentKit's invoice guides write them: amount 500 = USD 500.00.
const invoice = await unwrap(
  paymentkit.POST("/api/{account_id}/invoices", {
    body: { customer_id: customer.id, currency: "usd", items: [{ description: "Onboarding", amount: 500 }] },
  }),
);
console.log("invoice", invoice.id, invoice.status);

const session = await unwrap(
  paymentkit.POST("/api/{account_id}/checkout-sessions", {
    body: {
      line_items: [{ price_id: price.id }],
      success_url: "https://shop.example.com/thanks?session={CHECKOUT_SESSION_ID}",
    },
  }),
);
console.log("checkout session", session.id, session.status);

// Refund part of a paid invoice; the automatic Idempotency-Key makes a retried refund safe.
const refund = await unwrap(
  paymentkit.POST("/api/{account_id}/payments/refunds", {
    body: { invoice_id: "in_prod_q1r2s3t4", amount_atom: 1500, reason: "requested_by_customer" },
  }),
);
console.log("refund", refund.id, refund.status);

const endpoint = await unwrap(
  paymentkit.POST("/api/{account_id}/webhook-endpoints", {
    body: { url: "https://shop.example.com/hooks/paymentkit", events: ["invoice.paid", "invoice.payment_failed"] },
  }),
);
console.log("webhook endpoint", endpoint.id);
