import { ConfigurationError, InvalidRequestError } from "./errors.js";

/**
 * Webhook deduplication that cannot drop a delivery.
 *
 * Providers deliver webhooks at least once, so an event may arrive twice. Recording an event id
 * when it is first seen (what the deprecated `createDeduper` does) loses the event when the
 * handler then fails: the provider's retry looks like a duplicate. A {@link WebhookStore} records
 * an event in two steps instead — `claim` before the handler runs, `commit` after it succeeded —
 * and `release`s the claim when the handler fails, so the retry is processed.
 * {@link processWebhookOnce} runs that protocol; {@link createMemoryWebhookStore} is the
 * single-process store. Several processes need a shared store: see the adapters on
 * {@link WebhookStore}.
 *
 * @packageDocumentation
 */

/** Default claim lifetime: 5 min, so a handler that crashed does not block the retries for ever. */
const defaultClaimTtlMs = 300_000;
/** Default lifetime of a committed key: 24 h, the longest retry schedule among the providers. */
const defaultDoneTtlMs = 86_400_000;
const defaultMaxEntries = 100_000;

/**
 * Where processed (and in-progress) webhook events are recorded, by key (the event's id, ideally
 * prefixed with the provider's name). A key is in one of three states: absent, **claimed** (a
 * handler is running, until the claim's TTL runs out) or **done** (processed, until its TTL runs
 * out). An expired key is absent.
 *
 * Each method may be synchronous or return a promise. The store must be shared by every process
 * that receives the webhooks, and `claim` must be atomic across them.
 *
 * `claimTtlMs` and `doneTtlMs` are the TTLs {@link processWebhookOnce} passes (default 5 min and
 * 24 h); a store may set them, as {@link createMemoryWebhookStore} does from its options.
 *
 * @example Redis (ioredis; node-redis is the same with its own argument style)
 * ```ts
 * const releaseScript = `if redis.call("GET", KEYS[1]) == "claimed" then return redis.call("DEL", KEYS[1]) else return 0 end`;
 * const store: WebhookStore = {
 *   // SET … NX is an atomic set-if-absent; Redis expires the key itself, so an expired claim or
 *   // an expired done key is simply absent.
 *   claim: async (key, ttlMs) => (await redis.set(`webhook:${key}`, "claimed", "PX", ttlMs, "NX")) === "OK",
 *   commit: async (key, ttlMs) => {
 *     await redis.set(`webhook:${key}`, "done", "PX", ttlMs);
 *   },
 *   // Delete only a key that is still "claimed", never a "done" one: GET then DEL as two commands
 *   // would race with a commit, so the check and the delete run as one Lua script (or use
 *   // WATCH/MULTI/EXEC).
 *   release: async (key) => {
 *     await redis.eval(releaseScript, 1, `webhook:${key}`);
 *   },
 *   // Read after a refused claim only: "claimed" while the first delivery is being handled.
 *   state: async (key) => ((await redis.get(`webhook:${key}`)) ?? undefined) as "claimed" | "done" | undefined,
 * };
 * ```
 *
 * @example Postgres (node-postgres)
 * ```ts
 * // CREATE TABLE webhook_events (
 * //   key        text PRIMARY KEY,
 * //   state      text NOT NULL CHECK (state IN ('claimed', 'done')),
 * //   expires_at timestamptz NOT NULL   -- end of the claim, or of the done window
 * // );
 * // Delete expired rows now and then: DELETE FROM webhook_events WHERE expires_at < now();
 * const store: WebhookStore = {
 *   async claim(key, ttlMs) {
 *     // A new key: INSERT … ON CONFLICT DO NOTHING inserts it for exactly one of concurrent callers.
 *     const inserted = await pool.query(
 *       `INSERT INTO webhook_events (key, state, expires_at)
 *        VALUES ($1, 'claimed', now() + $2 * interval '1 millisecond')
 *        ON CONFLICT (key) DO NOTHING`,
 *       [key, ttlMs],
 *     );
 *     if (inserted.rowCount === 1) return true;
 *     // An existing key: take it over only if it has expired (a crashed handler's claim, or a done
 *     // key past its window). The UPDATE re-checks its WHERE under the row lock, so one caller wins.
 *     const taken = await pool.query(
 *       `UPDATE webhook_events SET state = 'claimed', expires_at = now() + $2 * interval '1 millisecond'
 *        WHERE key = $1 AND expires_at < now()`,
 *       [key, ttlMs],
 *     );
 *     return taken.rowCount === 1;
 *   },
 *   async commit(key, ttlMs) {
 *     await pool.query(
 *       `INSERT INTO webhook_events (key, state, expires_at)
 *        VALUES ($1, 'done', now() + $2 * interval '1 millisecond')
 *        ON CONFLICT (key) DO UPDATE SET state = 'done', expires_at = EXCLUDED.expires_at`,
 *       [key, ttlMs],
 *     );
 *   },
 *   async release(key) {
 *     await pool.query(`DELETE FROM webhook_events WHERE key = $1 AND state = 'claimed'`, [key]);
 *   },
 *   async state(key) {
 *     const found = await pool.query(
 *       `SELECT state FROM webhook_events WHERE key = $1 AND expires_at >= now()`,
 *       [key],
 *     );
 *     return found.rows[0]?.state;
 *   },
 * };
 * ```
 */
