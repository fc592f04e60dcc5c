/**
 * Prism mock servers built from payspec's provider specs.
 *
 * Prism runs in this process rather than as a child process: the mock then lives exactly as long
 * as the test runner or script that started it, so an interrupted or crashed run cannot leave a
 * server behind.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { clearCoverage, coverageRecorder as coverageRecorderMiddleware } from "./contract-coverage.js";
import { validateResponses as validateResponsesOf } from "./response-validation.js";
import { rejectViolations as rejectViolationsMiddleware } from "./violations.js";

/** A running mock server. */
export interface MockServer {
  /** Base URL of the mock, such as `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Absolute path of the spec the mock serves. */
  readonly spec: string;
  /** Stops the server. Safe to call more than once. */
  close(): Promise<void>;
}

/** Options for {@link startMock}. */
export interface StartMockOptions {
  /** Path of an OpenAPI document, or a provider name with a spec under `specs/<provider>/`. */
  readonly spec: string;
  /** Interface to bind. Default `127.0.0.1`: the mock is never reachable from other machines. */
  readonly host?: string;
  /** Port to bind. Default `0`: a free port chosen by the OS. */
  readonly port?: number;
  /**
   * Turn responses that violate the spec into 500 errors instead of a warning header.
   * Default `true`, so an example that breaks its own schema fails loudly.
   */
  readonly errors?: boolean;
  /** Generate responses from schemas instead of serving examples. Default `false`. */
  readonly dynamic?: boolean;
}

/** Thrown when Prism cannot load a spec; `message` carries Prism's own explanation. */
export class MockStartError extends Error {
  override readonly name = "MockStartError";
}

// Inside the payspec repository the specs are read where they are edited; a published package
// reads the copies its build put in `specs/`.
const packageRoot = fileURLToPath(new URL("../", import.meta.url));
const specsDirectory = existsSync(join(packageRoot, "../../pnpm-workspace.yaml"))
  ? join(packageRoot, "../../specs")
  : join(packageRoot, "specs");

/** The providers whose specs this package serves, such as `paymnt-cloud`. */
export function providers(): string[] {
  return readdirSync(specsDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specsDirectory, entry.name, "openapi.yaml")))
    .map((entry) => entry.name)
    .sort();
}

/** The spec file of a provider, such as `paymnt-cloud` → `specs/paymnt-cloud/openapi.yaml`. */
export function providerSpecPath(provider: string): string {
  if (!/^[a-z0-9-]+$/.test(provider) || !existsSync(join(specsDirectory, provider, "openapi.yaml"))) {
    throw new MockStartError(
      `Unknown provider "${provider}": use one of ${providers().join(", ")}, or a path to an OpenAPI file.`,
    );
  }
  return join(specsDirectory, provider, "openapi.yaml");
}

/** Starts a Prism mock server for one spec, validating requests and responses. */
export async function startMock(options: StartMockOptions): Promise<MockServer> {
  const spec = resolveSpec(options.spec);
  if (!existsSync(spec)) {
    throw new MockStartError(`No spec at ${spec}.`);
  }
  let operations: Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;
  try {
    operations = await getHttpOperationsFromSpec(spec);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MockStartError(`Prism could not load ${spec}: ${reason}`, { cause });
  }
  if (operations.length === 0) {
    throw new MockStartError(`Prism found no operations in ${spec}.`);
  }

  const server = createServer(operations, {
    cors: false,
    components: { logger: createLogger("payspec-mock", { level: "silent" }) },
    config: {
      isProxy: false,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: options.errors ?? true,
      upstreamProxy: undefined,
      mock: { dynamic: options.dynamic ?? false },
    },
  });
  const address = await server.listen(options.port ?? 0, options.host ?? "127.0.0.1");

  let closing: Promise<void> | undefined;
  return {
    url: address,
    spec,
    close: () => {
      closing ??= server.close();
      return closing;
    },
  };
}

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
export { idempotencyOf, type ProviderMock, type ProviderMockOptions, startProviderMock } from "./provider-mock.js";
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
export { preferExample, rejectViolations, SpecViolationError, type Violation, violationsOf } from "./violations.js";

/** A provider name or a path, as {@link startMock} accepts it, resolved to a spec file path. */
export function resolveSpec(spec: string): string {
  return spec.includes("/") ? spec : providerSpecPath(spec);
}
export { ResponseSchemaError, validateResponses } from "./response-validation.js";
export { type SpecValidator, specValidator } from "./schema-validation.js";

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
