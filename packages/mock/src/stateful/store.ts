import { randomBytes, randomUUID } from "node:crypto";

/**
 * How a provider writes an object's id: `uuid`, or a prefix followed by random lowercase letters
 * and digits (`pay_` + 26, as Paymnt Cloud's `pay_mbabizu24mvu3mela5njyhpit4`).
 */
export type IdFormat = { readonly uuid: true } | { readonly prefix: string; readonly length: number };

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh id in `format`. */
export function newId(format: IdFormat): string {
  if ("uuid" in format) return randomUUID();
  const bytes = randomBytes(format.length);
  let id = format.prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

/** A stored object: the provider's fields, plus when the mock created and last changed it. */
export interface StoredObject {
  readonly id: string;
  readonly kind: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A page of a list: the items, and whether more follow. */
export interface StoredPage {
  readonly items: readonly StoredObject[];
  readonly total: number;
  readonly hasMore: boolean;
}

/**
 * The stateful mock's objects, by kind and id, in creation order. Every change is synchronous
 * (read, decide, write with no `await` between), so concurrent requests to one Node process never
 * lose an update.
 */
export interface ObjectStore {
  create(kind: string, id: string, fields: Record<string, unknown>): StoredObject;
  get(kind: string, id: string): StoredObject | undefined;
  /** Applies `change` to the current fields and stores the result; `undefined` for an unknown id. */
  update(
    kind: string,
    id: string,
    change: (fields: Readonly<Record<string, unknown>>) => Record<string, unknown>,
  ): StoredObject | undefined;
  delete(kind: string, id: string): boolean;
  /**
   * Objects of `kind` that pass `filter`, newest first, from `offset` (or after the object with id
   * `startingAfter`), at most `limit`.
   */
  list(
    kind: string,
    options?: {
      readonly filter?: (object: StoredObject) => boolean;
      readonly offset?: number;
      readonly startingAfter?: string;
      readonly limit?: number;
    },
  ): StoredPage;
  /** Forgets every object. */
  reset(): void;
  readonly size: number;
}

/** An empty store whose timestamps come from `now` (the mock clock). */
export function createObjectStore(now: () => number): ObjectStore {
  const kinds = new Map<string, Map<string, StoredObject>>();
  const of = (kind: string) => {
    let objects = kinds.get(kind);
    if (objects === undefined) {
      objects = new Map();
      kinds.set(kind, objects);
    }
    return objects;
  };
  return {
    create(kind, id, fields) {
      const objects = of(kind);
      if (objects.has(id)) throw new Error(`payspec-mock: a ${kind} ${id} exists already.`);
      const time = now();
      const object = { id, kind, createdAt: time, updatedAt: time, fields: structuredClone(fields) };
      objects.set(id, object);
      return object;
    },
    get: (kind, id) => kinds.get(kind)?.get(id),
    update(kind, id, change) {
      const objects = kinds.get(kind);
      const current = objects?.get(id);
      if (objects === undefined || current === undefined) return undefined;
      const next = { ...current, updatedAt: now(), fields: structuredClone(change(current.fields)) };
      objects.set(id, next);
      return next;
    },
    delete: (kind, id) => kinds.get(kind)?.delete(id) ?? false,
    list(kind, options = {}) {
      const all = [...(kinds.get(kind)?.values() ?? [])].reverse();
      const matching = options.filter === undefined ? all : all.filter(options.filter);
      let start = options.offset ?? 0;
      if (options.startingAfter !== undefined) {
        const at = matching.findIndex((object) => object.id === options.startingAfter);
        start = at === -1 ? matching.length : at + 1;
      }
      const limit = options.limit ?? matching.length;
      const items = matching.slice(start, start + limit);
      return { items, total: matching.length, hasMore: start + items.length < matching.length };
    },
    reset: () => kinds.clear(),
    get size() {
      let total = 0;
      for (const objects of kinds.values()) total += objects.size;
      return total;
    },
  };
}
