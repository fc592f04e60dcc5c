import { type SweepCall, settle } from "@payspec/mock/vitest";
import type { PaymntCloudClient } from "../src/index.js";

// One valid call per operation, through its generated resource method (`client.<resource>.<method>`),
// settled into `{ data, error, response }`. Each documented (status, example) of the spec is then
// requested through it with `Prefer`, so every example the spec ships is served and validated by
// Prism under --errors, and every resource method is exercised against the mock: a broken example
// or a method that sends the wrong request fails here, not in a user's test suite.
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

const profile = { "x-profile-id": "pro_abcdefghijklmnop1234" };
/** The sweep's headers with the profile header the operation requires. */
const withProfile = (headers: Record<string, string>) => ({ headers: { ...profile, ...headers } });

/** The CSV the batch blocklist upload sends, as a file part. */
export const blocklistCsv = () =>
  new File(["type,data,metadata\ncard_bin,424242,reason=fraud\n"], "block.csv", { type: "text/csv" });

/** The evidence file the dispute evidence upload sends, as a file part. */
export const evidenceFile = () => new File(["%PDF-1.4 receipt"], "receipt.pdf", { type: "application/pdf" });

/** A multipart CSV upload for the batch blocklist, for raw openapi-fetch calls. */
export function blocklistCsvForm() {
  const form = new FormData();
  form.set("file", blocklistCsv());
  return form;
}

/**
 * A multipart evidence form for raw openapi-fetch calls: the typed body names the fields, the
 * serializer sends the form, with the evidence file as the file part (the body's `file`, a string
 * in the types, is not sent in its place).
 */
export function evidenceForm(fields: { file?: string; dispute_id?: string; evidence_type: string }) {
  const form = new FormData();
  form.set("file", evidenceFile());
  for (const [name, value] of Object.entries(fields)) if (name !== "file" && value !== undefined) form.set(name, value);
  return form;
}

