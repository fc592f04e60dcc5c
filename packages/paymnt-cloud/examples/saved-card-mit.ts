import { type CustomerAcceptance, createPaymntCloudClient } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

const customer = await paymnt.customers.create({ name: "Joseph Doe", email: "joseph@example.com" });
console.log("customer", customer.customer_id);

// The first payment is made with the customer present; they agree to be charged later without them.
const acceptance: CustomerAcceptance = {
  acceptance_type: "online",
  accepted_at: new Date().toISOString(),
  online: { ip_address: "203.0.113.7", user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)" },
};
const first = await paymnt.payments.create({
  amount: 1500,
  currency: "USD",
  confirm: true,
  customer_id: customer.customer_id,
  payment_method: "card",
  payment_method_data: {
    card: {
      card_number: "4242424242424242",
      card_exp_month: "10",
      card_exp_year: "2030",
      card_holder_name: "Joseph Doe",
      card_cvc: "123",
    },
  },
  // Save the card for payments made off session, under a mandate of up to USD 100.00 a charge.
  setup_future_usage: "off_session",
  customer_acceptance: acceptance,
  mandate_data: {
    customer_acceptance: acceptance,
    mandate_type: { multi_use: { amount: 10000, currency: "USD" } },
  },
});
console.log("first payment", first.payment_id, first.status);

// The saved card and its mandate, as the customer's mandates list them (one request answers them all).
const mandates = await paymnt.mandates.listForCustomer(customer.customer_id);
const mandate = mandates.find((candidate) => candidate.status === "active");
if (!mandate) throw new Error(`no active mandate for ${customer.customer_id}`);
console.log("mandate", mandate.mandate_id, mandate.payment_method_id, mandate.card?.last4_digits);

// A month later, with the customer away: a merchant-initiated payment on that mandate. The key names
// the billing period, so a rerun of the renewal job repeats this call rather than making a new one.
const renewal = await paymnt.payments.create(
  {
    amount: 1500,
    currency: "USD",
    confirm: true,
    customer_id: customer.customer_id,
    off_session: true,
    mandate_id: mandate.mandate_id,
  },
  { idempotencyKey: `${mandate.mandate_id}/renewal/2026-12` },
);
console.log("renewal", renewal.payment_id, renewal.status);
