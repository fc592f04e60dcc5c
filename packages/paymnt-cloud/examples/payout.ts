import { createPaymntCloudClient } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// Pay a seller's earnings to their bank account: confirmed and fulfilled in the same call. The key
// names the seller and the period, so a rerun of the payout job repeats this call rather than paying again.
const created = await paymnt.payouts.create(
  {
    amount: 2500,
    currency: "EUR",
    customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
    payout_type: "bank",
    payout_method_data: { bank: { iban: "DE89370400440532013000", bic: "COBADEFFXXX", bank_name: "Commerzbank" } },
    entity_type: "Individual",
    description: "Marketplace earnings, November",
    confirm: true,
    auto_fulfill: true,
  },
  { idempotencyKey: "seller-cus_y3oqhf46pyzuxjbcn2giaqnb44/payout/2026-11" },
);
console.log("payout", created.payout_id, created.status);

// Read it back later, e.g. after a payout webhook.
const payout = await paymnt.payouts.retrieve(created.payout_id);
console.log("retrieved", payout.payout_id, payout.status, payout.amount, payout.currency);
