import type { SweepCall } from "@payspec/mock/vitest";
import type { PaymntCloudClient } from "../src/index.js";

// One valid call per operation. Each documented (status, example) of the spec is then requested
// through it with `Prefer`, so every example the spec ships is served and validated by Prism under
// --errors: a broken example fails here, not in a user's test suite.
type Call = SweepCall<PaymntCloudClient>;

const payment_id = "pay_mbabizu24mvu3mela5njyhpit4";
const refund_id = "ref_mbabizu24mvu3mela5njyhpit4";
const customer_id = "cus_y3oqhf46pyzuxjbcn2giaqnb44";
const mandate_id = "man_mbabizu24mvu3mela5njyhpit4";
const method_id = "pm_mbabizu24mvu3mela5njyhpit4";
const dispute_id = "dp_mbabizu24mvu3mela5njyhpit4";
const payout_id = "payout_mbabizu24mvu3mela5njyhp";
const relay_id = "relay_mbabizu24mvu3mela5njyhpit4";
const authentication_id = "authn_mbabizu24mvu3mela5njyhpit4";
const client_secret = `${authentication_id}_secret_el9ksDkiB8hi6j9N78yo`;
const subscription_id = "sub_mbabizu24mvu3mela5njyhpit4";
const job_id = "blj_mbabizu24mvu3mela5njyhpit4";

/** A multipart CSV upload for the batch blocklist. */
export function blocklistCsvForm() {
  const form = new FormData();
  form.set("file", new Blob(["type,data,metadata\ncard_bin,424242,reason=fraud\n"], { type: "text/csv" }), "block.csv");
  return form;
}
const profile = { "x-profile-id": "pro_abcdefghijklmnop1234" };
const subscriptionPath = { path: { subscription_id }, header: profile };

