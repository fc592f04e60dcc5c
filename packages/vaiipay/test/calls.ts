import { type SweepCall, settle } from "@payspec/mock/vitest";
import type { VaiiPayClient } from "../src/index.js";
import { clientId, paymentId } from "./support.js";

// One valid call per operation, through its generated resource method, settled into
// `{ data, error, response }`; every documented (status, example) is then requested through it
// with `Prefer`, so every example the spec ships is served and validated by Prism and every
// resource method is exercised against the mock.
type Call = SweepCall<VaiiPayClient<"oauth2">>;

const instructions = [paymentId, "tron", "usdt"] as const;
export const signed = { expires: 1742044800, signature: "9f86d081884c7d659a2feaa0c55ad015" };

export const validCalls: Record<string, Call> = {
  createCheckout: (c, headers) =>
    settle(
      c.checkouts.create(
        { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123", clientId },
        { headers },
      ),
    ),
  retrievePayment: (c, headers) => settle(c.payments.retrieve(paymentId, { headers })),
  retrievePaymentInstructions: (c, headers) => settle(c.payments.retrieveInstructions(...instructions, { headers })),
  retrieveCheckoutInstructions: (c, headers) =>
    settle(c.checkout.retrieveInstructions(...instructions, signed, { headers })),
  listCheckoutPaymentMethods: (c, headers) => settle(c.checkout.listPaymentMethods(paymentId, signed, { headers })),
  listPaymentApplications: (c, headers) => settle(c.paymentApplications.list({ headers })),
  createPaymentApplication: (c, headers) =>
    settle(c.paymentApplications.create({ name: "My Store", secret: "whsec_local" }, { headers })),
  retrievePaymentApplication: (c, headers) => settle(c.paymentApplications.retrieve(paymentId, { headers })),
};
