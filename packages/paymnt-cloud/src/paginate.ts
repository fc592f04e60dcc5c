import { apiErrorFrom, type PaginateOptions, PaginationError, paginate as paginatePages } from "@payspec/core";
import type { PaymntCloudClient } from "./client.js";
import type { paths } from "./generated/openapi.js";

/**
 * How each list operation of the engine pages, as the spec describes it:
 * - `cursor`: `limit` plus `starting_after` (the last item's id); a short page is the last.
 * - `query-offset`: `limit` and `offset` in the query; the envelope's `total_count` (or, for a bare
 *   array, a short page) says where the list ends.
 * - `body-offset`: `limit` and `offset` in the JSON body (`POST …/list`), same end signals.
 * - `single`: the operation has no paging parameters; one request answers the whole list.
 */
const listOperations = {
  "GET /payments/list": { kind: "cursor", idField: "payment_id", maxLimit: 100 },
  "GET /payouts/list": { kind: "cursor", idField: "payout_id", maxLimit: 100 },
  "POST /refunds/list": { kind: "body-offset", maxLimit: 100 },
  "POST /payouts/list": { kind: "body-offset", maxLimit: 20 },
  "GET /customers/list": { kind: "query-offset", maxLimit: 100 },
  "GET /blocklist/batch": { kind: "query-offset", maxLimit: 100 },
  "GET /disputes/list": { kind: "single" },
  "GET /disputes/profile/list": { kind: "single" },
  "GET /customers/{customer_id}/mandates": { kind: "single" },
  "GET /customers/{customer_id}/payment_methods": { kind: "single" },
} as const satisfies Record<string, ListStrategy>;

type ListStrategy =
  | { readonly kind: "cursor"; readonly idField: string; readonly maxLimit: number }
  | { readonly kind: "query-offset" | "body-offset"; readonly maxLimit: number }
  | { readonly kind: "single" };

/** Every list operation `paginate` can walk, named `"METHOD /path"` as in the spec. */
export type ListOperation = keyof typeof listOperations;

type MethodOf<Op extends ListOperation> = Op extends `${infer Method} ${string}` ? Lowercase<Method> : never;
type PathOf<Op extends ListOperation> = Op extends `${string} ${infer Path extends keyof paths}` ? Path : never;
type OperationOf<Op extends ListOperation> = paths[PathOf<Op>][MethodOf<Op> & keyof paths[PathOf<Op>]];

type ResponseOf<Op extends ListOperation> =
  OperationOf<Op> extends {
    responses: { 200: { content: { "application/json": infer Body } } };
  }
    ? Body
    : never;

/** The item type of a list operation, taken from its documented 200 response. */
export type ListItem<Op extends ListOperation> =
  ResponseOf<Op> extends readonly (infer Item)[]
    ? Item
    : ResponseOf<Op> extends { data: readonly (infer Item)[] }
      ? Item
      : ResponseOf<Op> extends { customer_payment_methods: readonly (infer Item)[] }
        ? Item
        : never;

/** An object type with no required keys: `Empty extends T` holds when every key of `T` is optional. */
type Empty = Record<never, never>;

/** Paging parameters `paginate` sets itself. */
type Managed = "limit" | "offset" | "starting_after" | "ending_before";

type ParametersOf<Op extends ListOperation> =
  OperationOf<Op> extends { parameters: infer Parameters } ? Parameters : never;
type QueryOf<Op extends ListOperation> =
  ParametersOf<Op> extends { query?: infer Query }
    ? [NonNullable<Query>] extends [never]
      ? never
      : Omit<NonNullable<Query>, Managed>
    : never;
type BodyOf<Op extends ListOperation> =
  OperationOf<Op> extends {
    requestBody?: { content: { "application/json": infer Body } };
  }
    ? Omit<Body, Managed>
    : never;

type ParamsInit<Op extends ListOperation> = Omit<ParametersOf<Op>, "query" | "cookie"> &
  ([QueryOf<Op>] extends [never] ? unknown : { readonly query?: QueryOf<Op> });

/**
 * Parameters of an auto-paginated list call: the operation's own path, header and query
 * parameters (filters such as the `created.gte`/`created.lt` range), or its JSON body for a
 * `POST …/list`. `limit`, `offset`, `starting_after` and `ending_before` are managed for you.
 */
export type ListInit<Op extends ListOperation> = {
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
} & (Empty extends ParamsInit<Op> ? { readonly params?: ParamsInit<Op> } : { readonly params: ParamsInit<Op> }) &
  ([BodyOf<Op>] extends [never]
    ? unknown
    : Empty extends BodyOf<Op>
      ? { readonly body?: BodyOf<Op> }
      : { readonly body: BodyOf<Op> });

/** Options of {@link paginate}. */
export interface PaymntCloudPaginateOptions extends PaginateOptions {
  /**
   * Items per request, from 1 to the operation's maximum (100; 20 for `POST /payouts/list`).
   * Default: that maximum, for the fewest round trips. Not offered for a list answered in one
   * request (disputes, a customer's mandates and payment methods), which has no page size.
   */
  readonly pageSize?: number;
}

