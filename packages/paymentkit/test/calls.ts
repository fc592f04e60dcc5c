import { type SweepCall, settle } from "@payspec/mock/vitest";
import type { AccountScopedPaymentKitClient } from "../src/index.js";

// One valid call per operation, through its generated resource method on the account-scoped client
// (account_id filled in from the client), settled into `{ data, error, response }`. Every documented
// (status, example) of the spec is then requested through it with `Prefer`, so every example is
// served and validated by Prism and every resource method is exercised against the mock.
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
    settle(c.accounts.create({ name: "Production Environment", organization_id: "org_dev_x7k9m2n4p8q1" }, { headers })),
  listCustomers: (c, headers) => settle(c.customers.list({ limit: 20 }, { headers })),
  createCustomer: (c, headers) =>
    settle(
      c.customers.create(
        { email: "jane@acme.com", first_name: "Jane", last_name: "Smith", business_name: "Acme Inc" },
        { headers },
      ),
    ),
  retrieveCustomer: (c, headers) => settle(c.customers.retrieve(customer_id, undefined, { headers })),
  updateCustomer: (c, headers) => settle(c.customers.update(customer_id, { name: "Jane Doe" }, { headers })),
  listCustomersForTokenAccount: (c, headers) => settle(c.customers.listForTokenAccount(undefined, { headers })),
  createCustomerForTokenAccount: (c, headers) =>
    settle(c.customers.createForTokenAccount({ email: "jane@example.com" }, { headers })),
  retrieveCustomerForTokenAccount: (c, headers) =>
    settle(c.customers.retrieveForTokenAccount(customer_id, { expand: "custom_fields" }, { headers })),
  listProducts: (c, headers) => settle(c.products.list(undefined, { headers })),
  createProduct: (c, headers) => settle(c.products.create({ name: "Pro plan" }, { headers })),
  retrieveProduct: (c, headers) => settle(c.products.retrieve(product_id, undefined, { headers })),
  updateProduct: (c, headers) => settle(c.products.update(product_id, { active: false }, { headers })),
  listPrices: (c, headers) => settle(c.prices.list(undefined, { headers })),
  createPrice: (c, headers) =>
    settle(
      c.prices.create({ product_id, currency: "usd", unit_amount_atom: 4900, billing_interval: "month" }, { headers }),
    ),
  retrievePrice: (c, headers) => settle(c.prices.retrieve(price_id, undefined, { headers })),
  updatePrice: (c, headers) => settle(c.prices.update(price_id, { active: false }, { headers })),
  listSubscriptions: (c, headers) => settle(c.subscriptions.list(undefined, { headers })),
  createSubscription: (c, headers) =>
    settle(
      c.subscriptions.create(
        { customer_id, currency: "USD", items: [{ price_id, quantity: 1 }], billing_interval: "month" },
        { headers },
      ),
    ),
  retrieveSubscription: (c, headers) => settle(c.subscriptions.retrieve(subscription_id, undefined, { headers })),
  updateSubscription: (c, headers) =>
    settle(c.subscriptions.update(subscription_id, { cancel_at_period_end: true }, { headers })),
  cancelSubscription: (c, headers) =>
    settle(c.subscriptions.cancel(subscription_id, { refund_option: "prorated" }, { headers })),
  scheduleSubscriptionCancellation: (c, headers) =>
    settle(c.subscriptions.scheduleCancellation(subscription_id, { cancel_at: "2026-12-01T00:00:00Z" }, { headers })),
  pauseSubscription: (c, headers) =>
    settle(c.subscriptions.pause(subscription_id, { pause_behavior: "pause_at_end" }, { headers })),
  removeScheduledSubscriptionPause: (c, headers) =>
    settle(c.subscriptions.removeScheduledPause(subscription_id, { headers })),
  resumeSubscription: (c, headers) =>
    settle(
      c.subscriptions.resume(
        subscription_id,
        { resume_timing: "on_date", resume_date: "2027-01-01T00:00:00Z" },
        { headers },
      ),
    ),
  changeSubscriptionPlan: (c, headers) =>
    settle(
      c.subscriptions.changePlan(
        subscription_id,
        {
          items: [{ action: "update", subscription_item_id: "si_prod_g7h8i9j0", new_price_id: price_id }],
          proration_behavior: "create_prorations",
        },
        { headers },
      ),
    ),
  listChangeRequests: (c, headers) => settle(c.changeRequests.list(undefined, { headers })),
  createChangeRequest: (c, headers) =>
    settle(c.changeRequests.create({ subscription_id, expires_in_hours: 24 }, { headers })),
  retrieveChangeRequest: (c, headers) => settle(c.changeRequests.retrieve(change_request_id, { headers })),
  previewChangeRequest: (c, headers) => settle(c.changeRequests.preview(change_request_id, { headers })),
  applyChangeRequest: (c, headers) => settle(c.changeRequests.apply(change_request_id, { headers })),
  cancelChangeRequest: (c, headers) => settle(c.changeRequests.cancel(change_request_id, { headers })),
  listInvoices: (c, headers) => settle(c.invoices.list({ expand: "custom_fields" }, { headers })),
  createInvoice: (c, headers) =>
    settle(
      c.invoices.create(
        { customer_id, currency: "usd", items: [{ description: "Onboarding", amount: 500 }] },
        { headers },
      ),
    ),
  retrieveInvoice: (c, headers) => settle(c.invoices.retrieve(external_id, undefined, { headers })),
  finalizeInvoice: (c, headers) => settle(c.invoices.finalize(external_id, { headers })),
  collectInvoice: (c, headers) => settle(c.invoices.collect(external_id, { headers })),
  listCheckoutSessions: (c, headers) => settle(c.checkoutSessions.list(undefined, { headers })),
  createCheckoutSession: (c, headers) =>
    settle(
      c.checkoutSessions.create(
        {
          line_items: [{ price_id }],
          success_url: "https://shop.example.com/thanks?session={CHECKOUT_SESSION_ID}",
        },
        { headers },
      ),
    ),
  retrieveCheckoutSession: (c, headers) =>
    settle(c.checkoutSessions.retrieve(checkout_session_id, undefined, { headers })),
  listRefunds: (c, headers) => settle(c.refunds.list(undefined, { headers })),
  createRefund: (c, headers) => settle(c.refunds.create({ invoice_id: external_id, amount_atom: 1500 }, { headers })),
  retrieveRefund: (c, headers) => settle(c.refunds.retrieve(refund_id, { headers })),
  listWebhookEndpoints: (c, headers) => settle(c.webhookEndpoints.list(undefined, { headers })),
  createWebhookEndpoint: (c, headers) =>
    settle(
      c.webhookEndpoints.create(
        { url: "https://shop.example.com/hooks/paymentkit", events: ["invoice.paid"] },
        { headers },
      ),
    ),
  retrieveWebhookEndpoint: (c, headers) => settle(c.webhookEndpoints.retrieve(webhook_endpoint_id, { headers })),
  updateWebhookEndpoint: (c, headers) =>
    settle(
      c.webhookEndpoints.update(
        webhook_endpoint_id,
        { events: ["invoice.paid", "invoice.payment_failed"] },
        { headers },
      ),
    ),
  deleteWebhookEndpoint: (c, headers) => settle(c.webhookEndpoints.delete(webhook_endpoint_id, { headers })),
};
