import { contractMiddleware, recordingFetch, withoutCredentials } from "@payspec/mock";
import { inject } from "vitest";
import { createPaymntCloudClient, type PaymntCloudClientOptions } from "../src/index.js";

export const mockUrl = (): string => inject("mock:paymnt-cloud");

/**
 * A client pointed at the mock that fails the test on any spec violation Prism reports (unless
 * `lenient`), records every request it sends, and records coverage for the gate.
 */
export function mockClient(options: Partial<PaymntCloudClientOptions> = {}, { lenient = false } = {}) {
  const recorder = recordingFetch();
  const client = createPaymntCloudClient({
    apiKey: "sk_sandbox_contract_tests",
    baseUrl: mockUrl(),
    // Prism answers a forced status on every attempt; contract tests check the spec, so they see
    // each response once. Retry behaviour has its own tests (runtime.contract.test.ts, core).
    maxRetries: 0,
    ...options,
  } as PaymntCloudClientOptions);
  // Recorded by middleware, so contract tests run through the default transport users get.
  client.use(...contractMiddleware("paymnt-cloud", { lenient }), recorder.middleware);
  return { client, recorder };
}

/** A client whose bad requests reach the mock and come back as results, for negative tests. */
export const lenientClient = () => mockClient({}, { lenient: true }).client;

/** A lenient client that sends no `api-key`. */
export function unauthenticatedClient() {
  const client = lenientClient();
  client.use(withoutCredentials("api-key"));
  return client;
}

export const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export { recordingFetch };
