import { redactCardNumbers } from "./redact.js";

/** One HTTP attempt, as an observability hook sees it. Carries no headers or bodies. */
export interface AttemptEvent {
  readonly provider: string;
  /** The spec's operationId, such as `createPayment`, when known. */
  readonly operationId: string | undefined;
  readonly method: string;
  /** Path only, no host or query; card numbers masked. */
  readonly path: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly idempotencyKey: string | undefined;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** Error name (`ConnectionError`, `TimeoutError`, `RequestAbortedError`), when none did. */
  readonly error: string | undefined;
  readonly latencyMs: number;
  /** The provider's request id from the response headers, when present. */
  readonly requestId: string | undefined;
  /** Milliseconds until the next attempt, or `undefined` when this attempt was the last. */
  readonly retryInMs: number | undefined;
}

/** Receives one event per attempt. */
export type AttemptHook = (event: AttemptEvent) => void;

/** Calls the hook; a failing hook must never fail or alter the payment call it observes. */
export function emitAttempt(hook: AttemptHook | undefined, event: AttemptEvent): void {
  if (hook === undefined) return;
  try {
    hook({ ...event, path: redactCardNumbers(event.path) });
  } catch {
    // Deliberately ignored: see above.
  }
}
