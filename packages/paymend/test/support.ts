import { recordingFetch, rejectViolations, validateResponses } from "@payspec/mock";
import { inject } from "vitest";
import { createPaymendClient } from "../src/index.js";

export const mockUrl = (): string => inject("mock:paymend");
export const paymentId = "pay_1234567890abcdef";

/** A client pointed at the mock that fails the test on any spec violation; each status seen once. */
const responseValidation = validateResponses("paymend");

export function mockClient() {
  const recorder = recordingFetch();
  const client = createPaymendClient({
    token: "sandbox_contract_tests",
    baseUrl: mockUrl(),
    fetch: recorder.fetch,
    maxRetries: 0,
  });
  client.use(rejectViolations, responseValidation);
  return { client, recorder };
}

export const createBody = {
  amount: 12997,
  currency: "USD",
  merchantReference: "PAYMENT-12345",
  goodsType: "MIXED",
  captureNow: false,
  source: { storeId: "store_abc123", initiatedBy: "CONSUMER" },
  paymentMethod: {
    type: "CARD",
    card: { number: "4444444444440000", holderName: "John Doe", expiryMonth: "12", expiryYear: "2030", brand: "VISA" },
  },
} as const;

export { recordingFetch };