/** A multipart evidence form: the typed body names the fields, the serializer sends the form. */
export function evidenceForm(fields: { dispute_id?: string; evidence_type: string }) {
  const form = new FormData();
  form.set("file", new Blob(["%PDF-1.4 receipt"], { type: "application/pdf" }), "receipt.pdf");
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

export const validCalls: Record<string, Call> = {
  createPayment: (c, headers) => c.POST("/payments", { body: { amount: 1000, currency: "USD" }, headers }),
  listPayments: (c, headers) => c.GET("/payments/list", { params: { query: { limit: 10 } }, headers }),
  retrievePayment: (c, headers) => c.GET("/payments/{payment_id}", { params: { path: { payment_id } }, headers }),
  updatePayment: (c, headers) =>
    c.POST("/payments/{payment_id}", { params: { path: { payment_id } }, body: { amount: 1200 }, headers }),
  confirmPayment: (c, headers) =>
    c.POST("/payments/{payment_id}/confirm", { params: { path: { payment_id } }, body: {}, headers }),
  capturePayment: (c, headers) =>
    c.POST("/payments/{payment_id}/capture", { params: { path: { payment_id } }, body: {}, headers }),
  cancelPayment: (c, headers) =>
    c.POST("/payments/{payment_id}/cancel", { params: { path: { payment_id } }, body: {}, headers }),
  cancelPaymentPostCapture: (c, headers) =>
    c.POST("/payments/{payment_id}/cancel_post_capture", { params: { path: { payment_id } }, body: {}, headers }),
  retrievePaymentPostCaptureCancellation: (c, headers) =>
    c.GET("/payments/{payment_id}/cancel_post_capture", { params: { path: { payment_id } }, headers }),
  extendPaymentAuthorization: (c, headers) =>
    c.POST("/payments/{payment_id}/extend_authorization", { params: { path: { payment_id } }, headers }),
  incrementPaymentAuthorization: (c, headers) =>
    c.POST("/payments/{payment_id}/incremental_authorization", {
      params: { path: { payment_id } },
      body: { amount: 7500 },
      headers,
    }),
  updatePaymentMetadata: (c, headers) =>
    c.POST("/payments/{payment_id}/update_metadata", {
      params: { path: { payment_id } },
      body: { metadata: { order_id: "1002" } },
      headers,
    }),
  retrievePaymentLink: (c, headers) =>
    c.GET("/payment_link/{payment_link_id}", {
      params: { path: { payment_link_id: "plink_mbabizu24mvu3mela5njy" } },
      headers,
    }),
  createRefund: (c, headers) => c.POST("/refunds", { body: { payment_id }, headers }),
  listRefunds: (c, headers) => c.POST("/refunds/list", { body: { limit: 10 }, headers }),
  retrieveRefund: (c, headers) => c.GET("/refunds/{refund_id}", { params: { path: { refund_id } }, headers }),
  updateRefund: (c, headers) =>
    c.POST("/refunds/{refund_id}", { params: { path: { refund_id } }, body: { reason: "duplicate" }, headers }),
  createCustomer: (c, headers) => c.POST("/customers", { body: { name: "John Doe" }, headers }),
  listCustomersDocumentedPath: (c, headers) => c.GET("/customers", { headers }),
  listCustomers: (c, headers) => c.GET("/customers/list", { headers }),
  retrieveCustomer: (c, headers) => c.GET("/customers/{customer_id}", { params: { path: { customer_id } }, headers }),
  updateCustomer: (c, headers) =>
    c.POST("/customers/{customer_id}", { params: { path: { customer_id } }, body: { name: "J. Doe" }, headers }),
  deleteCustomer: (c, headers) => c.DELETE("/customers/{customer_id}", { params: { path: { customer_id } }, headers }),
  listCustomerMandates: (c, headers) =>
    c.GET("/customers/{customer_id}/mandates", { params: { path: { customer_id } }, headers }),
  retrieveMandate: (c, headers) => c.GET("/mandates/{mandate_id}", { params: { path: { mandate_id } }, headers }),
  revokeMandate: (c, headers) => c.POST("/mandates/revoke/{mandate_id}", { params: { path: { mandate_id } }, headers }),
  createPaymentMethod: (c, headers) =>
    c.POST("/payment_methods", { body: { payment_method: "card", customer_id }, headers }),
  retrievePaymentMethod: (c, headers) =>
    c.GET("/payment_methods/{method_id}", { params: { path: { method_id } }, headers }),
  deletePaymentMethod: (c, headers) =>
    c.DELETE("/payment_methods/{method_id}", { params: { path: { method_id } }, headers }),
  updatePaymentMethod: (c, headers) =>
    c.POST("/payment_methods/{method_id}/update", {
      params: { path: { method_id } },
      body: { card: { card_exp_month: "12", card_exp_year: "2031", card_holder_name: "John Doe" } },
      headers,
    }),
  listMerchantPaymentMethods: (c, headers) => c.GET("/account/payment_methods", { headers }),
  listCustomerPaymentMethods: (c, headers) =>
    c.GET("/customers/{customer_id}/payment_methods", { params: { path: { customer_id } }, headers }),
  listDisputes: (c, headers) => c.GET("/disputes/list", { params: { query: { limit: 10 } }, headers }),
  listProfileDisputes: (c, headers) => c.GET("/disputes/profile/list", { headers }),
  listDisputeFilters: (c, headers) => c.GET("/disputes/filter", { headers }),
  listProfileDisputeFilters: (c, headers) => c.GET("/disputes/profile/filter", { headers }),
  aggregateDisputes: (c, headers) =>
    c.GET("/disputes/aggregate", { params: { query: { start_time: "2026-11-01T00:00:00Z" } }, headers }),
  aggregateProfileDisputes: (c, headers) =>
    c.GET("/disputes/profile/aggregate", { params: { query: { start_time: "2026-11-01T00:00:00Z" } }, headers }),
  submitDisputeEvidence: (c, headers) =>
    c.POST("/disputes/evidence", { body: { dispute_id, uncategorized_text: "Delivered." }, headers }),
  attachDisputeEvidence: (c, headers) =>
    c.PUT("/disputes/evidence", {
      body: { file: "receipt.pdf", dispute_id, evidence_type: "receipt" },
      bodySerializer: (body) => evidenceForm(body),
      headers,
    }),
  deleteDisputeEvidence: (c, headers) =>
    c.DELETE("/disputes/evidence", { body: { dispute_id, evidence_type: "receipt" }, headers }),
  retrieveDisputeEvidence: (c, headers) =>
    c.GET("/disputes/evidence/{dispute_id}", { params: { path: { dispute_id } }, headers }),
  acceptDispute: (c, headers) => c.POST("/disputes/accept/{dispute_id}", { params: { path: { dispute_id } }, headers }),
  retrieveDispute: (c, headers) => c.GET("/disputes/{dispute_id}", { params: { path: { dispute_id } }, headers }),
  createPayout: (c, headers) => c.POST("/payouts/create", { body: { amount: 2500, currency: "EUR" }, headers }),
  listPayouts: (c, headers) => c.GET("/payouts/list", { params: { query: { limit: 10 } }, headers }),
  filterPayouts: (c, headers) =>
    c.POST("/payouts/list", { body: { currency: "EUR", entity_type: "Individual" }, headers }),
  listPayoutFilters: (c, headers) =>
    c.POST("/payouts/filter", { body: { start_time: "2026-11-01T00:00:00Z" }, headers }),
  retrievePayout: (c, headers) => c.GET("/payouts/{payout_id}", { params: { path: { payout_id } }, headers }),
  updatePayout: (c, headers) =>
    c.POST("/payouts/{payout_id}", { params: { path: { payout_id } }, body: { amount: 3000 }, headers }),
  confirmPayout: (c, headers) =>
    c.POST("/payouts/{payout_id}/confirm", {
      params: { path: { payout_id } },
      body: { client_secret: `${payout_id}_secret_el9ksDkiB8hi6j9N78yo` },
      headers,
    }),
  fulfillPayout: (c, headers) =>
    c.POST("/payouts/{payout_id}/fulfill", { params: { path: { payout_id } }, body: { payout_id }, headers }),
  cancelPayout: (c, headers) =>
    c.POST("/payouts/{payout_id}/cancel", { params: { path: { payout_id } }, body: { payout_id }, headers }),
  createRelay: (c, headers) =>
    c.POST("/relay", {
      params: { header: { ...profile, "X-Idempotency-Key": "9f1d2c3b-4a5e-4f60-8a7b-1c2d3e4f5a6b" } },
      body: {
        connector_id: "mca_5apGeP94tMts6rg3U3kR",
        connector_resource_id: "7256228702616471803954",
        type: "refund",
        data: { refund: { amount: 6540, currency: "USD" } },
      },
      headers,
    }),
  retrieveRelay: (c, headers) =>
    c.GET("/relay/{relay_id}", { params: { path: { relay_id }, header: profile }, headers }),
  createAuthentication: (c, headers) => c.POST("/authentication", { body: { amount: 1000, currency: "USD" }, headers }),
  checkAuthenticationEligibility: (c, headers) =>
    c.POST("/authentication/{authentication_id}/eligibility", {
      params: { path: { authentication_id } },
      body: { payment_method: "card", payment_method_data: { card: { card_number: "4242424242424242" } } },
      headers,
    }),
  authenticateAuthentication: (c, headers) =>
    c.POST("/authentication/{authentication_id}/authenticate", {
      params: { path: { authentication_id } },
      body: { client_secret, device_channel: "BRW", threeds_method_comp_ind: "Y" },
      headers,
    }),
  syncAuthentication: (c, headers) =>
    c.POST("/authentication/{authentication_id}/sync", {
      params: { path: { authentication_id } },
      body: { client_secret },
      headers,
    }),
  createAuthenticationSessionTokens: (c, headers) =>
    c.POST("/authentication/{authentication_id}/enabled_authn_methods_token", {
      params: { path: { authentication_id } },
      body: { client_secret },
      headers,
    }),
  retrieveAuthenticationEligibilityCheck: (c, headers) =>
    c.GET("/authentication/{authentication_id}/eligibility-check", {
      params: { path: { authentication_id } },
      headers,
    }),
  createAndConfirmSubscription: (c, headers) =>
    c.POST("/subscriptions", {
      params: { header: profile },
      body: { customer_id, item_price_id: "standard-plan-USD-Monthly", payment_details: { payment_method: "card" } },
      headers,
    }),
  createSubscription: (c, headers) =>
    c.POST("/subscriptions/create", {
      params: { header: profile },
      body: {
        customer_id,
        item_price_id: "standard-plan-USD-Monthly",
        payment_details: { return_url: "https://shop.example.com/subscriptions/return" },
      },
      headers,
    }),
  listSubscriptionItems: (c, headers) =>
    c.GET("/subscriptions/items", { params: { header: profile, query: { item_type: "plan" } }, headers }),
  estimateSubscription: (c, headers) =>
    c.GET("/subscriptions/estimate", { params: { header: profile, query: { plan_id: "standard-plan" } }, headers }),
  retrieveSubscription: (c, headers) =>
    c.GET("/subscriptions/{subscription_id}", { params: subscriptionPath, headers }),
  confirmSubscription: (c, headers) =>
    c.POST("/subscriptions/{subscription_id}/confirm", {
      params: subscriptionPath,
      body: { payment_details: { payment_method: "card", payment_token: "token_mbabizu24mvu3mela5njy" } },
      headers,
    }),
  updateSubscription: (c, headers) =>
    c.PUT("/subscriptions/{subscription_id}/update", {
      params: subscriptionPath,
      body: { plan_id: "premium-plan", item_price_id: "premium-plan-USD-Monthly" },
      headers,
    }),
  pauseSubscription: (c, headers) =>
    c.POST("/subscriptions/{subscription_id}/pause", {
      params: subscriptionPath,
      body: { pause_option: "immediately" },
      headers,
    }),
  resumeSubscription: (c, headers) =>
    c.POST("/subscriptions/{subscription_id}/resume", {
      params: subscriptionPath,
      body: { resume_option: "immediately" },
      headers,
    }),
  cancelSubscription: (c, headers) =>
    c.POST("/subscriptions/{subscription_id}/cancel", {
      params: subscriptionPath,
      body: { cancel_option: "immediately" },
      headers,
    }),
  listBlocklist: (c, headers) => c.GET("/blocklist", { params: { query: { data_kind: "card_bin" } }, headers }),
  blockFingerprint: (c, headers) => c.POST("/blocklist", { body: { type: "card_bin", data: "424242" }, headers }),
  unblockFingerprint: (c, headers) => c.DELETE("/blocklist", { body: { type: "card_bin", data: "424242" }, headers }),
  toggleBlocklist: (c, headers) => c.POST("/blocklist/toggle", { params: { query: { status: true } }, headers }),
  uploadBlocklistBatch: (c, headers) =>
    c.POST("/blocklist/batch", { body: { file: "block.csv" }, bodySerializer: () => blocklistCsvForm(), headers }),
  listBlocklistBatchJobs: (c, headers) => c.GET("/blocklist/batch", { params: { query: { limit: 10 } }, headers }),
  retrieveBlocklistBatchJob: (c, headers) =>
    c.GET("/blocklist/batch/{job_id}", { params: { path: { job_id } }, headers }),
};
