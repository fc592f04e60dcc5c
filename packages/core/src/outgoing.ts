import { InvalidRequestError } from "./errors.js";
import { type QuerySerializerOptions, serializePath, serializeQuery } from "./serialize.js";
import type { PreparedRequest } from "./transport.js";

/** The options of one call, as openapi-fetch's methods take them and payspec reads them. */
export interface OutgoingInit {
  readonly params?: {
    readonly query?: unknown;
    readonly path?: unknown;
    readonly header?: unknown;
    readonly [location: string]: unknown;
  };
  readonly headers?: unknown;
  readonly body?: unknown;
  readonly querySerializer?: unknown;
  readonly pathSerializer?: unknown;
  readonly bodySerializer?: unknown;
  readonly parseAs?: unknown;
  readonly signal?: unknown;
  readonly middleware?: unknown;
  readonly [option: string]: unknown;
}

/** What the client settled for a call before building it: defaults filled, key chosen. */
export interface CallParts {
  readonly path: unknown;
  readonly body: unknown;
  /** A key payspec generated, sent in the idempotency header (lower-case name in `base`). */
  readonly generatedKey: string | undefined;
}

/** A client's fixed part of every request. */
export interface OutgoingBase {
  /** Without a trailing slash. */
  readonly baseUrl: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The idempotency header's name, lower case. */
  readonly idempotencyHeader: string;
}

type QuerySerializer = (query: unknown) => string;
type PathSerializer = (path: string, params: Record<string, unknown>) => string;
type BodySerializer = (body: unknown, headers: Headers) => unknown;

// openapi-fetch options that would send the request somewhere else or by other means than the
// client's transport, which holds its credentials, retries and deadline.
const perClientOnly = ["baseUrl", "fetch", "Request"];
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What `Headers` and Node's HTTP client accept in a value: no line breaks, no NUL, nothing past Latin-1.
const unsendable = /[^\t\x20-\x7E\x80-\xFF]/;
const tagOf = (value: unknown) => Object.prototype.toString.call(value);
const formType = "application/x-www-form-urlencoded";

function mergeInto(target: Record<string, string>, source: unknown): void {
  if (typeof source !== "object" || source === null) return;
  if (tagOf(source) === "[object Headers]" || Array.isArray(source)) {
    // A `Headers` or `[name, value]` pairs (both HeadersInit): repeated names are joined, as `Headers` joins them.
    const entries: Record<string, string> = {};
    const add = (value: unknown, name: unknown) => {
      const key = String(name).toLowerCase();
      entries[key] = key in entries ? `${entries[key]}, ${String(value)}` : String(value);
    };
    if (Array.isArray(source)) {
      for (const pair of source) {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new InvalidRequestError("invalid_header", "Headers given as an array must be [name, value] pairs.");
        }
        add(pair[1], pair[0]);
      }
    } else (source as Headers).forEach(add);
    mergeInto(target, entries);
    return;
  }
  for (const rawName of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[rawName];
    const name = rawName.toLowerCase();
    if (value === undefined) continue;
    if (value === null) {
      delete target[name];
      continue;
    }
    if (!token.test(name)) {
      throw new InvalidRequestError("invalid_header", `"${rawName}" is not a valid header name.`);
    }
    const text = (Array.isArray(value) ? value.map(String).join(", ") : String(value)).trim();
    if (unsendable.test(text)) {
      throw new InvalidRequestError(
        "invalid_header",
        `Header ${rawName} has a value that cannot be sent (line breaks or control characters).`,
      );
    }
    target[name] = text;
  }
}

function optionalFunction<T>(init: OutgoingInit, name: string): T | undefined {
  const value = init[name];
  if (value === undefined || typeof value === "function") return value as T | undefined;
  throw new InvalidRequestError("invalid_option", `${name} must be a function.`);
}

/** openapi-fetch's default body serialiser, without touching `FormData` (a WHATWG class) to test for one. */
function serialiseBody(body: unknown, headers: Readonly<Record<string, string>>): unknown {
  if (tagOf(body) === "[object FormData]") return body;
  if (headers["content-type"] === formType) return new URLSearchParams(body as Record<string, string>).toString();
  return JSON.stringify(body);
}

/**
 * Builds the request for a call as openapi-fetch would (its URL and query serialisers, its header
 * precedence, its default body serialiser and `Content-Type`), as plain data the transport sends
 * any number of times. Synchronous for the usual string body; a body of another kind (a `FormData`
 * upload, a `Blob`) is encoded to bytes first, taking its `Content-Type` (with the multipart
 * boundary) from the encoding.
 */
export function buildRequest(
  base: OutgoingBase,
  method: string,
  schemaPath: string,
  init: OutgoingInit,
  parts: CallParts,
): PreparedRequest | Promise<PreparedRequest> {
  for (const name of perClientOnly) {
    if (init[name] !== undefined) {
      throw new InvalidRequestError(
        "invalid_option",
        `${name} cannot be set for one call: payspec sends every call through the client's own transport, which holds its credentials, retries and deadline. Create another client instead.`,
      );
    }
  }
  const { querySerializer: queryOption } = init;
  const pathSerializer = optionalFunction<PathSerializer>(init, "pathSerializer") ?? serializePath;
  const bodySerializer = optionalFunction<BodySerializer>(init, "bodySerializer");
  let href = `${base.baseUrl}${schemaPath}`;
  if (parts.path) href = pathSerializer(href, parts.path as Record<string, unknown>);
  const query = init.params?.query ?? {};
  const search = (
    typeof queryOption === "function"
      ? (queryOption as QuerySerializer)(query)
      : serializeQuery(query, queryOption as QuerySerializerOptions | undefined)
  ).replace(/^\?/, "");
  if (search) href += `?${search}`;
  const headers: Record<string, string> = { ...base.headers };
  mergeInto(headers, init.headers);
  mergeInto(headers, init.params?.header);
  if (parts.generatedKey !== undefined) headers[base.idempotencyHeader] = parts.generatedKey;
  const url = new URL(href);
  const { body } = parts;
  if (body === undefined) return { url, method, headers, body: undefined };
  const serialised =
    bodySerializer === undefined ? serialiseBody(body, headers) : bodySerializer(body, new Headers(headers));
  if (serialised === undefined) return { url, method, headers, body: undefined };
  const isForm = tagOf(serialised) === "[object FormData]";
  if (!isForm) headers["content-type"] ??= "application/json";
  if (typeof serialised === "string" || serialised instanceof Uint8Array) {
    return { url, method, headers, body: serialised as string | Uint8Array<ArrayBuffer> };
  }
  // A FormData, Blob, URLSearchParams or buffer: encoded once, so every attempt sends the same bytes.
  const encoded = new Response(serialised as BodyInit);
  return encoded.arrayBuffer().then((buffer) => {
    const type = encoded.headers.get("content-type");
    if (isForm && type !== null) headers["content-type"] = type;
    return { url, method, headers, body: new Uint8Array(buffer) };
  });
}

/** A request as a WHATWG `Request`, for middleware. */
export function toRequest(prepared: PreparedRequest): Request {
  return new Request(prepared.url, {
    method: prepared.method,
    headers: prepared.headers,
    ...(prepared.body === undefined ? {} : { body: prepared.body }),
  });
}

/** The request middleware settled on, ready to send any number of times. */
export async function fromRequest(request: Request): Promise<PreparedRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  return { url: new URL(request.url), method: request.method, headers, body };
}
