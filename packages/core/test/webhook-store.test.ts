import { describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createMemoryWebhookStore,
  InvalidRequestError,
  processWebhookOnce,
  type WebhookStore,
} from "../src/index.js";

const minute = 60_000;
const day = 86_400_000;

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  const state = { time: start };
  return {
    now: () => state.time,
    advance: (ms: number) => {
      state.time += ms;
    },
  };
}

describe("processWebhookOnce", () => {
  it("reports a delivery that arrives while the first is still being handled as in progress, so it is not lost if that one fails", async () => {
    const store = createMemoryWebhookStore();
    let finishFirst: (value: unknown) => void = () => undefined;
    let failFirst: (reason: unknown) => void = () => undefined;
    const first = processWebhookOnce(
      store,
      "evt_slow",
      () =>
        new Promise((resolve, reject) => {
          finishFirst = resolve;
          failFirst = reject;
        }),
    );
    await Promise.resolve();
    // The provider's retry, while the first handler runs: not done yet, so answer non-2xx.
    await expect(processWebhookOnce(store, "evt_slow", () => "second")).resolves.toEqual({
      duplicate: true,
      inProgress: true,
    });
    failFirst(new Error("timeout talking to the database"));
    await expect(first).rejects.toThrow("timeout");
    // The provider's next retry processes it.
    await expect(processWebhookOnce(store, "evt_slow", () => "third")).resolves.toEqual({
      duplicate: false,
      result: "third",
    });
    // Once done, a duplicate is answered as done.
    await expect(processWebhookOnce(store, "evt_slow", () => "fourth")).resolves.toEqual({
      duplicate: true,
      inProgress: false,
    });
    void finishFirst;
  });

  it("a handler that throws, then succeeds on the provider's retry, processes the event exactly once", async () => {
    const store = createMemoryWebhookStore();
    const processed: string[] = [];
    let attempts = 0;
    const handler = async () => {
      attempts++;
      if (attempts === 1) throw new Error("database down");
      processed.push("evt_1");
      return "ok";
    };

    // The failing delivery rethrows, so the HTTP handler answers non-2xx and the provider retries.
    await expect(processWebhookOnce(store, "evt_1", handler)).rejects.toThrow("database down");
    // The retry is not taken for a duplicate: the failed attempt released its claim.
    await expect(processWebhookOnce(store, "evt_1", handler)).resolves.toEqual({ duplicate: false, result: "ok" });
    // Any later delivery is.
    await expect(processWebhookOnce(store, "evt_1", handler)).resolves.toMatchObject({ duplicate: true });
    expect(attempts).toBe(2);
    expect(processed).toEqual(["evt_1"]);
  });

  it("skips a duplicate after commit, and keys are independent", async () => {
    const store = createMemoryWebhookStore();
    const handler = vi.fn(() => 42);
    await expect(processWebhookOnce(store, "evt_1", handler)).resolves.toEqual({ duplicate: false, result: 42 });
    await expect(processWebhookOnce(store, "evt_1", handler)).resolves.toMatchObject({ duplicate: true });
    await expect(processWebhookOnce(store, "evt_2", handler)).resolves.toEqual({ duplicate: false, result: 42 });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("runs the handler once for concurrent deliveries of the same key", async () => {
    const store = createMemoryWebhookStore();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const handler = vi.fn(async () => {
      await gate;
      return "done";
    });
    const deliveries = [1, 2, 3].map(() => processWebhookOnce(store, "evt_1", handler));
    finish();
    const results = await Promise.all(deliveries);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(results.filter((result) => !result.duplicate)).toEqual([{ duplicate: false, result: "done" }]);
    expect(results.filter((result) => result.duplicate)).toHaveLength(2);
  });

  it("lets a retry through once a crashed handler's claim has expired, not before", async () => {
    const time = clock();
    const store = createMemoryWebhookStore({ claimTtlMs: 5 * minute, now: time.now });
    // A handler that never settles: the process died holding the claim.
    void processWebhookOnce(store, "evt_1", () => new Promise<never>(() => {}));
    await Promise.resolve();
    const retry = vi.fn(() => "ok");
    time.advance(5 * minute - 1);
    await expect(processWebhookOnce(store, "evt_1", retry)).resolves.toMatchObject({ duplicate: true });
    time.advance(1);
    await expect(processWebhookOnce(store, "evt_1", retry)).resolves.toEqual({ duplicate: false, result: "ok" });
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("forgets a done key after doneTtlMs", async () => {
    const time = clock();
    const store = createMemoryWebhookStore({ doneTtlMs: day, now: time.now });
    const handler = vi.fn(() => "ok");
    await processWebhookOnce(store, "evt_1", handler);
    time.advance(day - 1);
    await expect(processWebhookOnce(store, "evt_1", handler)).resolves.toMatchObject({ duplicate: true });
    time.advance(1);
    await expect(processWebhookOnce(store, "evt_1", handler)).resolves.toEqual({ duplicate: false, result: "ok" });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("does not release a claim it no longer holds (its handler outlived claimTtlMs)", async () => {
    // Real time: the claim lasts 20 ms; by the time the handler fails, another delivery may hold the key.
    const memory = createMemoryWebhookStore({ claimTtlMs: 20 });
    const release = vi.fn((key: string) => memory.release(key));
    const store: WebhookStore = { ...memory, claim: memory.claim, commit: memory.commit, release };
    await expect(
      processWebhookOnce(store, "evt_1", async () => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        throw new Error("slow failure");
      }),
    ).rejects.toThrow("slow failure");
    expect(release).not.toHaveBeenCalled();
    await expect(
      processWebhookOnce(store, "evt_2", () => {
        throw new Error("fast failure");
      }),
    ).rejects.toThrow("fast failure");
    expect(release).toHaveBeenCalledWith("evt_2");
  });

  it("passes the store's TTLs, or 5 min and 24 h, and keeps the handler's error when release fails", async () => {
    const calls: string[] = [];
    const store: WebhookStore = {
      claim: (key, ttl) => {
        calls.push(`claim ${key} ${ttl}`);
        return Promise.resolve(true);
      },
      commit: async (key, ttl) => {
        calls.push(`commit ${key} ${ttl}`);
      },
      release: async (key) => {
        calls.push(`release ${key}`);
        throw new Error("store down");
      },
    };
    await processWebhookOnce(store, "a", () => 1);
    await expect(
      processWebhookOnce(store, "b", () => {
        throw new Error("handler failed");
      }),
    ).rejects.toThrow("handler failed");
    await processWebhookOnce({ ...store, claimTtlMs: 1_000, doneTtlMs: 2_000 }, "c", () => 1);
    expect(calls).toEqual([
      "claim a 300000",
      "commit a 86400000",
      "claim b 300000",
      "release b",
      "claim c 1000",
      "commit c 2000",
    ]);
    expect(createMemoryWebhookStore()).toMatchObject({ claimTtlMs: 300_000, doneTtlMs: 86_400_000 });
  });

  it("refuses a bad key, handler or store", async () => {
    const store = createMemoryWebhookStore();
    for (const key of ["", undefined, 42]) {
      await expect(processWebhookOnce(store, key as string, () => 1)).rejects.toThrow(InvalidRequestError);
    }
    await expect(processWebhookOnce(store, "a", "nope" as never)).rejects.toThrow(/handler function/);
    await expect(processWebhookOnce({} as WebhookStore, "a", () => 1)).rejects.toThrow(/claim, commit and release/);
    await expect(processWebhookOnce({ ...store, claimTtlMs: -1 }, "a", () => 1)).rejects.toThrow(
      expect.objectContaining({ code: "invalid_option", message: expect.stringContaining("claimTtlMs") }),
    );
  });
});

describe("createMemoryWebhookStore", () => {
  it("releases only a claim, never a done key", () => {
    const store = createMemoryWebhookStore();
    expect(store.claim("a", minute)).toBe(true);
    expect(store.claim("a", minute)).toBe(false);
    store.release("a");
    expect(store.claim("a", minute)).toBe(true);
    store.commit("a", day);
    store.release("a");
    expect(store.claim("a", minute)).toBe(false);
    store.release("never-seen");
    expect(store.size).toBe(1);
  });

  it("holds at most maxEntries keys, evicting the oldest", () => {
    const store = createMemoryWebhookStore({ maxEntries: 3 });
    for (const key of ["a", "b", "c"]) store.commit(key, day);
    // A commit re-inserts: "a" becomes the newest.
    store.commit("a", day);
    store.commit("d", day);
    expect(store.size).toBe(3);
    expect(store.claim("b", minute)).toBe(true); // evicted: the oldest; claiming it evicts "c"
    expect(store.size).toBe(3);
    expect(store.claim("a", minute)).toBe(false);
    expect(store.claim("d", minute)).toBe(false);
    expect(store.claim("c", minute)).toBe(true);
    expect(store.size).toBe(3);
  });

  it("evicts expired keys before older live ones", () => {
    const time = clock();
    const store = createMemoryWebhookStore({ maxEntries: 3, now: time.now });
    store.commit("old-live", day);
    store.commit("short", 10);
    store.commit("newer", day);
    time.advance(10);
    store.commit("new", day);
    expect(store.size).toBe(3);
    expect(store.claim("old-live", minute)).toBe(false); // kept: "short" had expired
    expect(store.claim("newer", minute)).toBe(false);
    expect(store.claim("new", minute)).toBe(false);
  });

  it("keeps the bound under many keys", () => {
    const store = createMemoryWebhookStore({ maxEntries: 100 });
    for (let i = 0; i < 1_000; i++) expect(store.claim(`evt_${i}`, minute)).toBe(true);
    expect(store.size).toBe(100);
    expect(store.claim("evt_999", minute)).toBe(false);
    expect(store.claim("evt_0", minute)).toBe(true);
  });

  it("validates its options, naming the option", () => {
    const bad: [string, unknown][] = [
      ["claimTtlMs", Number.NaN],
      ["claimTtlMs", -1],
      ["claimTtlMs", 0],
      ["claimTtlMs", Number.POSITIVE_INFINITY],
      ["doneTtlMs", 1.5],
      ["doneTtlMs", "86400000"],
      ["maxEntries", 0],
      ["maxEntries", 10.5],
      ["maxEntries", Number.NaN],
      ["maxEntries", -5],
    ];
    for (const [name, value] of bad) {
      let caught: unknown;
      try {
        createMemoryWebhookStore({ [name]: value });
      } catch (error) {
        caught = error;
      }
      expect(caught, `${name}: ${String(value)}`).toBeInstanceOf(ConfigurationError);
      expect(caught).toMatchObject({ code: "invalid_option", message: expect.stringMatching(new RegExp(`^${name} `)) });
    }
    expect(() => createMemoryWebhookStore({ now: 5 as never })).toThrow(
      expect.objectContaining({ code: "invalid_option", message: expect.stringContaining("now") }),
    );
    expect(() => createMemoryWebhookStore(null as never)).toThrow(ConfigurationError);
    expect(() => createMemoryWebhookStore({ claimTtlMs: undefined, maxEntries: 1 })).not.toThrow();
    const store = createMemoryWebhookStore();
    expect(() => store.claim("a", 0)).toThrow(InvalidRequestError);
    expect(() => store.commit("a", Number.NaN)).toThrow(/ttlMs/);
    expect(() => store.claim("", minute)).toThrow(/non-empty string key/);
  });
});
