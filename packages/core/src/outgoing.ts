import * as openapiFetch from "openapi-fetch";
import { InvalidRequestError } from "./errors.js";
import { PlainRequest } from "./plain-request.js";
import type { PreparedRequest } from "./transport.js";

// openapi-fetch's own URL builders, so both ways of building a request serialise paths and
// queries identically (their CommonJS build nests the named exports once more, as in client.ts).
const { createFinalURL, createQuerySerializer, defaultPathSerializer } = (
  typeof openapiFetch.createFinalURL === "function" ? openapiFetch : (openapiFetch as { default: unknown }).default
) as typeof openapiFetch;

/** The options of one call, as payspec reads them. */
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
  readonly parseAs?: unknown;
  readonly [option: string]: unknown;
}

/** What the client settled for a call before building it: defaults filled, key chosen. */
export interface CallParts {
  readonly path: unknown;
  readonly body: unknown;
  /** A key payspec generated, sent in the idempotency header (lower-case name in `base`). */
  readonly generatedKey: string | undefined;
}

// Options the direct path handles itself; any other (a custom bodySerializer, `parseAs: "blob"`,
// `baseUrl`, a per-call `fetch`…) goes through openapi-fetch's own request building.
const directOptions = new Set(["params", "body", "headers", "querySerializer", "parseAs", "signal"]);
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What `Headers` and Node's HTTP client accept in a value: no line breaks, no NUL, nothing past Latin-1.
const unsendable = /[^\t\x20-\x7E\x80-\xFF]/;
const tagOf = (value: unknown) => Object.prototype.toString.call(value);

/** A client's fixed part of every request. */
export interface OutgoingBase {
  /** Without a trailing slash. */
  readonly baseUrl: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The idempotency header's name, lower case. */
  readonly idempotencyHeader: string;
}

const defaultQuerySerializer = createQuerySerializer();

function mergeInto(target: Record<string, string>, source: unknown): void {
  if (typeof source !== "object" || source === null) return;
  if (tagOf(source) === "[object Headers]") {
    const entries: Record<string, string> = {};
    (source as Headers).forEach((value, name) => {
      entries[name] = value;
    });
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

/**
 * Builds the request for a call directly, exactly as openapi-fetch would (its URL and query
 * serialisers, its header precedence, its JSON and form-urlencoded bodies), without the WHATWG
 * `Request` and `Headers` it would make: used when no middleware needs those objects. `undefined`
 * when the call uses an option only openapi-fetch's own path handles.
 */
export function buildRequest(
  base: OutgoingBase,
  method: string,
  schemaPath: string,
  init: OutgoingInit,
  parts: CallParts,
): PreparedRequest | undefined {
  for (const option in init) if (!directOptions.has(option)) return undefined;
  if (init.parseAs !== undefined && init.parseAs !== "json") return undefined;
  const { body } = parts;
  if (tagOf(body) === "[object FormData]") return undefined;
  const params = { query: init.params?.query, path: parts.path };
  const querySerializer =
    typeof init.querySerializer === "function"
      ? (init.querySerializer as (query: unknown) => string)
      : init.querySerializer === undefined
        ? defaultQuerySerializer
        : createQuerySerializer(init.querySerializer as Parameters<typeof createQuerySerializer>[0]);
  const href = createFinalURL(schemaPath, {
    baseUrl: base.baseUrl,
    params: params as Parameters<typeof createFinalURL>[1]["params"],
    querySerializer,
    pathSerializer: defaultPathSerializer,
  });
  const headers: Record<string, string> = { ...base.headers };
  mergeInto(headers, init.headers);
  mergeInto(headers, init.params?.header);
  if (parts.generatedKey !== undefined) headers[base.idempotencyHeader] = parts.generatedKey;
  let serialised: string | undefined;
  if (body !== undefined) {
    serialised =
      headers["content-type"] === "application/x-www-form-urlencoded"
        ? new URLSearchParams(body as Record<string, string>).toString()
        : JSON.stringify(body);
    if (serialised !== undefined) headers["content-type"] ??= "application/json";
  }
  return { url: new URL(href), method, headers, body: serialised };
}

/** The request openapi-fetch built (after every middleware), ready to send any number of times. */
export function fromRequest(request: Request | PlainRequest): PreparedRequest | Promise<PreparedRequest> {
  const body =
    request instanceof PlainRequest
      ? request.serialisedBody()
      : request.body === null
        ? undefined
        : request.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  const prepare = (serialised: string | Uint8Array<ArrayBuffer> | undefined): PreparedRequest => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { url: new URL(request.url), method: request.method, headers, body: serialised };
  };
  // Synchronous for the usual JSON body, which saves a turn of the event loop per call.
  return body instanceof Promise ? body.then(prepare) : prepare(body);
}
