import type { RequestMeta } from "./call.js";
import { InvalidRequestError, PaginationError } from "./errors.js";
import { findHeader } from "./idempotency.js";
import { paginate } from "./pagination.js";
import type { RequestPolicyOptions } from "./policy.js";
import { dataOf, type FetchResult } from "./unwrap.js";

/** How a list operation pages: its spec's `x-payspec-pagination`. */
export interface PaginationSpec {
  /** `cursor`: the last item's id starts the next page; `offset`: a running count; `single`: one request answers all. */
  readonly style: "cursor" | "offset" | "single";
  /** Where the paging parameters go. Default `query`. */
  readonly in?: "query" | "body";
  /** Property of the response that holds the items; none when the response is the array. */
  readonly itemsField?: string;
  /** The page-size parameter, and its largest value. */
  readonly limitParam?: string;
  readonly maxLimit?: number;
  /** Offset style: the parameter that skips items. */
  readonly offsetParam?: string;
  /** Cursor style: the parameter, and the item field whose value it takes. */
  readonly cursorParam?: string;
  readonly cursorField?: string;
  /** A boolean property that says whether more items follow. */
  readonly hasMoreField?: string;
  /** A number property with the list's total length. */
  readonly totalField?: string;
}

/**
 * How a generated method is sent: what its arguments after the path parameters mean (`none`; a
 * JSON `body`; the `query`; a `multipart` body; `query+body` as `{ query, body }`), how it pages,
 * and a second header, if the operation requires one, that carries the idempotency key too.
 */
export interface OperationEntry {
  readonly method: string;
  /** The spec path, with `{placeholders}`. */
  readonly path: string;
  readonly operationId: string;
  readonly input: "none" | "body" | "query" | "multipart" | "query+body";
  readonly pagination?: PaginationSpec;
  readonly keyHeader?: string;
}

/**
 * One operation as the generated table writes it, compactly (the table is in every bundle that
 * uses a client): `"METHOD /path operationId input [keyHeader]"`, with the pagination beside it
 * for a list.
 */
export type CompactEntry = string | readonly [operation: string, pagination: PaginationSpec];

/** Every operation of a provider by resource and method name, as `scripts/generate.mjs` writes it. */
export type ResourceTable = Readonly<Record<string, Readonly<Record<string, CompactEntry>>>>;

/** Reads one entry of the generated table. */
export function readEntry(compact: CompactEntry): OperationEntry {
  const [operation, pagination] = typeof compact === "string" ? [compact] : compact;
  const [method, path, operationId, input, keyHeader] = operation.split(" ") as [
    string,
    string,
    string,
    OperationEntry["input"],
    string | undefined,
  ];
  return {
    method,
    path,
    operationId,
    input,
    ...(pagination === undefined ? {} : { pagination }),
    ...(keyHeader === undefined ? {} : { keyHeader }),
  };
}

/** A path parameter every call of a client may take from the client (PaymentKit's account). */
export interface ScopeParameter {
  /** The path placeholder, such as `account_id`. */
  readonly parameter: string;
  /** The option that overrides it for one call, such as `accountId`. */
  readonly option: string;
}

// Every option also takes `undefined` (meaning "not given"), so a caller with
// `exactOptionalPropertyTypes` can pass a value that may be missing.

