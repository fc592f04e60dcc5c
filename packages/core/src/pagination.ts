import { PaginationError } from "./errors.js";

/** One page, as a provider's list operation returned it. */
export interface Page<Item, Cursor> {
  readonly items: readonly Item[];
  /** Where the next page starts, or `undefined` when this page is the last. */
  readonly next: Cursor | undefined;
}

/** Options of every auto-paginating iterator. */
export interface PaginateOptions {
  /** Stop after this many items, across pages. Default: no cap. */
  readonly maxItems?: number | undefined;
}

/**
 * Iterates the items of every page, fetching the next page only when the current one is used up,
 * so `break` stops the requests. A page that promises more items but brings none would loop
 * forever; it raises {@link PaginationError} instead.
 */
export async function* paginate<Item, Cursor>(
  fetchPage: (cursor: Cursor | undefined) => Promise<Page<Item, Cursor>>,
  options: PaginateOptions = {},
): AsyncGenerator<Item, void, undefined> {
  const { maxItems } = options;
  if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 0)) {
    throw new PaginationError(`maxItems must be a non-negative integer; got ${String(maxItems)}.`);
  }
  let yielded = 0;
  let cursor: Cursor | undefined;
  while (maxItems === undefined || yielded < maxItems) {
    const page = await fetchPage(cursor);
    for (const item of page.items) {
      if (maxItems !== undefined && yielded >= maxItems) return;
      yielded++;
      yield item;
    }
    if (page.next === undefined) return;
    if (page.items.length === 0) {
      throw new PaginationError(
        "The provider said more items follow but sent an empty page; stopping to avoid a loop.",
      );
    }
    cursor = page.next;
  }
}
