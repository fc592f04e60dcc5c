import type { SweepCall } from "@payspec/mock/vitest";
import type { VaiiPayClient } from "../src/index.js";
import { clientId, paymentId } from "./support.js";

// One valid call per operation; every documented (status, example) is then requested through it
// with `Prefer`, so every example the spec ships is served and validated by Prism.
type Call = SweepCall<VaiiPayClient<"oauth2">>;

const instructions = { paymentId, provider: "tron", method: "usdt" };
export const signed = { expires: 1742044800, signature: "9f86d081884c7d659a2feaa0c55ad015" };

export const validCalls: Record<string, Call> = {
  createCheckout: (c, headers) =>
    c.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123", clientId },
      headers,
    }),
  retrievePayment: (c, headers) => c.GET("/api/payment/{paymentId}", { params: { path: { paymentId } }, headers }),
  retrievePaymentInstructions: (c, headers) =>
    c.GET("/api/payment/{paymentId}/provider/{provider}/method/{method}", { params: { path: instructions }, headers }),
  retrieveCheckoutInstructions: (c, headers) =>
    c.GET("/api/checkout/payment/{paymentId}/provider/{provider}/method/{method}", {
      params: { path: instructions, query: signed },
      headers,
    }),
  listCheckoutPaymentMethods: (c, headers) =>
    c.GET("/api/checkout/{paymentId}/payment-methods", { params: { path: { paymentId }, query: signed }, headers }),
  listPaymentApplications: (c, headers) => c.GET("/api/payment-applications", { headers }),
  createPaymentApplication: (c, headers) =>
    c.POST("/api/payment-applications", { body: { name: "My Store", secret: "whsec_local" }, headers }),
  retrievePaymentApplication: (c, headers) =>
    c.GET("/api/payment-applications/{id}", { params: { path: { id: paymentId } }, headers }),
};