/** Options every generated method takes as its last argument. */
export interface CallOptions {
  /** Aborts the call; the promise rejects with `RequestAbortedError`. */
  readonly signal?: AbortSignal | undefined;
  /** Time one attempt may take. Default: the client's. */
  readonly timeoutMs?: number | undefined;
  /** Time the whole call may take, across retries. Default: the client's. */
  readonly deadlineMs?: number | undefined;
  /** Retries after the first attempt. Default: the client's. */
  readonly maxRetries?: number | undefined;
  /** Extra headers for this call (such as a profile header the client does not set). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Options of a method whose operation the provider deduplicates by an idempotency key. */
export interface IdempotentCallOptions extends CallOptions {
  /**
   * The key the provider deduplicates this call by; every retry carries it. Default: a fresh
   * UUID v4 per call. Pass your own (such as an order id) to make a repeat of the whole call safe.
   */
  readonly idempotencyKey?: string | undefined;
}

/** Options of a list method answered in one request, besides its call options. */
export interface SingleListOptions {
  /** Stop iterating after this many items. Default: no cap. */
  readonly maxItems?: number | undefined;
}

/** Options of a paged list method, besides its call options. */
export interface ListOptions extends SingleListOptions {
  /** Items per request when iterating, up to the operation's maximum. Default: that maximum. */
  readonly pageSize?: number | undefined;
}

/** What `.withResponse()` gives: the data, plus the response and how it was obtained. */
export interface DataWithResponse<Data> {
  readonly data: Data;
  readonly response: Response;
  readonly meta: RequestMeta;
}

/**
 * The promise a generated method returns: resolves to the response data, or rejects with core's
 * typed errors (`ApiError` subclasses with the provider's code, request id, idempotency key and
 * attempts). `.withResponse()` gives the same call's data with its response and metadata; it
 * sends nothing more.
 */
export interface ApiPromise<Data> extends Promise<Data> {
  withResponse(): Promise<DataWithResponse<Data>>;
}

/**
 * What a list method returns: awaited, one page as the provider answers it (the request is sent
 * when it is awaited); iterated with `for await`, every item of every page, each page requested
 * as the loop needs it, capped by `maxItems`.
 */
export interface ListPromise<Page, Item> extends ApiPromise<Page>, AsyncIterable<Item> {}

/** What the client gives the resource layer: one call, sent through its runtime. */
export type SendOperation = (
  entry: OperationEntry,
  init: Record<string, unknown>,
  policy: RequestPolicyOptions | undefined,
) => Promise<FetchResult & { readonly meta?: RequestMeta }>;

const callOptionNames = ["signal", "timeoutMs", "deadlineMs", "maxRetries", "headers"];
const policyNames = ["timeoutMs", "deadlineMs", "maxRetries"] as const;
const placeholder = /\{([^{}]+)\}/g;

function apiPromise<Data>(sending: Promise<FetchResult & { readonly meta?: RequestMeta }>): ApiPromise<Data> {
  const data = sending.then(dataOf) as ApiPromise<Data>;
  // A caller who only uses `withResponse()` must not leave this rejection unhandled; awaiting
  // `data` still throws.
  data.catch(() => undefined);
  data.withResponse = () =>
    sending.then((result) => ({
      data: dataOf(result) as Data,
      response: result.response,
      meta: result.meta as RequestMeta,
    }));
  return data;
}

/**
 * A list's promise sends its request only when awaited (or `withResponse()` is called): a caller
 * who iterates it with `for await` makes the iterator's requests only, not a wasted first one.
 */
function listPromise<Data>(
  send: () => Promise<FetchResult & { readonly meta?: RequestMeta }>,
  items: () => AsyncIterable<unknown>,
): ListPromise<Data, unknown> {
  let started: ApiPromise<Data> | undefined;
  const start = () => {
    started ??= apiPromise<Data>(send());
    return started;
  };
  return {
    // biome-ignore lint/suspicious/noThenProperty: a lazy promise is a thenable by design.
    then: (onFulfilled, onRejected) => start().then(onFulfilled, onRejected),
    catch: (onRejected) => start().catch(onRejected),
    finally: (onFinally) => start().finally(onFinally),
    withResponse: () => start().withResponse(),
    [Symbol.toStringTag]: "ListPromise",
    [Symbol.asyncIterator]: () => items()[Symbol.asyncIterator](),
  } as ListPromise<Data, unknown>;
}

function toForm(body: unknown): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value, (value as File).name ?? name);
    else form.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return form;
}

