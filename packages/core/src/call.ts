import type { ErrorBodyParser } from "./errors.js";
import type { CallPolicy } from "./policy.js";
import type { Transport } from "./transport.js";

/** What every call of one client shares; fixed when the client is built. */
export interface ClientRuntime {
  readonly provider: string;
  readonly transport: Transport;
  /**
   * True only for payspec's own Node transport, which settles as soon as its attempt is cancelled.
   * Any other transport (a caller's `fetch`, the runtime's) is raced against the attempt's timer.
   */
  readonly transportSettlesOnAbort: boolean;
  /** Header that carries the idempotency key, lower case. */
  readonly idempotencyHeader: string;
  /** Whether the provider deduplicates this operation by that key. */
  readonly honoursKey: (method: string, schemaPath: string) => boolean;
  readonly parseErrorBody: ErrorBodyParser;
  readonly secrets: readonly string[];
}

/** How a result was obtained: `result.meta` of every call. Carries no secrets. */
export interface RequestMeta {
  readonly provider: string;
  /** The spec's operationId, such as `createPayment`. */
  readonly operationId: string | undefined;
  readonly method: string;
  /** The path that was requested (no host, no query). */
  readonly path: string;
  /**
   * The idempotency key the provider deduplicates this call by, or `undefined` when the provider
   * honours none for this method (a key header set anyway is sent, but does not make a retry safe).
   */
  readonly idempotencyKey: string | undefined;
  /** HTTP attempts made (1 when nothing was retried; 0 when a middleware answered instead). */
  readonly attempts: number;
  /** The provider's request id from the final response's headers, when present. */
  readonly requestId: string | undefined;
}

/** What `unwrap()` needs to turn an error response into a typed error. */
export interface ErrorContext {
  readonly provider: string;
  readonly method: string;
  readonly path: string;
  readonly parseErrorBody: ErrorBodyParser;
  readonly retryable: boolean;
  readonly secrets: readonly string[];
}

/**
 * The state of one call, from the moment the caller makes it to its result: created once per
 * call and passed down explicitly, so nothing about a call lives on the `Request` or `Response`
 * objects that user middleware may replace.
 */
export class Call {
  readonly deadline: number;
  /** The requested path; the spec path until the request is prepared. */
  path: string;
  idempotencyKey: string | undefined = undefined;
  attempts = 0;
  requestId: string | undefined = undefined;
  /** Whether the final response's status is one worth retrying later. */
  retryable = false;

  constructor(
    readonly runtime: ClientRuntime,
    readonly policy: CallPolicy,
    readonly method: string,
    readonly schemaPath: string,
    readonly operationId: string | undefined,
    /** The caller's signal, held here (not through a `Request`) so an abort always reaches the call. */
    readonly signal: AbortSignal | undefined,
  ) {
    this.deadline = Date.now() + policy.deadlineMs;
    this.path = schemaPath;
  }

  /** Whether a replay of this call is deduplicated by the provider: a key it honours for the method. */
  get keyHonoured(): boolean {
    return this.idempotencyKey !== undefined;
  }
}

// Keyed on the `meta` object the client puts on each result it returns: no middleware can
// replace it, and it survives `{ ...result }`.
const errorContexts = new WeakMap<RequestMeta, ErrorContext>();

/** Puts `meta` on the result of a finished call; called by the client once the call has ended. */
export function recordResult(result: object, call: Call): void {
  const { runtime } = call;
  const meta: RequestMeta = {
    provider: runtime.provider,
    operationId: call.operationId,
    method: call.method,
    path: call.path,
    idempotencyKey: call.idempotencyKey,
    attempts: call.attempts,
    requestId: call.requestId,
  };
  errorContexts.set(meta, {
    provider: runtime.provider,
    method: call.method,
    path: call.path,
    parseErrorBody: runtime.parseErrorBody,
    retryable: call.retryable,
    secrets: runtime.secrets,
  });
  (result as { meta?: RequestMeta }).meta = meta;
}

function metaOf(result: unknown): RequestMeta | undefined {
  const meta = (result as { meta?: unknown } | null | undefined)?.meta;
  return typeof meta === "object" && meta !== null && errorContexts.has(meta as RequestMeta)
    ? (meta as RequestMeta)
    : undefined;
}

/**
 * How a call's result was obtained: the operation, the idempotency key the provider deduplicates
 * it by, the attempts made and the provider's request id. Pass the whole `{ data, error, response }`
 * result a payspec client returned (its `meta`); `undefined` for anything else.
 *
 * @example
 * ```ts
 * const result = await paymnt.POST("/payments", { body });
 * console.log(requestMetaOf(result)?.idempotencyKey, requestMetaOf(result)?.attempts);
 * ```
 */
export function requestMetaOf(result: { readonly response: Response }): RequestMeta | undefined {
  return metaOf(result);
}

/** @internal */
export function errorContextOf(result: unknown): ErrorContext | undefined {
  const meta = metaOf(result);
  return meta === undefined ? undefined : errorContexts.get(meta);
}