export interface WebhookStore {
  /**
   * Claims `key` for `ttlMs` milliseconds. Resolves `true` when the caller may process the event:
   * the key was absent (never seen, released, or expired, claim or done alike) and is now claimed.
   * Resolves `false` when the key is done, or claimed by someone else and that claim has not
   * expired; nothing changes then.
   *
   * Must be an **atomic set-if-absent** in the shared store (Redis `SET key "claimed" NX PX ttl`,
   * SQL `INSERT … ON CONFLICT DO NOTHING`, then an `UPDATE` that takes over only an expired key):
   * of concurrent claims of one key, exactly one may get `true`. A read followed by a write lets
   * two deliveries both process the event.
   */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /**
   * Marks `key` done for `ttlMs` milliseconds, whatever its state (claimed, expired or absent):
   * the event was processed, and a delivery of it within `ttlMs` is a duplicate. Called after the
   * handler succeeded; once it has returned, a `claim` of the key must give `false` until the TTL
   * runs out.
   */
  commit(key: string, ttlMs: number): void | Promise<void>;
  /**
   * Gives up a claim because the handler failed, so the provider's retry can claim the key at once
   * instead of after the claim's TTL. Removes the key **only if it is still claimed**; a done key
   * stays done. The check and the removal must be atomic (a Lua script or WATCH in Redis; one
   * `DELETE … WHERE state = 'claimed'` in SQL). Releasing an absent key does nothing.
   */
  release(key: string): void | Promise<void>;
  /**
   * The key's state, asked only after a refused `claim`, to tell a duplicate of a processed event
   * (`done`) from one whose first delivery is still being handled (`claimed`). Optional: without
   * it every refused claim counts as done. With it, {@link processWebhookOnce} reports the second
   * case as `inProgress`, to be answered with a non-2xx status so the provider retries later: if
   * the first handler then fails, that retry processes the event instead of it being lost.
   */
  state?(key: string): "claimed" | "done" | undefined | Promise<"claimed" | "done" | undefined>;
  /** The claim TTL {@link processWebhookOnce} passes to `claim`; default 5 min. */
  readonly claimTtlMs?: number | undefined;
  /** The TTL {@link processWebhookOnce} passes to `commit`; default 24 h. */
  readonly doneTtlMs?: number | undefined;
}

/** Options of {@link createMemoryWebhookStore}. */
export interface MemoryWebhookStoreOptions {
  /**
   * How long a claim holds, in ms (a positive integer): a handler that crashed without releasing
   * blocks the retries this long. Longer than your slowest handler. Default 300 000 (5 min).
   */
  readonly claimTtlMs?: number | undefined;
  /**
   * How long a processed event is remembered, in ms (a positive integer): deliveries within it are
   * duplicates. At least the provider's retry schedule. Default 86 400 000 (24 h).
   */
  readonly doneTtlMs?: number | undefined;
  /** Most keys kept (a positive integer); see {@link createMemoryWebhookStore}. Default 100 000. */
  readonly maxEntries?: number | undefined;
  /** The clock, in ms; default `Date.now`. For tests. */
  readonly now?: (() => number) | undefined;
}

function positiveInteger(name: string, value: unknown, fallback: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== "number" || !Number.isSafeInteger(resolved) || resolved < 1) {
    throw new ConfigurationError(
      "invalid_option",
      `${name} must be a positive integer (milliseconds or a count); got ${typeof resolved === "number" ? String(resolved) : typeof resolved}.`,
    );
  }
  return resolved;
}

