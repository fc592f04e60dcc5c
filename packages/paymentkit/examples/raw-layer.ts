import { createPaymentKitClient } from "@payspec/paymentkit";

// PAYMENTKIT_BASE_URL points the client at a mock or proxy; without it, production is used.
const token = process.env.PAYMENTKIT_TOKEN ?? "";
const accountId = process.env.PAYMENTKIT_ACCOUNT_ID ?? "acc_prod_a1b2c3d4";
const baseUrl = process.env.PAYMENTKIT_BASE_URL;
const paymentkit = createPaymentKitClient(
  baseUrl ? { token, accountId, baseUrl } : { token, accountId, environment: "production" },
);

// The openapi-fetch call on the same client: it returns { data, error, response } and does not throw for a status.
const { data, error, response } = await paymentkit.GET("/api/{account_id}/customers/{customer_id}", {
  params: { path: { customer_id: "cus_prod_x9y8z7w6" } },
});
if (error) console.log("failed", response.status, error);
else console.log("customer", data.id, data.email, response.status);
