import { describe, expect, it, vi } from "vitest";
import { PaginationError, paginate } from "../src/index.js";

const pages = [
  { items: [1, 2, 3], next: 3 },
  { items: [4, 5, 6], next: 6 },
  { items: [7], next: undefined },
];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("paginate", () => {
  it("follows the cursor across pages until the last one", async () => {
    const fetchPage = vi.fn(
      async (cursor: number | undefined) => pages[(cursor ?? 0) / 3] ?? { items: [], next: undefined },
    );
    expect(await collect(paginate(fetchPage))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, 3, 6]);
  });

  it("stops at maxItems without fetching pages it does not need", async () => {
    const fetchPage = vi.fn(
      async (cursor: number | undefined) => pages[(cursor ?? 0) / 3] ?? { items: [], next: undefined },
    );
    expect(await collect(paginate(fetchPage, { maxItems: 4 }))).toEqual([1, 2, 3, 4]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
    expect(await collect(paginate(fetchPage, { maxItems: 0 }))).toEqual([]);
  });

  it("stops fetching when the caller breaks", async () => {
    const fetchPage = vi.fn(
      async (cursor: number | undefined) => pages[(cursor ?? 0) / 3] ?? { items: [], next: undefined },
    );
    for await (const item of paginate(fetchPage)) if (item === 2) break;
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("refuses a bad cap and an empty page that promises more", async () => {
    await expect(collect(paginate(async () => pages[0] as never, { maxItems: -1 }))).rejects.toThrow(PaginationError);
    await expect(collect(paginate(async () => ({ items: [], next: 1 })))).rejects.toThrow(/empty page/);
  });
});
