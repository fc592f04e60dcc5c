import { createPaymentKitClient } from "@payspec/paymentkit";

// PAYMENTKIT_BASE_URL points the client at a mock or proxy; without it, production is used.
const token = process.env.PAYMENTKIT_TOKEN ?? "";
const accountId = process.env.PAYMENTKIT_ACCOUNT_ID ?? "acc_prod_a1b2c3d4";
const baseUrl = process.env.PAYMENTKIT_BASE_URL;
const paymentkit = createPaymentKitClient(
  baseUrl ? { token, accountId, baseUrl } : { token, accountId, environment: "production" },
);

// account_id comes from the client. Each method resolves to the response body or throws a typed ApiError.
const customer = await paymentkit.customers.create({ email: "jane@example.com", name: "Jane Smith" });
const subscription = await paymentkit.subscriptions.create({
  customer_id: customer.id,
  currency: "USD",
  billing_interval: "month",
  items: [{ price_id: "price_prod_a9b8c7d6", quantity: 1 }],
});
console.log("subscription", subscription.id, subscription.status);

// Awaited, a list method gives one page; with `for await`, every item, pages fetched as the loop needs them.
for await (const invoice of paymentkit.invoices.list({}, { maxItems: 50 })) {
  console.log("invoice", invoice.id, invoice.status, invoice.total_amount_atom);
}
