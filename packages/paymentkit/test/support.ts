import { recordingFetch, rejectViolations, validateResponses } from "@payspec/mock";
import { inject } from "vitest";
import { createPaymentKitClient, type PaymentKitClientOptions } from "../src/index.js";

export const mockUrl = (): string => inject("mock:paymentkit");
export const accountId = "acc_prod_a1b2c3d4";
export const token = "st_prod_contract_tests";

type Overrides = Partial<Omit<PaymentKitClientOptions, "accountId" | "environment" | "baseUrl">>;

// Every response the contract tests receive is also checked against the spec with Ajv.
const responseValidation = validateResponses("paymentkit");

/**
 * A client for account `acc_prod_a1b2c3d4` pointed at the mock that fails the test on any spec
 * violation Prism reports, and records every request. Each forced status is seen once
 * (`maxRetries: 0`); retry behaviour has its own tests in core.
 */
export function mockClient(overrides: Overrides = {}) {
  const recorder = recordingFetch();
  const client = createPaymentKitClient({
    token,
    accountId,
    baseUrl: mockUrl(),
    fetch: recorder.fetch,
    maxRetries: 0,
    ...overrides,
  });
  client.use(rejectViolations, responseValidation);
  return { client, recorder };
}

export { recordingFetch };
