import { ConfigurationError } from "./errors.js";
import type { AttemptHook } from "./observability.js";
import { defaultDeadlineMs, defaultTimeoutMs } from "./timeouts.js";

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

/** Retry and timeout options; settable per client and, through `withOptions`, per call. */
export interface RequestPolicyOptions {
  /** Retries after the first attempt; 0 disables retries. Default 2. */
  readonly maxRetries?: number;
  /** Time one attempt may take, to the last byte of the response. Default 60 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Time the whole call may take, across attempts and backoff. Held by payspec's own timer, so it
   * holds even when a custom `fetch` ignores its signal. Default 120 000 ms.
   */
  readonly deadlineMs?: number;
  /** Longest `Retry-After` honoured; a longer one ends the call with that response. Default 60 000 ms. */
  readonly maxRetryAfterMs?: number;
  /** First backoff step, doubled on each retry (with jitter), capped at 8 s. Default 500 ms. */
  readonly retryBaseDelayMs?: number;
  /** Called once per HTTP attempt with a secret-free event. Default none. */
  readonly onAttempt?: AttemptHook;
}

/** The validated policy one call runs under. */
export interface CallPolicy {
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly onAttempt: AttemptHook | undefined;
}

/** Validates `options` and fills in the defaults; throws {@link ConfigurationError} naming a bad option. */
export function resolvePolicy(options: RequestPolicyOptions, extraRetryStatuses: readonly number[]): CallPolicy {
  const number = (name: keyof RequestPolicyOptions, fallback: number, min: number, max: number, integer = false) => {
    const value = options[name] ?? fallback;
    if (
      typeof value !== "number" ||
      Number.isNaN(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    ) {
      throw new ConfigurationError(
        "invalid_option",
        `${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got ${String(value)}.`,
      );
    }
    return value;
  };
  const maxRetries = number("maxRetries", defaultRetryPolicy.maxRetries, 0, 10, true);
  const timeoutMs = number("timeoutMs", defaultTimeoutMs, 1, 3_600_000);
  const deadlineMs = number("deadlineMs", Math.max(defaultDeadlineMs, timeoutMs), 1, 86_400_000);
  const maxRetryAfterMs = number("maxRetryAfterMs", defaultRetryPolicy.maxRetryAfterMs, 0, 3_600_000);
  const baseDelayMs = number("retryBaseDelayMs", defaultRetryPolicy.baseDelayMs, 0, 60_000);
  if (options.onAttempt !== undefined && typeof options.onAttempt !== "function") {
    throw new ConfigurationError("invalid_option", "onAttempt must be a function.");
  }
  return {
    retry: {
      ...defaultRetryPolicy,
      maxRetries,
      baseDelayMs,
      maxRetryAfterMs,
      retryStatuses: [...defaultRetryPolicy.retryStatuses, ...extraRetryStatuses],
    },
    timeoutMs,
    deadlineMs,
    onAttempt: options.onAttempt,
  };
}
