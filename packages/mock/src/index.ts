/**
 * `@payspec/mock`: Prism mock servers built from payspec's provider specs, the remembering proxy,
 * the contract-test middleware and the validators.
 *
 * This entry composes and re-exports the modules beside it. None of them imports this file (they
 * import each other, such as specs.ts and start-mock.ts), so imports point one way; `pnpm
 * check:cycles` keeps it so.
 */
import { clearCoverage, coverageRecorder as coverageRecorderMiddleware } from "./contract-coverage.js";
import { validateResponses as validateResponsesOf } from "./response-validation.js";
import { type MockServer, startMock } from "./start-mock.js";
import { rejectViolations as rejectViolationsMiddleware } from "./violations.js";

/** The part of vitest's `TestProject` that {@link provideMocks} needs. */
export interface ProvideTarget {
  provide(key: string, value: string): void;
}

/**
 * Starts one mock per provider for a vitest `globalSetup` and provides each URL under
 * `mock:<provider>`. Returns the teardown, which vitest calls after the run.
 */
export async function provideMocks(project: ProvideTarget, providers: readonly string[]): Promise<() => Promise<void>> {
  clearCoverage();
  const started: MockServer[] = [];
  try {
    for (const provider of providers) {
      const mock = await startMock({ spec: provider });
      started.push(mock);
      project.provide(`mock:${provider}`, mock.url);
    }
  } catch (error) {
    await Promise.all(started.map((mock) => mock.close()));
    throw error;
  }
  return async () => {
    await Promise.all(started.map((mock) => mock.close()));
  };
}

/**
 * openapi-fetch middleware that removes the credential headers the client added, for negative
 * tests that prove the mock (and the provider) refuse an anonymous call.
 */
export function withoutCredentials(...headers: string[]) {
  const names = headers.length > 0 ? headers : ["authorization"];
  return {
    onRequest({ request }: { request: Request }) {
      for (const name of names) request.headers.delete(name);
      return request;
    },
  };
}

export {
  type CoverageHit,
  clearCoverage,
  coverageOf,
  coverageRecorder,
  formatCoverage,
  type OperationCoverage,
  readCoverage,
} from "./contract-coverage.js";
export { type CurlRequest, parseCurlExamples, replayCurl } from "./curl.js";
export { type DocumentedOperation, type DocumentedResponse, describeOperations } from "./operations.js";
export {
  idempotencyOf,
  type ProviderMock,
  type ProviderMockOptions,
  type StatefulProviderMock,
  startProviderMock,
} from "./provider-mock.js";
export {
  controlPaths,
  type Fault,
  type FaultRule,
  type MockProxy,
  type ProxyOptions,
  type RecordedAttempt,
  startProxy,
} from "./proxy.js";
export { recordingFetch } from "./recording-fetch.js";
export { ResponseSchemaError, validateResponses } from "./response-validation.js";
export { type SpecValidator, specValidator } from "./schema-validation.js";
export { MockStartError, providerSpecPath, providers, resolveSpec } from "./specs.js";
export { type MockServer, type StartMockOptions, startMock } from "./start-mock.js";
export { createMockClock, type MockClock } from "./stateful/clock.js";
export type {
  LayerRequest,
  LayerResponse,
  StatefulDelivery,
  StatefulLayer,
  StatefulOptions,
  StatefulWebhookOptions,
} from "./stateful/stateful-layer.js";
export {
  createObjectStore,
  type IdFormat,
  newId,
  type ObjectStore,
  type StoredObject,
  type StoredPage,
} from "./stateful/store.js";
export {
  createWebhookDispatcher,
  type DeliveryAttempt,
  type DeliveryRecord,
  type SigningScheme,
  signedHeaders,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookEvent,
} from "./stateful/webhook-delivery.js";
export { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from "./stateful/webhook-receiver.js";
export { preferExample, rejectViolations, SpecViolationError, type Violation, violationsOf } from "./violations.js";

const responseValidators = new Map<string, ReturnType<typeof validateResponsesOf>>();

/**
 * The middleware a contract-test client carries, in the order that matters: openapi-fetch runs
 * `onResponse` in reverse, so the coverage recorder sees every response first (even one that then
 * fails), Ajv re-validates the body against the spec, and — unless `lenient`, for negative tests
 * whose refusals are the subject — `rejectViolations` fails the call on any Prism violation.
 * The spec's validators are built once per provider.
 */
export function contractMiddleware(provider: string, { lenient = false } = {}) {
  let validation = responseValidators.get(provider);
  if (validation === undefined) {
    validation = validateResponsesOf(provider);
    responseValidators.set(provider, validation);
  }
  return [...(lenient ? [] : [rejectViolationsMiddleware]), validation, coverageRecorderMiddleware];
}
