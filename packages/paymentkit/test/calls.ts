import type { SweepCall } from "@payspec/mock/vitest";
import type { AccountScopedPaymentKitClient } from "../src/index.js";

// One valid call per operation, through the account-scoped client (account_id filled in). Every
// documented (status, example) of the spec is then requested through it with `Prefer`, so every
// example is served and validated by Prism: a broken example fails here.
type Call = SweepCall<AccountScopedPaymentKitClient>;

const customer_id = "cus_prod_x9y8z7w6";
const product_id = "prod_prod_u5v6w7x8";
const price_id = "price_prod_a9b8c7d6";
const subscription_id = "sub_prod_m3n4o5p6";
const change_request_id = "scr_prod_c1d2e3f4";
const external_id = "in_prod_q1r2s3t4";
const checkout_session_id = "cs_prod_f1g2h3i4";
const refund_id = "re_prod_r5s6t7u8";
const webhook_endpoint_id = "we_prod_k4l5m6n7";

export const validCalls: Record<string, Call> = {
  createAccount: (c, headers) =>
    c.POST("/api/accounts", {
      body: { name: "Production Environment", organization_id: "org_dev_x7k9m2n4p8q1" },
      headers,
    }),
  listCustomers: (c, headers) => c.GET("/api/{account_id}/customers", { params: { query: { limit: 20 } }, headers }),
  createCustomer: (c, headers) =>
    c.POST("/api/{account_id}/customers", {
      body: { email: "jane@acme.com", first_name: "Jane", last_name: "Smith", business_name: "Acme Inc" },
      headers,
    }),
  retrieveCustomer: (c, headers) =>
    c.GET("/api/{account_id}/customers/{customer_id}", { params: { path: { customer_id } }, headers }),
  updateCustomer: (c, headers) =>
    c.PATCH("/api/{account_id}/customers/{customer_id}", {
      params: { path: { customer_id } },
      body: { name: "Jane Doe" },
      headers,
    }),
  listCustomersForTokenAccount: (c, headers) => c.GET("/api/customers", { headers }),
  createCustomerForTokenAccount: (c, headers) =>
    c.POST("/api/customers", { body: { email: "jane@example.com" }, headers }),
  retrieveCustomerForTokenAccount: (c, headers) =>
    c.GET("/api/customers/{customer_id}", {
      params: { path: { customer_id }, query: { expand: "custom_fields" } },
      headers,
    }),
  listProducts: (c, headers) => c.GET("/api/{account_id}/products", { headers }),
  createProduct: (c, headers) => c.POST("/api/{account_id}/products", { body: { name: "Pro plan" }, headers }),
  retrieveProduct: (c, headers) =>
    c.GET("/api/{account_id}/products/{product_id}", { params: { path: { product_id } }, headers }),
  updateProduct: (c, headers) =>
    c.PATCH("/api/{account_id}/products/{product_id}", {
      params: { path: { product_id } },
      body: { active: false },
      headers,
    }),
  listPrices: (c, headers) => c.GET("/api/{account_id}/prices", { headers }),
  createPrice: (c, headers) =>
    c.POST("/api/{account_id}/prices", {
      body: { product_id, currency: "usd", unit_amount_atom: 4900, billing_interval: "month" },
      headers,
    }),
  retrievePrice: (c, headers) =>
    c.GET("/api/{account_id}/prices/{price_id}", { params: { path: { price_id } }, headers }),
  updatePrice: (c, headers) =>
    c.PATCH("/api/{account_id}/prices/{price_id}", {
      params: { path: { price_id } },
      body: { active: false },
      headers,
    }),
  listSubscriptions: (c, headers) => c.GET("/api/{account_id}/subscriptions", { headers }),
  createSubscription: (c, headers) =>
    c.POST("/api/{account_id}/subscriptions", {
      body: { customer_id, currency: "USD", items: [{ price_id, quantity: 1 }], billing_interval: "month" },
      headers,
    }),
  retrieveSubscription: (c, headers) =>
    c.GET("/api/{account_id}/subscriptions/{subscription_id}", { params: { path: { subscription_id } }, headers }),
  updateSubscription: (c, headers) =>
    c.PATCH("/api/{account_id}/subscriptions/{subscription_id}", {
      params: { path: { subscription_id } },
      body: { cancel_at_period_end: true },
      headers,
    }),
  cancelSubscription: (c, headers) =>
    c.POST("/api/{account_id}/subscriptions/{subscription_id}/cancel", {
      params: { path: { subscription_id } },
      body: { refund_option: "prorated" },
      headers,
    }),
  scheduleSubscriptionCancellation: (c, headers) =>
    c.POST("/api/{account_id}/subscriptions/{subscription_id}/schedule-cancellation", {
      params: { path: { subscription_id } },
      body: { cancel_at: "2026-12-01T00:00:00Z" },
      headers,
    }),
  pauseSubscription: (c, headers) =>
    c.POST("/api/{account_id}/subscriptions/{subscription_id}/pause", {
      params: { path: { subscription_id } },
      body: { pause_behavior: "pause_at_end" },
      headers,
    }),
  removeScheduledSubscriptionPause: (c, headers) =>
    c.DELETE("/api/{account_id}/subscriptions/{subscription_id}/scheduled-pause", {
      params: { path: { subscription_id } },
      headers,
    }),
  resumeSubscription: (c, headers) =>
    c.POST("/api/{account_id}/subscriptions/{subscription_id}/resume", {
      params: { path: { subscription_id } },
      body: { resume_timing: "on_date", resume_date: "2027-01-01T00:00:00Z" },
      headers,
    }),
  changeSubscriptionPlan: (c, headers) =>
    c.POST("/api/{account_id}/subscriptions/{subscription_id}/change-plan", {
      params: { path: { subscription_id } },
      body: {
        items: [{ action: "update", subscription_item_id: "si_prod_g7h8i9j0", new_price_id: price_id }],
        proration_behavior: "create_prorations",
      },
      headers,
    }),
  listChangeRequests: (c, headers) => c.GET("/api/{account_id}/change-requests", { headers }),
  createChangeRequest: (c, headers) =>
    c.POST("/api/{account_id}/change-requests", { body: { subscription_id, expires_in_hours: 24 }, headers }),
  retrieveChangeRequest: (c, headers) =>
    c.GET("/api/{account_id}/change-requests/{change_request_id}", {
      params: { path: { change_request_id } },
      headers,
    }),
  previewChangeRequest: (c, headers) =>
    c.POST("/api/{account_id}/change-requests/{change_request_id}/preview", {
      params: { path: { change_request_id } },
      headers,
    }),
  applyChangeRequest: (c, headers) =>
    c.POST("/api/{account_id}/change-requests/{change_request_id}/apply", {
      params: { path: { change_request_id } },
      headers,
    }),
  cancelChangeRequest: (c, headers) =>
    c.POST("/api/{account_id}/change-requests/{change_request_id}/cancel", {
      params: { path: { change_request_id } },
      headers,
    }),
  listInvoices: (c, headers) =>
    c.GET("/api/{account_id}/invoices", { params: { query: { expand: "custom_fields" } }, headers }),
  createInvoice: (c, headers) =>
    c.POST("/api/{account_id}/invoices", {
      body: { customer_id, currency: "usd", items: [{ description: "Onboarding", amount: 500 }] },
      headers,
    }),
  retrieveInvoice: (c, headers) =>
    c.GET("/api/{account_id}/invoices/{external_id}", { params: { path: { external_id } }, headers }),
  finalizeInvoice: (c, headers) =>
    c.POST("/api/{account_id}/invoices/{external_id}/finalize", { params: { path: { external_id } }, headers }),
  collectInvoice: (c, headers) =>
    c.POST("/api/{account_id}/invoices/{external_id}/collect", { params: { path: { external_id } }, headers }),
  listCheckoutSessions: (c, headers) => c.GET("/api/{account_id}/checkout-sessions", { headers }),
  createCheckoutSession: (c, headers) =>
    c.POST("/api/{account_id}/checkout-sessions", {
      body: {
        line_items: [{ price_id }],
        success_url: "https://shop.example.com/thanks?session={CHECKOUT_SESSION_ID}",
      },
      headers,
    }),
  retrieveCheckoutSession: (c, headers) =>
    c.GET("/api/{account_id}/checkout-sessions/{checkout_session_id}", {
      params: { path: { checkout_session_id } },
      headers,
    }),
  listRefunds: (c, headers) => c.GET("/api/{account_id}/payments/refunds", { headers }),
  createRefund: (c, headers) =>
    c.POST("/api/{account_id}/payments/refunds", { body: { invoice_id: external_id, amount_atom: 1500 }, headers }),
  retrieveRefund: (c, headers) =>
    c.GET("/api/{account_id}/payments/refunds/{refund_id}", { params: { path: { refund_id } }, headers }),
  listWebhookEndpoints: (c, headers) => c.GET("/api/{account_id}/webhook-endpoints", { headers }),
  createWebhookEndpoint: (c, headers) =>
    c.POST("/api/{account_id}/webhook-endpoints", {
      body: { url: "https://shop.example.com/hooks/paymentkit", events: ["invoice.paid"] },
      headers,
    }),
  retrieveWebhookEndpoint: (c, headers) =>
    c.GET("/api/{account_id}/webhook-endpoints/{webhook_endpoint_id}", {
      params: { path: { webhook_endpoint_id } },
      headers,
    }),
  updateWebhookEndpoint: (c, headers) =>
    c.PATCH("/api/{account_id}/webhook-endpoints/{webhook_endpoint_id}", {
      params: { path: { webhook_endpoint_id } },
      body: { events: ["invoice.paid", "invoice.payment_failed"] },
      headers,
    }),
  deleteWebhookEndpoint: (c, headers) =>
    c.DELETE("/api/{account_id}/webhook-endpoints/{webhook_endpoint_id}", {
      params: { path: { webhook_endpoint_id } },
      headers,
    }),
};