function refuse(message: string): never {
  throw new InvalidRequestError("invalid_option", message);
}

/**
 * Builds one resource's methods over `send`. Each method takes the operation's path parameters
 * positionally (all but the client's scope parameter), then its input (body, query or both) when
 * it has one, then options. Arguments are checked at run time too, for callers without types.
 */
export function bindResource(
  resource: string,
  entries: Readonly<Record<string, CompactEntry>>,
  send: SendOperation,
  context: {
    readonly honoursKey: (method: string, schemaPath: string) => boolean;
    readonly keyHeader: string;
    readonly scope?: ScopeParameter;
  },
): Record<string, (...args: unknown[]) => unknown> {
  const methods: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, compact] of Object.entries(entries)) {
    const entry = readEntry(compact);
    const { scope } = context;
    const names = [...entry.path.matchAll(placeholder)]
      .map((match) => match[1] as string)
      .filter((parameter) => parameter !== scope?.parameter);
    const honoured = context.honoursKey(entry.method, entry.path);
    const keyed = honoured || entry.keyHeader !== undefined;
    const allowed = new Set([
      ...callOptionNames,
      ...(keyed ? ["idempotencyKey"] : []),
      ...(entry.pagination === undefined ? [] : ["maxItems"]),
      ...(entry.pagination === undefined || entry.pagination.style === "single" ? [] : ["pageSize"]),
      ...(scope !== undefined && entry.path.includes(`{${scope.parameter}}`) ? [scope.option] : []),
    ]);
    const label = `${resource}.${name}`;
    const call = (args: unknown[]) => {
      const path: Record<string, unknown> = {};
      names.forEach((parameter, index) => {
        const value = args[index];
        if (typeof value !== "string" || value === "") {
          refuse(`${label}: argument ${index + 1} is ${parameter} and must be a non-empty string.`);
        }
        path[parameter] = value;
      });
      const input = entry.input === "none" ? undefined : args[names.length];
      const options = (args[names.length + (entry.input === "none" ? 0 : 1)] ?? {}) as Record<string, unknown>;
      if (typeof options !== "object" || Array.isArray(options)) refuse(`${label}: options must be an object.`);
      for (const option of Object.keys(options)) {
        if (!allowed.has(option)) {
          refuse(
            option === "idempotencyKey"
              ? `${label}: the provider deduplicates no ${entry.method} by a key, so idempotencyKey would not make a retry safe.`
              : `${label}: unknown option ${option}; expected one of ${[...allowed].join(", ")}.`,
          );
        }
      }
      if (scope !== undefined && options[scope.option] !== undefined) path[scope.parameter] = options[scope.option];
      // An operation with a second key header sends one key in both, so the key the call reports
      // (meta.idempotencyKey) is the one a repeat must carry in either.
      const supplied =
        options.idempotencyKey ??
        findHeader(options.headers, context.keyHeader) ??
        (entry.keyHeader === undefined ? undefined : findHeader(options.headers, entry.keyHeader));
      const key = supplied ?? (entry.keyHeader === undefined ? undefined : crypto.randomUUID());
      const header: Record<string, unknown> = {};
      if (key !== undefined && (honoured || options.idempotencyKey !== undefined)) header[context.keyHeader] = key;
      if (entry.keyHeader !== undefined) header[entry.keyHeader] = key;
      const both = entry.input === "query+body" ? ((input ?? {}) as { query?: unknown; body?: unknown }) : undefined;
      const query = entry.input === "query" ? input : both?.query;
      const init: Record<string, unknown> = {
        params: { path, query, header },
        body: entry.input === "body" || entry.input === "multipart" ? input : both?.body,
        headers: options.headers,
        signal: options.signal,
      };
      if (entry.input === "multipart" && input !== undefined) init.bodySerializer = toForm;
      const overrides = policyNames.filter((option) => options[option] !== undefined);
      const policy =
        overrides.length === 0 ? undefined : Object.fromEntries(overrides.map((option) => [option, options[option]]));
      if (entry.pagination === undefined) return apiPromise(send(entry, init, policy));
      const spec = entry.pagination;
      return listPromise(
        () => send(entry, init, policy),
        () =>
          iterate(spec, label, (paging) => send(entry, withPaging(init, spec, paging), policy), options as ListOptions),
      );
    };
    // Bad arguments reject the returned promise, as a failed call would, rather than throw.
    methods[name] = (...args: unknown[]) => {
      try {
        return call(args);
      } catch (error) {
        return entry.pagination === undefined
          ? apiPromise(Promise.reject(error))
          : listPromise(
              () => Promise.reject(error),
              () => ({
                [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
              }),
            );
      }
    };
  }
  return methods;
}

