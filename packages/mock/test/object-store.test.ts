import { describe, expect, it } from "vitest";
import { createObjectStore, newId } from "../src/stateful/store.js";

describe("the stateful mock's object store", () => {
  it("makes ids in the provider's format", () => {
    expect(newId({ prefix: "pay_", length: 26 })).toMatch(/^pay_[a-z0-9]{26}$/);
    expect(newId({ uuid: true })).toMatch(/^[0-9a-f-]{36}$/);
    expect(newId({ prefix: "pay_", length: 26 })).not.toBe(newId({ prefix: "pay_", length: 26 }));
  });

  it("keeps what was created, stamps it with the clock, and copies so callers cannot change it", () => {
    let time = 1_000;
    const store = createObjectStore(() => time);
    const fields = { amount: 1000, currency: "USD" };
    store.create("payment", "pay_1", fields);
    fields.amount = 5;
    time = 2_000;
    const updated = store.update("payment", "pay_1", (current) => ({ ...current, status: "succeeded" }));
    expect(updated).toMatchObject({
      createdAt: 1_000,
      updatedAt: 2_000,
      fields: { amount: 1000, status: "succeeded" },
    });
    expect(store.get("payment", "pay_1")?.fields).toEqual({ amount: 1000, currency: "USD", status: "succeeded" });
    expect(store.update("payment", "pay_unknown", (current) => current)).toBeUndefined();
    expect(() => store.create("payment", "pay_1", {})).toThrow(/exists already/);
  });

  it("lists newest first, filtered, by offset or after an id, and says whether more follow", () => {
    const store = createObjectStore(() => 0);
    for (let i = 0; i < 1_000; i++) store.create("payment", `pay_${i}`, { amount: i });
    const page = store.list("payment", { limit: 3 });
    expect(page.items.map((object) => object.id)).toEqual(["pay_999", "pay_998", "pay_997"]);
    expect(page).toMatchObject({ total: 1_000, hasMore: true });
    expect(store.list("payment", { startingAfter: "pay_997", limit: 2 }).items.map((object) => object.id)).toEqual([
      "pay_996",
      "pay_995",
    ]);
    const even = store.list("payment", { filter: (object) => (object.fields.amount as number) % 2 === 0, offset: 498 });
    expect(even.items.map((object) => object.id)).toEqual(["pay_2", "pay_0"]);
    expect(even.hasMore).toBe(false);
    // Every object once, walking the pages.
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const next = store.list("payment", { offset, limit: 100 });
      for (const object of next.items) seen.add(object.id);
      if (!next.hasMore) break;
    }
    expect(seen.size).toBe(1_000);
  });

  it("loses no update when many requests change one object at once", async () => {
    const store = createObjectStore(() => 0);
    store.create("payment", "pay_1", { captured: 0 });
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        await Promise.resolve();
        store.update("payment", "pay_1", (current) => ({ ...current, captured: (current.captured as number) + 1 }));
      }),
    );
    expect(store.get("payment", "pay_1")?.fields.captured).toBe(100);
    store.reset();
    expect(store.size).toBe(0);
  });
});