function checkKey(key: unknown, caller: string): asserts key is string {
  if (typeof key !== "string" || key === "") {
    throw new InvalidRequestError(
      "invalid_option",
      `${caller} needs a non-empty string key (the event's id); got ${key === "" ? "an empty string" : typeof key}.`,
    );
  }
}

function checkTtl(ttlMs: unknown, caller: string): asserts ttlMs is number {
  if (typeof ttlMs !== "number" || !Number.isSafeInteger(ttlMs) || ttlMs < 1) {
    throw new InvalidRequestError(
      "invalid_option",
      `${caller}: ttlMs must be a positive integer of milliseconds; got ${String(ttlMs)}.`,
    );
  }
}

interface Entry {
  readonly state: "claimed" | "done";
  /** The key is absent from this time on. */
  readonly expiresAt: number;
}

/**
 * A {@link WebhookStore} in this process's memory: enough for a single process, useless across
 * several (each would process the event once). Claims last `claimTtlMs` (default 5 min), done keys
 * `doneTtlMs` (default 24 h).
 *
 * At most `maxEntries` keys are kept (default 100 000). When a new key would exceed that, expired
 * keys are removed first, then the oldest ones (by their last claim or commit). Evicting a key
 * only ever makes the store answer "not seen": at worst a very old duplicate is processed again
 * (or a claim older than every other key is lost and a concurrent delivery runs too); a new
 * delivery is never refused. Size `maxEntries` above the number of events you receive in
 * `doneTtlMs`.
 *
 * `size` is the number of keys held, expired ones included until they are swept.
 *
 * @throws {ConfigurationError} `invalid_option`, naming the option, for a TTL or `maxEntries` that
 * is not a positive integer, or a `now` that is not a function.
 */
export function createMemoryWebhookStore(
  options: MemoryWebhookStoreOptions = {},
): Required<Pick<WebhookStore, "state">> &
  WebhookStore & { readonly claimTtlMs: number; readonly doneTtlMs: number; readonly size: number } {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("invalid_option", "createMemoryWebhookStore takes an options object.");
  }
  const claimTtlMs = positiveInteger("claimTtlMs", options.claimTtlMs, defaultClaimTtlMs);
  const doneTtlMs = positiveInteger("doneTtlMs", options.doneTtlMs, defaultDoneTtlMs);
  const maxEntries = positiveInteger("maxEntries", options.maxEntries, defaultMaxEntries);
  if (options.now !== undefined && typeof options.now !== "function") {
    throw new ConfigurationError("invalid_option", "now must be a function returning milliseconds.");
  }
  const now = options.now ?? Date.now;

  // Insertion order is age: every write deletes and re-inserts its key, so the oldest are first.
  const entries = new Map<string, Entry>();
  // No entry expires before this (a lower bound), so a full sweep runs only when one can find something.
  let earliestExpiry = Number.POSITIVE_INFINITY;

  const makeRoom = (time: number): void => {
    if (earliestExpiry <= time) {
      let earliest = Number.POSITIVE_INFINITY;
      for (const [key, entry] of entries) {
        if (entry.expiresAt <= time) entries.delete(key);
        else if (entry.expiresAt < earliest) earliest = entry.expiresAt;
      }
      earliestExpiry = earliest;
    }
    for (const key of entries.keys()) {
      if (entries.size < maxEntries) break;
      entries.delete(key);
    }
  };

  const write = (key: string, state: Entry["state"], expiresAt: number, time: number): void => {
    entries.delete(key);
    if (entries.size >= maxEntries) makeRoom(time);
    entries.set(key, { state, expiresAt });
    if (expiresAt < earliestExpiry) earliestExpiry = expiresAt;
  };

  return {
    claimTtlMs,
    doneTtlMs,
    get size() {
      return entries.size;
    },
    claim(key, ttlMs) {
      checkKey(key, "claim");
      checkTtl(ttlMs, "claim");
      const time = now();
      const entry = entries.get(key);
      if (entry !== undefined && entry.expiresAt > time) return false;
      // Synchronous from the check to the write, so atomic within this process.
      write(key, "claimed", time + ttlMs, time);
      return true;
    },
    commit(key, ttlMs) {
      checkKey(key, "commit");
      checkTtl(ttlMs, "commit");
      const time = now();
      write(key, "done", time + ttlMs, time);
    },
    release(key) {
      checkKey(key, "release");
      if (entries.get(key)?.state === "claimed") entries.delete(key);
    },
    state(key) {
      const entry = entries.get(key);
      return entry !== undefined && entry.expiresAt > now() ? entry.state : undefined;
    },
  };
}