function withPaging(init: Record<string, unknown>, spec: PaginationSpec, paging: Record<string, unknown>) {
  const params = init.params as { query?: Record<string, unknown> };
  if (spec.in === "body") return { ...init, body: { ...(init.body as object | undefined), ...paging } };
  return { ...init, params: { ...params, query: { ...params.query, ...paging } } };
}

/** Walks every page of a list as its `x-payspec-pagination` says. */
function iterate(
  spec: PaginationSpec,
  label: string,
  fetchPage: (paging: Record<string, unknown>) => Promise<FetchResult>,
  options: ListOptions,
): AsyncIterable<unknown> {
  const max = spec.maxLimit;
  const pageSize = options.pageSize ?? max;
  if (
    spec.style !== "single" &&
    (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > (max as number))
  ) {
    throw new PaginationError(`${label}: pageSize must be an integer from 1 to ${max}; got ${String(pageSize)}.`);
  }
  const read = async (paging: Record<string, unknown>) => {
    const body = dataOf(await fetchPage(paging)) as Record<string, unknown>;
    const items = (spec.itemsField === undefined ? body : body?.[spec.itemsField]) ?? [];
    if (!Array.isArray(items)) throw new PaginationError(`${label}: the response holds no list of items.`);
    return { body, items };
  };
  const limit = spec.limitParam === undefined ? {} : { [spec.limitParam]: pageSize };
  // Whether more items follow: the response's own flag or total when it has one, else a full page.
  const more = (body: Record<string, unknown>, seen: number, count: number) => {
    const flag = spec.hasMoreField === undefined ? undefined : body[spec.hasMoreField];
    if (typeof flag === "boolean") return flag;
    const total = spec.totalField === undefined ? undefined : body[spec.totalField];
    if (typeof total === "number") return seen < total;
    return count >= (pageSize as number);
  };
  if (spec.style === "single") {
    return paginate(async () => ({ items: (await read({})).items, next: undefined }), options);
  }
  if (spec.style === "cursor") {
    const { cursorParam = "starting_after", cursorField = "id" } = spec;
    let seen = 0;
    return paginate<unknown, string>(async (after) => {
      const { body, items } = await read({ ...limit, ...(after === undefined ? {} : { [cursorParam]: after }) });
      seen += items.length;
      if (!more(body, seen, items.length)) return { items, next: undefined };
      const last = (items.at(-1) as Record<string, unknown> | undefined)?.[cursorField];
      if (typeof last !== "string" || last === "") {
        throw new PaginationError(`${label}: a full page ended with an item without ${cursorField}.`);
      }
      // The same page again would be requested forever.
      if (last === after) {
        throw new PaginationError(
          `${label}: the page after ${cursorField} ${last} ended with ${last} again; stopping to avoid a loop.`,
        );
      }
      return { items, next: last };
    }, options);
  }
  const offsetParam = spec.offsetParam ?? "offset";
  return paginate<unknown, number>(async (skip = 0) => {
    const { body, items } = await read({ ...limit, [offsetParam]: skip });
    const seen = skip + items.length;
    return { items, next: more(body, seen, items.length) ? seen : undefined };
  }, options);
}