/** The options an operation takes: no `pageSize` for a list answered in one request. */
type OptionsOf<Op extends ListOperation> = (typeof listOperations)[Op]["kind"] extends "single"
  ? PaginateOptions
  : PaymntCloudPaginateOptions;

type Rest<Op extends ListOperation> =
  Empty extends ListInit<Op>
    ? [init?: ListInit<Op>, options?: OptionsOf<Op>]
    : [init: ListInit<Op>, options?: OptionsOf<Op>];

type Envelope =
  | readonly unknown[]
  | { data?: readonly unknown[]; total_count?: number | null; customer_payment_methods?: readonly unknown[] };

const itemsOf = (body: Envelope): readonly unknown[] =>
  Array.isArray(body)
    ? body
    : ((body as { data?: readonly unknown[] }).data ??
      (body as { customer_payment_methods?: readonly unknown[] }).customer_payment_methods ??
      []);

/**
 * Iterates every item of a Paymnt Cloud list operation with `for await`, fetching the next page
 * only when the loop needs it, so `break` stops the requests and `maxItems` caps the total.
 * Cursor lists (payments, payouts) advance `starting_after` to the last id and end on a short
 * page; offset lists (refunds, customers, payout filters, blocklist jobs) advance `offset` and end
 * at `total_count` or on a short page. A page that promises more but brings none raises
 * `PaginationError`; an error status throws the typed `ApiError`.
 *
 * @example
 * ```ts
 * for await (const payment of paginate(paymnt, "GET /payments/list", {
 *   params: { query: { "created.gte": "2026-01-01T00:00:00Z" } },
 * })) {
 *   console.log(payment.payment_id);
 * }
 * ```
 */
export function paginate<Op extends ListOperation>(
  client: PaymntCloudClient,
  operation: Op,
  ...[init, options = {}]: Rest<Op>
): AsyncGenerator<ListItem<Op>, void, undefined> {
  const strategy: ListStrategy | undefined = listOperations[operation];
  if (strategy === undefined) throw new PaginationError(`${String(operation)} is not a list operation.`);
  const [method, path] = operation.split(" ") as ["GET" | "POST", string];
  const maxLimit = strategy.kind === "single" ? undefined : strategy.maxLimit;
  // Untyped callers may still pass one to a list answered in one request: it is ignored there.
  const pageSize = (options as PaymntCloudPaginateOptions).pageSize ?? maxLimit;
  if (
    maxLimit !== undefined &&
    (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > maxLimit)
  ) {
    throw new PaginationError(`pageSize must be an integer from 1 to ${maxLimit}; got ${String(pageSize)}.`);
  }
  // The operation and init are checked by the signature above; openapi-fetch's overloads cannot
  // be resolved for a generic path, so the call goes through an untyped view of the client.
  const call = (method === "GET" ? client.GET : client.POST) as unknown as (
    path: string,
    init: object,
  ) => Promise<{ data?: Envelope; error?: unknown; response: Response }>;
  const base = (init ?? {}) as {
    params?: { query?: Record<string, unknown> };
    body?: Record<string, unknown>;
  };
  const fetchPage = async (paging: Record<string, unknown>) => {
    const inQuery = strategy.kind === "cursor" || strategy.kind === "query-offset";
    const result = await call(path, {
      ...base,
      ...(inQuery ? { params: { ...base.params, query: { ...base.params?.query, ...paging } } } : {}),
      ...(strategy.kind === "body-offset" ? { body: { ...base.body, ...paging } } : {}),
    });
    const { data, error } = result;
    if (data === undefined) throw apiErrorFrom(result, error);
    return data;
  };

  type Item = ListItem<Op>;
  if (strategy.kind === "cursor") {
    return paginatePages<Item, string>(async (startingAfter) => {
      const items = itemsOf(await fetchPage({ limit: pageSize, starting_after: startingAfter })) as Item[];
      const last = items.at(-1) as Record<string, unknown> | undefined;
      const id = last?.[strategy.idField];
      if (items.length < (pageSize as number)) return { items, next: undefined };
      if (typeof id !== "string" || id === "") {
        throw new PaginationError(`A full page of ${operation} ended with an item without ${strategy.idField}.`);
      }
      return { items, next: id };
    }, options);
  }
  if (strategy.kind === "single") {
    return paginatePages<Item, never>(
      async () => ({ items: itemsOf(await fetchPage({})) as Item[], next: undefined }),
      options,
    );
  }
  return paginatePages<Item, number>(async (offset = 0) => {
    const body = await fetchPage({ limit: pageSize, offset });
    const items = itemsOf(body) as Item[];
    const total = Array.isArray(body) ? undefined : (body as { total_count?: number | null }).total_count;
    const more = typeof total === "number" ? offset + items.length < total : items.length >= (pageSize as number);
    return { items, next: more ? offset + items.length : undefined };
  }, options);
}
