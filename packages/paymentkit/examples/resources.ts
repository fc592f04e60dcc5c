import { ConflictError, createPaymentKitClient } from "@payspec/paymentkit";

// PAYMENTKIT_BASE_URL points the client at a mock or proxy; without it, production is used.
const token = process.env.PAYMENTKIT_TOKEN ?? "";
const accountId = process.env.PAYMENTKIT_ACCOUNT_ID ?? "acc_prod_a1b2c3d4";
const baseUrl = process.env.PAYMENTKIT_BASE_URL;
const paymentkit = createPaymentKitClient(
  baseUrl ? { token, accountId, baseUrl } : { token, accountId, environment: "production" },
);

// One call per resource; account_id comes from the client. Amounts in *_atom are minor units.
const customer = await paymentkit.customers.create({ email: "jane@example.com", name: "Jane Smith" });
console.log("customer", customer.id);

const product = await paymentkit.products.create({ name: "Pro plan" });
console.log("product", product.id);

const price = await paymentkit.prices.create({
  product_id: product.id,
  currency: "usd",
  unit_amount_atom: 4900,
  billing_interval: "month",
});
console.log("price", price.id, price.unit_amount_atom);

const subscription = await paymentkit.subscriptions.create({
  customer_id: customer.id,
  currency: "usd",
  items: [{ price_id: price.id, quantity: 1 }],
});
console.log("subscription", subscription.id, subscription.status);

// A change request stages plan changes to preview, apply or cancel. One may be open per subscription:
// creating a second throws ConflictError (409), a typed ApiError.
try {
  const changeRequest = await paymentkit.changeRequests.create({
    subscription_id: subscription.id,
    expires_in_hours: 24,
  });
  console.log("change request", changeRequest.id, changeRequest.status);
} catch (error) {
  if (!(error instanceof ConflictError)) throw error;
  console.log("a change request is already open", error.requestId);
}

// Invoice items are in major units, as PaymentKit's invoice guides write them: amount 500 = USD 500.00.
const invoice = await paymentkit.invoices.create({
  customer_id: customer.id,
  currency: "usd",
  items: [{ description: "Onboarding", amount: 500 }],
});
console.log("invoice", invoice.id, invoice.status);

const session = await paymentkit.checkoutSessions.create({
  line_items: [{ price_id: price.id }],
  success_url: "https://shop.example.com/thanks?session={CHECKOUT_SESSION_ID}",
});
console.log("checkout session", session.id, session.status);

// Refund part of a paid invoice. PaymentKit answers a repeated Idempotency-Key with the original refund,
// so a key naming this refund makes the call safe to repeat; meta shows the key and attempts it took.
const { data: refund, meta } = await paymentkit.refunds
  .create(
    { invoice_id: "in_prod_q1r2s3t4", amount_atom: 1500, reason: "requested_by_customer" },
    { idempotencyKey: "in_prod_q1r2s3t4/refund-1" },
  )
  .withResponse();
console.log("refund", refund.id, refund.status, meta.idempotencyKey, meta.attempts);

const endpoint = await paymentkit.webhookEndpoints.create({
  url: "https://shop.example.com/hooks/paymentkit",
  events: ["invoice.paid", "invoice.payment_failed"],
});
console.log("webhook endpoint", endpoint.id);
