import type { Call } from "./call.js";
import { ConnectionError, RequestAbortedError, requestIdFrom, TimeoutError } from "./errors.js";
import { type AttemptEvent, emitAttempt } from "./observability.js";
import type { RetryPolicy } from "./policy.js";
import { redact } from "./redact.js";
import { type AttemptSignal, attemptSignal, sleep } from "./timeouts.js";
import { headerOf, type PreparedRequest, UnsentRequestError, type WireResponse } from "./transport.js";

/** Methods whose repetition has the same effect as one request. */
const replayableMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** How an attempt failed, as far as the decision to replay it goes. */
export type Failure =
  | { readonly kind: "status"; readonly status: number }
  | { readonly kind: "timeout" }
  | { readonly kind: "connection"; readonly sent: boolean };

/**
 * Whether sending the request again can never cause a second side effect. POST and PATCH are
 * replayed only under an idempotency key the provider honours for the method (its setting, never
 * the mere presence of a header), or when the failure proves the first attempt never left.
 */
export function mayReplay(method: string, keyHonoured: boolean, failure: Failure): boolean {
  if (replayableMethods.has(method) || keyHonoured) return true;
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
  // Every HTTP date form names a day or month and gives a time; anything else (`1.5`, `-1`, `May 5`)
  // `Date.parse` might read as a date long past, and the retry would go out at once, not after a backoff.
  const date = /[a-z]/i.test(trimmed) && /\d\d:\d\d:\d\d/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Errors that prove the request never left this machine: nothing listened, or the host name did
// not resolve. Anything else (reset, hang-up, TLS failure mid-stream) may follow a delivered request.
const unsentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "UND_ERR_CONNECT_TIMEOUT"]);

/** True when `error` (or anything it wraps) proves the request was never sent. */
export function provablyUnsent(error: unknown, depth = 0): boolean {
  if (error instanceof UnsentRequestError) return true;
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && unsentCodes.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => provablyUnsent(inner, depth + 1)))
    return true;
  return provablyUnsent(cause, depth + 1);
}

function describe(call: Call) {
  return { method: call.method, path: call.path, idempotencyKey: call.idempotencyKey, attempts: call.attempts };
}

function report(call: Call, outcome: Pick<AttemptEvent, "status" | "error" | "latencyMs" | "requestId" | "retryInMs">) {
  emitAttempt(call.policy.onAttempt, {
    provider: call.runtime.provider,
    operationId: call.operationId,
    method: call.method,
    path: call.path,
    attempt: call.attempts,
    idempotencyKey: call.idempotencyKey,
    ...outcome,
  });
}

function nextDelay(call: Call, failure: Failure, retryAfterHeader: string | null): number | undefined {
  const policy = call.policy.retry;
  if (call.attempts > policy.maxRetries) return undefined;
  if (!mayReplay(call.method, call.keyHonoured, failure)) return undefined;
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return undefined;
  const delay = retryAfter ?? backoffDelay(call.attempts - 1, policy);
  // Waiting past the deadline would only end in a timeout; better to hand back what we have.
  return Date.now() + delay >= call.deadline ? undefined : delay;
}

/**
 * Settles with the transport's answer, or rejects as soon as the attempt is cancelled (its timer,
 * the deadline, the caller's abort) even if the transport ignores the cancellation: a custom
 * `fetch` that never looks at its signal cannot hold a call past its deadline.
 */
function guarded(sending: Promise<WireResponse>, attempt: AttemptSignal): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    const unsubscribe = attempt.onAbort(reject);
    sending.then(
      (response) => {
        unsubscribe();
        resolve(response);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}

/**
 * Sends the call's prepared request, retrying what may safely be retried, within the per-attempt
 * timeout and the overall deadline. The request is final (after any middleware), so every attempt
 * sends it unchanged, key included.
 */
export async function sendWithRetries(prepared: PreparedRequest, call: Call): Promise<WireResponse> {
  call.path = prepared.url.pathname;
  const { runtime, policy, signal: caller } = call;
  if (runtime.honoursKey(call.method, call.schemaPath)) {
    call.idempotencyKey = prepared.headers[runtime.idempotencyHeader];
  }
  for (;;) {
    if (caller?.aborted) throw new RequestAbortedError("The caller aborted the request", describe(call));
    const remaining = call.deadline - Date.now();
    if (remaining <= 0) {
      throw new TimeoutError(`The call's ${policy.deadlineMs} ms deadline passed`, {
        ...describe(call),
        scope: "deadline",
      });
    }
    const attemptTimeout = Math.min(policy.timeoutMs, remaining);
    const attempt = attemptSignal(caller, attemptTimeout);
    call.attempts++;
    const attemptStarted = Date.now();
    let response: WireResponse;
    try {
      const sending = runtime.transport(prepared, attempt);
      response = await (runtime.transportSettlesOnAbort ? sending : guarded(sending, attempt));
    } catch (cause) {
      attempt.dispose();
      const latencyMs = Date.now() - attemptStarted;
      if (caller?.aborted) {
        report(call, {
          status: undefined,
          error: "RequestAbortedError",
          latencyMs,
          requestId: undefined,
          retryInMs: undefined,
        });
        throw new RequestAbortedError("The caller aborted the request", describe(call), { cause: caller.reason });
      }
      const sent = !provablyUnsent(cause);
      // A timeout before the connection was made is a connection that could not be made: unsent.
      const timedOut = attempt.timedOut() && sent;
      const failure: Failure = timedOut ? { kind: "timeout" } : { kind: "connection", sent };
      const error = timedOut
        ? new TimeoutError(`No complete response within ${attemptTimeout} ms`, {
            ...describe(call),
            scope: attemptTimeout < policy.timeoutMs ? "deadline" : "attempt",
          })
        : new ConnectionError(
            sent
              ? "The connection failed; the request may have reached the server"
              : "The request was not sent (the connection could not be made)",
            { ...describe(call), sent },
            { cause },
          );
      const delay = nextDelay(call, failure, null);
      report(call, { status: undefined, error: error.name, latencyMs, requestId: undefined, retryInMs: delay });
      if (delay === undefined) throw error;
      await waitOrAbort(delay, call);
      continue;
    }
    attempt.dispose();

    const retryable = policy.retry.retryStatuses.includes(response.status);
    const delay = retryable
      ? nextDelay(call, { kind: "status", status: response.status }, headerOf(response, "retry-after"))
      : undefined;
    // A server may echo the credential in its request id: it goes on errors, meta and events.
    const headers = { get: (name: string) => headerOf(response, name) };
    const requestIdOf = () => redact(requestIdFrom(headers), runtime.secrets);
    // Only with a hook: looking up the request id costs three header reads per call.
    if (policy.onAttempt !== undefined) {
      report(call, {
        status: response.status,
        error: undefined,
        latencyMs: Date.now() - attemptStarted,
        requestId: requestIdOf(),
        retryInMs: delay,
      });
    }
    if (delay === undefined) {
      call.retryable = retryable;
      call.requestId = requestIdOf();
      return response;
    }
    await waitOrAbort(delay, call);
  }
}

async function waitOrAbort(delay: number, call: Call): Promise<void> {
  try {
    await sleep(delay, call.signal);
  } catch (reason) {
    throw new RequestAbortedError("The caller aborted the request", describe(call), { cause: reason });
  }
}
