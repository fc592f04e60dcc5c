import { rejectViolations } from "@payspec/mock";
import { inject } from "vitest";
import { createPaymntCloudClient, type PaymntCloudClientOptions } from "../src/index.js";

export const mockUrl = (): string => inject("mock:paymnt-cloud");

/** Requests as they left the client, after every middleware ran. */
export interface Recorder {
  readonly requests: Request[];
  readonly bodies: (string | undefined)[];
  readonly fetch: (request: Request) => Promise<Response>;
}

export function recordingFetch(): Recorder {
  const requests: Request[] = [];
  const bodies: (string | undefined)[] = [];
  return {
    requests,
    bodies,
    async fetch(request) {
      requests.push(request);
      bodies.push(request.body === null ? undefined : await request.clone().text());
      return fetch(request);
    },
  };
}

/**
 * A client pointed at the mock that fails the test on any spec violation Prism reports, and
 * records every request it sends.
 */
export function mockClient(options: Partial<PaymntCloudClientOptions> = {}) {
  const recorder = recordingFetch();
  const client = createPaymntCloudClient({
    apiKey: "sk_sandbox_contract_tests",
    baseUrl: mockUrl(),
    fetch: recorder.fetch,
    // Prism answers a forced status on every attempt; contract tests check the spec, so they see
    // each response once. Retry behaviour has its own tests (runtime.contract.test.ts, core).
    maxRetries: 0,
    ...options,
  } as PaymntCloudClientOptions);
  client.use(rejectViolations);
  return { client, recorder };
}

export const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
