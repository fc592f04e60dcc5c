import {
  type AttemptInfo,
  ConnectionError,
  type ErrorBodyParser,
  RequestAbortedError,
  requestIdFrom,
  TimeoutError,
} from "./errors.js";
import { type RequestMeta, recordResponse, schemaPathOf } from "./meta.js";
import { type AttemptEvent, type AttemptHook, emitAttempt } from "./observability.js";
import { attemptSignal, sleep } from "./timeouts.js";
import type { PreparedRequest, Transport } from "./transport.js";

/** When and how often a call is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. 0 disables retries. */
  readonly maxRetries: number;
  /** First backoff step; doubles on every retry. */
  readonly baseDelayMs: number;
  /** Longest computed backoff. */
  readonly maxDelayMs: number;
  /** Longest `Retry-After` honoured; a longer one ends the call with the response as it is. */
  readonly maxRetryAfterMs: number;
  /** Response statuses worth another attempt. */
  readonly retryStatuses: readonly number[];
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  retryStatuses: [408, 429, 500, 502, 503, 504],
};

/** Methods whose repetition has the same effect as one request. */
const replayableMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** How an attempt failed, as far as the decision to replay it goes. */
export type Failure =
  | { readonly kind: "status"; readonly status: number }
  | { readonly kind: "timeout" }
  | { readonly kind: "connection"; readonly sent: boolean };

/**
 * Whether sending the request again can never cause a second side effect. POST and PATCH are
 * replayed only under an idempotency key, or when the failure proves the first attempt never
 * left this machine.
 */
export function mayReplay(method: string, hasIdempotencyKey: boolean, failure: Failure): boolean {
  if (replayableMethods.has(method) || hasIdempotencyKey) return true;
  return failure.kind === "connection" && !failure.sent;
}

/** Exponential backoff with equal jitter: half the step fixed, half random. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (random() * step) / 2);
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Errors that prove the request never left this machine: nothing listened, or the host name did
// not resolve. Anything else (reset, hang-up, TLS failure mid-stream) may follow a delivered request.
const unsentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "UND_ERR_CONNECT_TIMEOUT"]);

/** True when `error` (or anything it wraps) proves the request was never sent. */
export function provablyUnsent(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && unsentCodes.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => provablyUnsent(inner, depth + 1)))
    return true;
  return provablyUnsent(cause, depth + 1);
}

/** Everything the retry layer needs besides the request. */
export interface SendSettings {
  readonly provider: string;
  readonly transport: Transport;
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly idempotencyHeader: string;
  readonly parseErrorBody: ErrorBodyParser;
  readonly secrets: readonly string[];
  readonly operationIds?: Readonly<Record<string, string>>;
  readonly onAttempt?: AttemptHook;
}

/** What every error and event of one call repeats. */
interface Call {
  readonly settings: SendSettings;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly operationId: string | undefined;
  readonly deadline: number;
}

// Module-level helpers rather than closures inside `sendWithRetries`: a call allocates only what
// it must, which keeps the garbage collector's work per call (and peak memory under load) down.
function describe(call: Call, attempts: number): { method: string; path: string } & AttemptInfo {
  return { method: call.method, path: call.path, idempotencyKey: call.idempotencyKey, attempts };
}

function report(
  call: Call,
  attempt: number,
  outcome: Pick<AttemptEvent, "status" | "error" | "latencyMs" | "requestId" | "retryInMs">,
): void {
  emitAttempt(call.settings.onAttempt, {
    provider: call.settings.provider,
    operationId: call.operationId,
    method: call.method,
    path: call.path,
    attempt,
    idempotencyKey: call.idempotencyKey,
    ...outcome,
  });
}

function nextDelay(call: Call, attempt: number, failure: Failure, retryAfterHeader: string | null): number | undefined {
  const { policy } = call.settings;
  if (attempt > policy.maxRetries) return undefined;
  if (!mayReplay(call.method, call.idempotencyKey !== undefined, failure)) return undefined;
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return undefined;
  const delay = retryAfter ?? backoffDelay(attempt - 1, policy);
  // Waiting past the deadline would only end in a timeout; better to hand back what we have.
  return Date.now() + delay >= call.deadline ? undefined : delay;
}

/**
 * Sends `request`, retrying what may safely be retried, within the per-attempt timeout and the
 * overall deadline. Sits beneath openapi-fetch's middleware, so the idempotency key is already on
 * the request and every attempt sends it unchanged.
 */