export const validCalls: Record<string, Call> = {
  createPayment: (c, headers) => settle(c.payments.create({ amount: 1000, currency: "USD" }, { headers })),
  listPayments: (c, headers) => settle(c.payments.list({ limit: 10 }, { headers })),
  retrievePayment: (c, headers) => settle(c.payments.retrieve(payment_id, undefined, { headers })),
  updatePayment: (c, headers) => settle(c.payments.update(payment_id, { amount: 1200 }, { headers })),
  confirmPayment: (c, headers) => settle(c.payments.confirm(payment_id, {}, { headers })),
  capturePayment: (c, headers) => settle(c.payments.capture(payment_id, {}, { headers })),
  cancelPayment: (c, headers) => settle(c.payments.cancel(payment_id, {}, { headers })),
  cancelPaymentPostCapture: (c, headers) => settle(c.payments.cancelPostCapture(payment_id, {}, { headers })),
  retrievePaymentPostCaptureCancellation: (c, headers) =>
    settle(c.payments.retrievePostCaptureCancellation(payment_id, { headers })),
  extendPaymentAuthorization: (c, headers) =>
    settle(c.payments.extendAuthorization(payment_id, undefined, { headers })),
  incrementPaymentAuthorization: (c, headers) =>
    settle(c.payments.incrementAuthorization(payment_id, { amount: 7500 }, { headers })),
  updatePaymentMetadata: (c, headers) =>
    settle(c.payments.updateMetadata(payment_id, { metadata: { order_id: "1002" } }, { headers })),
  retrievePaymentLink: (c, headers) =>
    settle(c.paymentLinks.retrieve("plink_mbabizu24mvu3mela5njy", undefined, { headers })),
  createRefund: (c, headers) => settle(c.refunds.create({ payment_id }, { headers })),
  listRefunds: (c, headers) => settle(c.refunds.list({ limit: 10 }, { headers })),
  retrieveRefund: (c, headers) => settle(c.refunds.retrieve(refund_id, undefined, { headers })),
  updateRefund: (c, headers) => settle(c.refunds.update(refund_id, { reason: "duplicate" }, { headers })),
  createCustomer: (c, headers) => settle(c.customers.create({ name: "John Doe" }, { headers })),
  listCustomersDocumentedPath: (c, headers) => settle(c.customers.listAtDocumentedPath(undefined, { headers })),
  listCustomers: (c, headers) => settle(c.customers.list(undefined, { headers })),
  retrieveCustomer: (c, headers) => settle(c.customers.retrieve(customer_id, { headers })),
  updateCustomer: (c, headers) => settle(c.customers.update(customer_id, { name: "J. Doe" }, { headers })),
  deleteCustomer: (c, headers) => settle(c.customers.delete(customer_id, { headers })),
  listCustomerMandates: (c, headers) => settle(c.mandates.listForCustomer(customer_id, { headers })),
  retrieveMandate: (c, headers) => settle(c.mandates.retrieve(mandate_id, { headers })),
  revokeMandate: (c, headers) => settle(c.mandates.revoke(mandate_id, undefined, { headers })),
  createPaymentMethod: (c, headers) =>
    settle(c.paymentMethods.create({ payment_method: "card", customer_id }, { headers })),
  retrievePaymentMethod: (c, headers) => settle(c.paymentMethods.retrieve(method_id, { headers })),
  deletePaymentMethod: (c, headers) => settle(c.paymentMethods.delete(method_id, { headers })),
  updatePaymentMethod: (c, headers) =>
    settle(
      c.paymentMethods.update(
        method_id,
        { card: { card_exp_month: "12", card_exp_year: "2031", card_holder_name: "John Doe" } },
        { headers },
      ),
    ),
  listMerchantPaymentMethods: (c, headers) => settle(c.paymentMethods.listForMerchant(undefined, { headers })),
  listCustomerPaymentMethods: (c, headers) =>
    settle(c.paymentMethods.listForCustomer(customer_id, undefined, { headers })),
  listDisputes: (c, headers) => settle(c.disputes.list({ limit: 10 }, { headers })),
  listProfileDisputes: (c, headers) => settle(c.disputes.listProfile(undefined, { headers })),
  listDisputeFilters: (c, headers) => settle(c.disputes.listFilters({ headers })),
  listProfileDisputeFilters: (c, headers) => settle(c.disputes.listProfileFilters({ headers })),
  aggregateDisputes: (c, headers) => settle(c.disputes.aggregate({ start_time: "2026-11-01T00:00:00Z" }, { headers })),
  aggregateProfileDisputes: (c, headers) =>
    settle(c.disputes.aggregateProfile({ start_time: "2026-11-01T00:00:00Z" }, { headers })),
  submitDisputeEvidence: (c, headers) =>
    settle(c.disputes.submitEvidence({ dispute_id, uncategorized_text: "Delivered." }, { headers })),
  attachDisputeEvidence: (c, headers) =>
    settle(c.disputes.attachEvidence({ file: evidenceFile(), dispute_id, evidence_type: "receipt" }, { headers })),
  deleteDisputeEvidence: (c, headers) =>
    settle(c.disputes.deleteEvidence({ dispute_id, evidence_type: "receipt" }, { headers })),
  retrieveDisputeEvidence: (c, headers) => settle(c.disputes.retrieveEvidence(dispute_id, { headers })),
  acceptDispute: (c, headers) => settle(c.disputes.accept(dispute_id, undefined, { headers })),
  retrieveDispute: (c, headers) => settle(c.disputes.retrieve(dispute_id, undefined, { headers })),
  createPayout: (c, headers) => settle(c.payouts.create({ amount: 2500, currency: "EUR" }, { headers })),
  listPayouts: (c, headers) => settle(c.payouts.list({ limit: 10 }, { headers })),
  filterPayouts: (c, headers) => settle(c.payouts.filter({ currency: "EUR", entity_type: "Individual" }, { headers })),
  listPayoutFilters: (c, headers) => settle(c.payouts.listFilters({ start_time: "2026-11-01T00:00:00Z" }, { headers })),
  retrievePayout: (c, headers) => settle(c.payouts.retrieve(payout_id, undefined, { headers })),
  updatePayout: (c, headers) => settle(c.payouts.update(payout_id, { amount: 3000 }, { headers })),
  confirmPayout: (c, headers) =>
    settle(c.payouts.confirm(payout_id, { client_secret: `${payout_id}_secret_el9ksDkiB8hi6j9N78yo` }, { headers })),
  fulfillPayout: (c, headers) => settle(c.payouts.fulfill(payout_id, { payout_id }, { headers })),
  cancelPayout: (c, headers) => settle(c.payouts.cancel(payout_id, { payout_id }, { headers })),
  createRelay: (c, headers) =>
    settle(
      c.relay.create(
        {
          connector_id: "mca_5apGeP94tMts6rg3U3kR",
          connector_resource_id: "7256228702616471803954",
          type: "refund",
          data: { refund: { amount: 6540, currency: "USD" } },
        },
        // The key goes in X-Idempotency-Key, which the relay requires, as well as Idempotency-Key.
        { idempotencyKey: "9f1d2c3b-4a5e-4f60-8a7b-1c2d3e4f5a6b", ...withProfile(headers) },
      ),
    ),
  retrieveRelay: (c, headers) => settle(c.relay.retrieve(relay_id, withProfile(headers))),
  createAuthentication: (c, headers) => settle(c.authentication.create({ amount: 1000, currency: "USD" }, { headers })),
  checkAuthenticationEligibility: (c, headers) =>
    settle(
      c.authentication.checkEligibility(
        authentication_id,
        { payment_method: "card", payment_method_data: { card: { card_number: "4242424242424242" } } },
        { headers },
      ),
    ),
  authenticateAuthentication: (c, headers) =>
    settle(
      c.authentication.authenticate(
        authentication_id,
        { client_secret, device_channel: "BRW", threeds_method_comp_ind: "Y" },
        { headers },
      ),
    ),
  syncAuthentication: (c, headers) => settle(c.authentication.sync(authentication_id, { client_secret }, { headers })),
  createAuthenticationSessionTokens: (c, headers) =>
    settle(c.authentication.createSessionTokens(authentication_id, { client_secret }, { headers })),
  retrieveAuthenticationEligibilityCheck: (c, headers) =>
    settle(c.authentication.retrieveEligibilityCheck(authentication_id, { headers })),
  createAndConfirmSubscription: (c, headers) =>
    settle(
      c.subscriptions.createAndConfirm(
        { customer_id, item_price_id: "standard-plan-USD-Monthly", payment_details: { payment_method: "card" } },
        withProfile(headers),
      ),
    ),
  createSubscription: (c, headers) =>
    settle(
      c.subscriptions.create(
        {
          customer_id,
          item_price_id: "standard-plan-USD-Monthly",
          payment_details: { return_url: "https://shop.example.com/subscriptions/return" },
        },
        withProfile(headers),
      ),
    ),
  listSubscriptionItems: (c, headers) => settle(c.subscriptions.listItems({ item_type: "plan" }, withProfile(headers))),
  estimateSubscription: (c, headers) =>
    settle(c.subscriptions.estimate({ plan_id: "standard-plan" }, withProfile(headers))),
  retrieveSubscription: (c, headers) => settle(c.subscriptions.retrieve(subscription_id, withProfile(headers))),
  confirmSubscription: (c, headers) =>
    settle(
      c.subscriptions.confirm(
        subscription_id,
        { payment_details: { payment_method: "card", payment_token: "token_mbabizu24mvu3mela5njy" } },
        withProfile(headers),
      ),
    ),
  updateSubscription: (c, headers) =>
    settle(
      c.subscriptions.update(
        subscription_id,
        { plan_id: "premium-plan", item_price_id: "premium-plan-USD-Monthly" },
        withProfile(headers),
      ),
    ),
  pauseSubscription: (c, headers) =>
    settle(c.subscriptions.pause(subscription_id, { pause_option: "immediately" }, withProfile(headers))),
  resumeSubscription: (c, headers) =>
    settle(c.subscriptions.resume(subscription_id, { resume_option: "immediately" }, withProfile(headers))),
  cancelSubscription: (c, headers) =>
    settle(c.subscriptions.cancel(subscription_id, { cancel_option: "immediately" }, withProfile(headers))),
  listBlocklist: (c, headers) => settle(c.blocklist.list({ data_kind: "card_bin" }, { headers })),
  blockFingerprint: (c, headers) => settle(c.blocklist.add({ type: "card_bin", data: "424242" }, { headers })),
  unblockFingerprint: (c, headers) => settle(c.blocklist.remove({ type: "card_bin", data: "424242" }, { headers })),
  toggleBlocklist: (c, headers) => settle(c.blocklist.toggle({ query: { status: true } }, { headers })),
  uploadBlocklistBatch: (c, headers) => settle(c.blocklist.uploadBatch({ file: blocklistCsv() }, { headers })),
  listBlocklistBatchJobs: (c, headers) => settle(c.blocklist.listBatchJobs({ limit: 10 }, { headers })),
  retrieveBlocklistBatchJob: (c, headers) => settle(c.blocklist.retrieveBatchJob(job_id, { headers })),
};
