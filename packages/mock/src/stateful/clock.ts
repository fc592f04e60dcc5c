/**
 * The stateful mock's clock: the provider's "now", moved only by `advance` (or set at creation),
 * so tests make an authorisation expire or a renewal fall due without waiting. Work scheduled for
 * a time runs when the clock reaches it, in time order (and in scheduling order for equal times).
 */
export interface MockClock {
  /** The provider's current time (ms since the epoch). */
  now(): number;
  /**
   * Runs `task` when the clock reaches `at` (at once on the next `advance` if `at` is already
   * past). Returns a function that cancels it.
   */
  schedule(at: number, task: () => void | Promise<void>): () => void;
  /** Moves the clock forward by `ms`, running every task that falls due, each at its own time. */
  advance(ms: number): Promise<void>;
  /** Tasks not yet run. */
  readonly pending: number;
}

interface Scheduled {
  readonly at: number;
  readonly order: number;
  readonly task: () => void | Promise<void>;
}

/** A clock starting at `start` (default: the real time now). */
export function createMockClock(start: number = Date.now()): MockClock {
  if (!Number.isFinite(start))
    throw new TypeError(`payspec-mock clock: start must be a time in ms; got ${String(start)}.`);
  let current = start;
  let counter = 0;
  let queue: Scheduled[] = [];
  let advancing: Promise<void> = Promise.resolve();

  const next = (until: number): Scheduled | undefined => {
    let found: Scheduled | undefined;
    for (const item of queue) {
      if (item.at > until) continue;
      if (found === undefined || item.at < found.at || (item.at === found.at && item.order < found.order)) found = item;
    }
    return found;
  };

  return {
    now: () => current,
    schedule(at, task) {
      if (!Number.isFinite(at)) throw new TypeError(`payspec-mock clock: at must be a time in ms; got ${String(at)}.`);
      const item = { at, order: counter++, task };
      queue.push(item);
      return () => {
        queue = queue.filter((scheduled) => scheduled !== item);
      };
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        return Promise.reject(
          new TypeError(`payspec-mock clock: advance takes a non-negative number of ms; got ${String(ms)}.`),
        );
      }
      // Advances run one after another, so two callers never interleave their tasks.
      advancing = advancing.then(async () => {
        const target = current + ms;
        for (let item = next(target); item !== undefined; item = next(target)) {
          queue = queue.filter((scheduled) => scheduled !== item);
          current = Math.max(current, item.at);
          await item.task();
        }
        current = target;
      });
      return advancing;
    },
    get pending() {
      return queue.length;
    },
  };
}
