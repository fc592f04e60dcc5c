import { contractMiddleware, recordingFetch, withoutCredentials } from "@payspec/mock";
import { inject } from "vitest";
import { createPaymentKitClient, type PaymentKitClientOptions } from "../src/index.js";

export const mockUrl = (): string => inject("mock:paymentkit");
export const accountId = "acc_prod_a1b2c3d4";
export const token = "st_prod_contract_tests";

type Overrides = Partial<Omit<PaymentKitClientOptions, "accountId" | "environment" | "baseUrl">>;

/**
 * A client for account `acc_prod_a1b2c3d4` pointed at the mock that fails the test on any spec
 * violation Prism reports, and records every request. Each forced status is seen once
 * (`maxRetries: 0`); retry behaviour has its own tests in core.
 */
export function mockClient(overrides: Overrides = {}, { lenient = false } = {}) {
  const recorder = recordingFetch();
  const client = createPaymentKitClient({
    token,
    accountId,
    baseUrl: mockUrl(),
    maxRetries: 0,
    ...overrides,
  });
  // Recorded by middleware, so contract tests run through the default transport users get.
  client.use(...contractMiddleware("paymentkit", { lenient }), recorder.middleware);
  return { client, recorder };
}

/** A client whose bad requests reach the mock and come back as results, for negative tests. */
export const lenientClient = () => mockClient({}, { lenient: true }).client;

/** A lenient client that sends no `Authorization` header. */
export function unauthenticatedClient() {
  const client = lenientClient();
  client.use(withoutCredentials("authorization"));
  return client;
}

export { recordingFetch };