export async function sendWithRetries(request: Request, settings: SendSettings): Promise<Response> {
  const method = request.method;
  const schemaPath = schemaPathOf(request);
  const call: Call = {
    settings,
    method,
    path: new URL(request.url).pathname,
    idempotencyKey: request.headers.get(settings.idempotencyHeader) ?? undefined,
    operationId: schemaPath === undefined ? undefined : settings.operationIds?.[`${method} ${schemaPath}`],
    deadline: Date.now() + settings.deadlineMs,
  };
  const caller = request.signal;
  const prepared: PreparedRequest = {
    url: request.url,
    method,
    headers: request.headers,
    body: request.body === null ? undefined : new Uint8Array(await request.arrayBuffer()),
  };

  for (let attempt = 1; ; attempt++) {
    if (caller.aborted) throw new RequestAbortedError("The caller aborted the request", describe(call, attempt - 1));
    const remaining = call.deadline - Date.now();
    if (remaining <= 0) {
      throw new TimeoutError(`The call's ${settings.deadlineMs} ms deadline passed`, {
        ...describe(call, attempt - 1),
        scope: "deadline",
      });
    }
    const attemptTimeout = Math.min(settings.timeoutMs, remaining);
    const timer = attemptSignal(caller, attemptTimeout);
    const attemptStarted = Date.now();
    let response: Response;
    try {
      response = await settings.transport(prepared, timer);
    } catch (cause) {
      timer.dispose();
      const latencyMs = Date.now() - attemptStarted;
      if (caller.aborted) {
        report(call, attempt, {
          status: undefined,
          error: "RequestAbortedError",
          latencyMs,
          requestId: undefined,
          retryInMs: undefined,
        });
        throw new RequestAbortedError("The caller aborted the request", describe(call, attempt), {
          cause: caller.reason,
        });
      }
      const timedOut = timer.timedOut();
      const failure: Failure = timedOut ? { kind: "timeout" } : { kind: "connection", sent: !provablyUnsent(cause) };
      const error = timedOut
        ? new TimeoutError(`No complete response within ${attemptTimeout} ms`, {
            ...describe(call, attempt),
            scope: attemptTimeout < settings.timeoutMs ? "deadline" : "attempt",
          })
        : new ConnectionError(
            failure.kind === "connection" && !failure.sent
              ? "Could not connect; the request was not sent"
              : "The connection failed; the request may have reached the server",
            { ...describe(call, attempt), sent: failure.kind === "connection" && failure.sent },
            { cause },
          );
      const delay = nextDelay(call, attempt, failure, null);
      report(call, attempt, {
        status: undefined,
        error: error.name,
        latencyMs,
        requestId: undefined,
        retryInMs: delay,
      });
      if (delay === undefined) throw error;
      await waitOrAbort(delay, caller, describe(call, attempt));
      continue;
    }
    timer.dispose();

    const retryable = settings.policy.retryStatuses.includes(response.status);
    const delay = retryable
      ? nextDelay(call, attempt, { kind: "status", status: response.status }, response.headers.get("retry-after"))
      : undefined;
    // Only with a hook: looking up the request id costs three header reads per call.
    if (settings.onAttempt !== undefined) {
      report(call, attempt, {
        status: response.status,
        error: undefined,
        latencyMs: Date.now() - attemptStarted,
        requestId: requestIdFrom(response.headers),
        retryInMs: delay,
      });
    }
    if (delay === undefined) {
      const meta: RequestMeta = { idempotencyKey: call.idempotencyKey, attempts: attempt };
      recordResponse(response, meta, {
        provider: settings.provider,
        method,
        path: call.path,
        parseErrorBody: settings.parseErrorBody,
        retryable,
        secrets: settings.secrets,
      });
      return response;
    }
    // Release the connection before waiting: an unread body would pin its socket.
    await response.body?.cancel().catch(() => undefined);
    await waitOrAbort(delay, caller, describe(call, attempt));
  }
}

async function waitOrAbort(
  delay: number,
  caller: AbortSignal,
  request: { method: string; path: string } & AttemptInfo,
): Promise<void> {
  try {
    await sleep(delay, caller);
  } catch (reason) {
    throw new RequestAbortedError("The caller aborted the request", request, { cause: reason });
  }
}
