/**
 * Prism mock servers built from payspec's provider specs.
 *
 * Prism runs in this process rather than as a child process: the mock then lives exactly as long
 * as the test runner or script that started it, so an interrupted or crashed run cannot leave a
 * server behind.
 */
import { existsSync } from "node:fs";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { createPrismHandler, type PrismAnswer, type PrismRequest } from "./prism-handler.js";
import { MockStartError, resolveSpec } from "./specs.js";

/** A running mock server. */
export interface MockServer {
  /** Base URL of the mock, such as `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Absolute path of the spec the mock serves. */
  readonly spec: string;
  /**
   * Answers a request in this process exactly as the server would, without the HTTP hop: what
   * the remembering proxy in front of it calls.
   */
  request(request: PrismRequest): Promise<PrismAnswer>;
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

  const request = createPrismHandler(operations, { errors: options.errors ?? true, dynamic: options.dynamic ?? false });

  let closing: Promise<void> | undefined;
  return {
    url: address,
    spec,
    request,
    close: () => {
      closing ??= server.close();
      return closing;
    },
  };
}
