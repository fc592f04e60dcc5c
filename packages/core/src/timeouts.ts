/** Default time one HTTP attempt may take, from sending to the last byte of the response. */
export const defaultTimeoutMs = 60_000;
/** Default time a whole call may take, across every attempt and backoff wait. */
export const defaultDeadlineMs = 120_000;

/**
 * What one attempt runs under: the caller's signal plus the attempt's own timeout. A plain object
 * rather than an `AbortController`, which on Node costs several times as much to make and keeps
 * garbage alive into the old generation; a real `AbortSignal` is made only when a transport asks
 * for one (`fetch` needs it, the Node transport does not).
 */
export interface AttemptSignal {
  /** True once the caller aborted or the attempt timed out. */
  readonly aborted: boolean;
  /** Why the attempt was cancelled: the caller's reason, or a `TimeoutError` `DOMException`. */
  readonly reason: unknown;
  /** An `AbortSignal` that follows this attempt, made on first use. */
  readonly signal: AbortSignal;
  /** Calls `listener` once when the attempt is cancelled; returns a function that unsubscribes it. */
  onAbort(listener: (reason: unknown) => void): () => void;
  /** True once the attempt's own timer fired (as opposed to the caller aborting). */
  timedOut(): boolean;
  /** Clears the timer; call when the attempt is over. */
  dispose(): void;
}

export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  return new Attempt(caller, timeoutMs);
}

function onAttemptTimeout(attempt: Attempt, timeoutMs: number): void {
  attempt.expire(timeoutMs);
}

// A class with the timer's callback and the caller's listener (`handleEvent`) shared on the
// prototype: no closures per attempt, as little as possible for the garbage collector.
class Attempt implements AttemptSignal {
  aborted = false;
  reason: unknown = undefined;
  #fired = false;
  #caller: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout>;
  #controller: AbortController | undefined = undefined;
  #listeners: ((reason: unknown) => void)[] | undefined = undefined;

  constructor(caller: AbortSignal | undefined, timeoutMs: number) {
    this.#caller = caller;
    this.#timer = setTimeout(onAttemptTimeout, timeoutMs, this, timeoutMs);
    if (caller?.aborted) this.#abort(caller.reason);
    else caller?.addEventListener("abort", this, { once: true });
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.#abort(this.#caller?.reason);
  }

  expire(timeoutMs: number): void {
    this.#fired = true;
    this.#abort(new DOMException(`attempt timed out after ${timeoutMs} ms`, "TimeoutError"));
  }

  #abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener(reason);
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  onAbort(listener: (reason: unknown) => void): () => void {
    if (this.aborted) {
      listener(this.reason);
      return () => undefined;
    }
    this.#listeners ??= [];
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners?.indexOf(listener) ?? -1;
      if (index !== -1) this.#listeners?.splice(index, 1);
    };
  }

  timedOut(): boolean {
    return this.#fired;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener("abort", this);
    this.#listeners = undefined;
  }
}

/** Waits `ms`, or rejects at once with the signal's reason when it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
