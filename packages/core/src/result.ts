import { toResponse } from "./response.js";
import { headerOf, type WireResponse } from "./transport.js";

const decoder = new TextDecoder();

/** A success body that is not JSON; the client turns it into an `InvalidResponseError` with the call's details. */
export class UnreadableBodyError extends Error {
  constructor(
    readonly status: number,
    cause: unknown,
  ) {
    super("The success body is not valid JSON", { cause });
  }
}

function parseData(text: string, contentLength: string | null, status: number): unknown {
  if (text === "" && !contentLength) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new UnreadableBodyError(status, cause);
  }
}

/** openapi-fetch's `{ data, error, response }`. */
export interface CallResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/** How a successful body is read, as openapi-fetch's `parseAs` says. */
export type ParseAs = "json" | "text" | "blob" | "arrayBuffer" | "stream";
const parseModes: readonly unknown[] = ["json", "text", "blob", "arrayBuffer", "stream"];

/** True for a valid `parseAs` option (`undefined` means `"json"`). */
export function isParseAs(value: unknown): value is ParseAs | undefined {
  return value === undefined || parseModes.includes(value);
}

const bodiless = (status: number, method: string, contentLength: string | null, transferEncoding: string | null) =>
  status === 204 || method === "HEAD" || (contentLength === "0" && !transferEncoding?.includes("chunked"));

function parseError(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the error is the text, as openapi-fetch gives it.
    return text;
  }
}

/**
 * The result openapi-fetch would return for `wire` when its body is read as JSON (same rules: no
 * data for 204, HEAD or an empty body; JSON data on success; the error body parsed as JSON when it
 * is JSON, else its text), with `response` made only when read.
 */
export function resultFromWire(wire: WireResponse, method: string): CallResult {
  const ok = wire.status >= 200 && wire.status < 300;
  const contentLength = headerOf(wire, "content-length");
  let result: { data?: unknown; error?: unknown };
  if (bodiless(wire.status, method, contentLength, headerOf(wire, "transfer-encoding"))) {
    result = ok ? { data: undefined } : { error: undefined };
  } else {
    const text = wire.body === undefined ? "" : decoder.decode(wire.body);
    if (ok) result = { data: parseData(text, contentLength, wire.status) };
    else result = { error: parseError(text) };
  }
  let response: Response | undefined;
  Object.defineProperty(result, "response", {
    get: () => {
      response ??= toResponse(wire);
      return response;
    },
    enumerable: true,
  });
  return result as CallResult;
}

/** The result openapi-fetch would return for a `Response` (after middleware), read as `parseAs` says. */
export async function resultFromResponse(response: Response, method: string, parseAs: ParseAs = "json") {
  const contentLength = response.headers.get("content-length");
  if (bodiless(response.status, method, contentLength, response.headers.get("transfer-encoding"))) {
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  }
  if (!response.ok) return { error: parseError(await response.text()), response };
  if (parseAs === "stream") return { data: response.body, response };
  if (parseAs === "json") {
    return { data: parseData(await response.text(), contentLength, response.status), response };
  }
  return { data: await response[parseAs](), response };
}
