import { createPaymentKitClient, paginate, unwrap } from "@payspec/paymentkit";

// PAYMENTKIT_BASE_URL points the client at a mock or proxy; without it, production is used.
const token = process.env.PAYMENTKIT_TOKEN ?? "";
const accountId = process.env.PAYMENTKIT_ACCOUNT_ID ?? "acc_prod_a1b2c3d4";
const baseUrl = process.env.PAYMENTKIT_BASE_URL;
const paymentkit = createPaymentKitClient(
  baseUrl ? { token, accountId, baseUrl } : { token, accountId, environment: "production" },
);

// account_id is filled in from the client; unwrap() returns data or throws a typed ApiError.
const customer = await unwrap(
  paymentkit.POST("/api/{account_id}/customers", { body: { email: "jane@example.com", name: "Jane Smith" } }),
);
const subscription = await unwrap(
  paymentkit.POST("/api/{account_id}/subscriptions", {
    body: {
      customer_id: customer.id,
      currency: "USD",
      billing_interval: "month",
      items: [{ price_id: "price_prod_a9b8c7d6", quantity: 1 }],
    },
  }),
);
console.log("subscription", subscription.id, subscription.status);

// Every list is paginated for you: pages are fetched as the loop needs them.
for await (const invoice of paginate(paymentkit, "/api/{account_id}/invoices", {}, { maxItems: 50 })) {
  console.log("invoice", invoice.id, invoice.status, invoice.total_amount_atom);
}
