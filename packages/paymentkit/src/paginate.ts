import { apiErrorFrom, type PaginateOptions, PaginationError, paginate as paginatePages } from "@payspec/core";
import type { AccountScopedPaymentKitClient, PaymentKitClient } from "./client.js";
import type { paths } from "./generated/openapi.js";

type ListResponse<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: { content: { "application/json": infer Body } } } };
}
  ? Body
  : never;

/** Every path whose GET answers PaymentKit's `{ items, total, has_more }` envelope. */
export type ListPath = {
  [Path in keyof paths]: ListResponse<Path> extends { items: unknown[]; has_more: boolean } ? Path : never;
}[keyof paths];

/** The item type of a list path. */
export type ListItem<Path extends ListPath> = ListResponse<Path> extends { items: (infer Item)[] } ? Item : never;

type QueryOf<Path extends ListPath> = paths[Path] extends { get: { parameters: { query?: infer Query } } }
  ? Omit<NonNullable<Query>, "limit" | "offset">
  : never;

/** Parameters of an auto-paginated list call; `limit` and `offset` are managed for you. */
/** The operation's own path parameters, `account_id` optional (a scoped client fills it in). */
type PathParamsOf<Path extends ListPath> = paths[Path] extends { get: { parameters: { path: infer Params } } }
  ? { readonly [Name in keyof Params as Name extends "account_id" ? never : Name]: string } & {
      readonly account_id?: string;
    }
  : { readonly account_id?: string };

export interface ListInit<Path extends ListPath> {
  readonly params?: {
    /** Path parameters; `account_id` may be left out on a client created with `accountId`. */
    readonly path?: PathParamsOf<Path>;
    readonly query?: QueryOf<Path>;
  };
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** Options of {@link paginate}. */
export interface PaymentKitPaginateOptions extends PaginateOptions {
  /** Items per request, 1–100. Default 100 (the API's maximum), for the fewest round trips. */
  readonly pageSize?: number;
}

/**
 * Iterates every item of a list, page by page, following `has_more`. Pages are fetched only as
 * the loop needs them; `maxItems` caps the total. An error status throws the typed `ApiError`.
 *
 * @example
 * ```ts
 * for await (const customer of paginate(paymentkit, "/api/{account_id}/customers", {}, { maxItems: 500 })) {
 *   console.log(customer.id);
 * }
 * ```
 */
export function paginate<Path extends ListPath>(
  client: AccountScopedPaymentKitClient,
  path: Path,
  init?: ListInit<Path>,
  options?: PaymentKitPaginateOptions,
): AsyncGenerator<ListItem<Path>, void, undefined>;
/**
 * The same, for a client created without `accountId`: an account-scoped path then needs
 * `params.path.account_id`, at compile time.
 */
export function paginate<Path extends ListPath>(
  client: PaymentKitClient,
  path: Path,
  ...rest: Path extends `${string}{account_id}${string}`
    ? [
        init: ListInit<Path> & { readonly params: { readonly path: { readonly account_id: string } } },
        options?: PaymentKitPaginateOptions,
      ]
    : [init?: ListInit<Path>, options?: PaymentKitPaginateOptions]
): AsyncGenerator<ListItem<Path>, void, undefined>;
export function paginate<Path extends ListPath>(
  client: PaymentKitClient | AccountScopedPaymentKitClient,
  path: Path,
  init: ListInit<Path> = {},
  options: PaymentKitPaginateOptions = {},
): AsyncGenerator<ListItem<Path>, void, undefined> {
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new PaginationError(`pageSize must be an integer from 1 to 100; got ${String(pageSize)}.`);
  }
  // The path and init are checked by the signature above; openapi-fetch's overloads cannot be
  // resolved for a generic path, so the call itself goes through an untyped view of the client.
  const get = client.GET as unknown as (
    path: string,
    init: object,
  ) => Promise<{ data?: { items: ListItem<Path>[]; has_more: boolean }; error?: unknown; response: Response }>;
  return paginatePages<ListItem<Path>, number>(async (offset = 0) => {
    const result = await get(path, {
      ...init,
      params: { ...init.params, query: { ...init.params?.query, limit: pageSize, offset } },
    });
    const { data, error } = result;
    if (data === undefined) throw apiErrorFrom(result, error);
    return { items: data.items, next: data.has_more ? offset + data.items.length : undefined };
  }, options);
}
