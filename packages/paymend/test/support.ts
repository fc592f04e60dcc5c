import { contractMiddleware, recordingFetch, withoutCredentials } from "@payspec/mock";
import { inject } from "vitest";
import { createPaymendClient } from "../src/index.js";

export const mockUrl = (): string => inject("mock:paymend");
export const paymentId = "pay_1234567890abcdef";

/** A client pointed at the mock that fails the test on any spec violation; each status seen once. */
export function mockClient({ lenient = false } = {}) {
  const recorder = recordingFetch();
  const client = createPaymendClient({
    token: "sandbox_contract_tests",
    baseUrl: mockUrl(),
    maxRetries: 0,
  });
  // Recorded by middleware, so contract tests run through the default transport users get.
  client.use(...contractMiddleware("paymend", { lenient }), recorder.middleware);
  return { client, recorder };
}

/** A client whose bad requests reach the mock and come back as results, for negative tests. */
export const lenientClient = () => mockClient({ lenient: true }).client;

/** A lenient client that sends no `Authorization` header. */
export function unauthenticatedClient() {
  const client = lenientClient();
  client.use(withoutCredentials("authorization"));
  return client;
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
