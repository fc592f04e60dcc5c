import { contractMiddleware, recordingFetch, withoutCredentials } from "@payspec/mock";
import { inject } from "vitest";
import { createVaiiPayClient } from "../src/index.js";

export const mockUrl = (): string => inject("mock:vaiipay");
export const clientId = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
export const paymentId = "550e8400-e29b-41d4-a716-446655440000";

/**
 * An OAuth2-token client (every operation reachable) pointed at the mock that fails the test on
 * any spec violation and records every request. Each forced status is seen once (`maxRetries: 0`).
 */
export function mockClient({ lenient = false } = {}) {
  const recorder = recordingFetch();
  const client = createVaiiPayClient({
    token: "oauth_contract_tests",
    tokenKind: "oauth2",
    baseUrl: mockUrl(),
    maxRetries: 0,
  });
  // Recorded by middleware, so contract tests run through the default transport users get.
  client.use(...contractMiddleware("vaiipay", { lenient }), recorder.middleware);
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

export { recordingFetch };