/**
 * Runs `handler` for the event `key` unless it was already processed or is being processed:
 *
 * 1. `store.claim(key, claimTtlMs)`; if refused, resolves `{ duplicate: true, inProgress }`
 *    without running the handler. `inProgress` is true when the store says the first delivery's
 *    handler still holds the claim: answer that one with a 5xx status (503: some providers never
 *    retry a 4xx), so the
 *    provider retries later and nothing is lost if that handler fails; answer a done duplicate 2xx.
 * 2. Runs `handler`. When it succeeds, `store.commit(key, doneTtlMs)` and resolves
 *    `{ duplicate: false, result }`.
 * 3. When it throws, `store.release(key)` and rethrows the handler's error: answer the webhook
 *    with a non-2xx status so the provider retries, and the retry will run the handler again.
 *
 * The TTLs are the store's `claimTtlMs` / `doneTtlMs` when it sets them, else 5 min and 24 h.
 * A handler that throws after its claim has expired (it ran longer than `claimTtlMs`) does not
 * release: the key may by then be claimed by another delivery, whose claim must stand. An error
 * from `release` itself is ignored (the claim then expires on its own) so the handler's error is
 * the one thrown; an error from `claim` or `commit` propagates (after a failed commit the handler
 * has run, and the claim holds the key until it expires).
 *
 * Without the store's optional `state`, `inProgress` is always false: a handler that outlives the
 * provider's delivery timeout (its retry arrives while the claim is held and is answered 2xx) and
 * then fails leaves no retry to come. The memory store has `state`; give a shared store one too.
 *
 * Use the provider's event id as `key`, prefixed with the provider's name when one store serves
 * several. Verify the signature first: an unverified body must not reach the store.
 *
 * @example
 * ```ts
 * const store = createMemoryWebhookStore(); // one process; see WebhookStore for Redis or Postgres
 * app.post("/webhooks/paymnt", express.raw({ type: "application/json" }), async (req, res) => {
 *   const { event, dedupeKey } = await verifyWebhook(req.body, req.headers, { secrets }); // @payspec/paymnt-cloud
 *   try {
 *     const outcome = await processWebhookOnce(store, `paymnt-cloud:${dedupeKey}`, () => fulfil(event));
 *     // 503 while another delivery of it is still being handled: the provider retries later.
 *     res.sendStatus(outcome.duplicate && outcome.inProgress ? 503 : 200);
 *   } catch {
 *     res.sendStatus(500); // released: the provider's retry processes it
 *   }
 * });
 * ```
 *
 * @throws {InvalidRequestError} `invalid_option` for a key that is not a non-empty string or a
 * handler that is not a function; {@link ConfigurationError} `invalid_option` for a store whose
 * `claimTtlMs` / `doneTtlMs` is not a positive integer.
 */
export async function processWebhookOnce<T>(
  store: WebhookStore,
  key: string,
  handler: () => T | Promise<T>,
): Promise<{ duplicate: true; inProgress: boolean } | { duplicate: false; result: T }> {
  checkKey(key, "processWebhookOnce");
  if (typeof handler !== "function") {
    throw new InvalidRequestError("invalid_option", "processWebhookOnce needs a handler function.");
  }
  if (
    store === null ||
    typeof store !== "object" ||
    typeof store.claim !== "function" ||
    typeof store.commit !== "function" ||
    typeof store.release !== "function"
  ) {
    throw new InvalidRequestError("invalid_option", "processWebhookOnce needs a store with claim, commit and release.");
  }
  const claimTtlMs = positiveInteger("claimTtlMs", store.claimTtlMs, defaultClaimTtlMs);
  const doneTtlMs = positiveInteger("doneTtlMs", store.doneTtlMs, defaultDoneTtlMs);

  // Taken before claiming, so the claim is known to be ours for less than claimTtlMs, never more.
  const claimedAt = performance.now();
  if (!(await store.claim(key, claimTtlMs))) {
    const state = typeof store.state === "function" ? await store.state(key) : undefined;
    return { duplicate: true, inProgress: state === "claimed" };
  }
  let result: T;
  try {
    result = await handler();
  } catch (error) {
    if (performance.now() - claimedAt < claimTtlMs) {
      try {
        await store.release(key);
      } catch {
        // The claim expires after claimTtlMs anyway; the handler's error is the one to report.
      }
    }
    throw error;
  }
  await store.commit(key, doneTtlMs);
  return { duplicate: false, result };
}
