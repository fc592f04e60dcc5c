import { toResponse } from "./response.js";
import { headerOf, type WireResponse } from "./transport.js";

const decoder = new TextDecoder();

/** openapi-fetch's `{ data, error, response }`. */
export interface CallResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The result openapi-fetch would return for `wire` (same rules: no data for 204, HEAD or an empty
 * body; JSON data on success; the error body parsed as JSON when it is JSON, else its text), with
 * `response` made only when read.
 */
export function resultFromWire(wire: WireResponse, method: string): CallResult {
  const ok = wire.status >= 200 && wire.status < 300;
  const contentLength = headerOf(wire, "content-length");
  let result: { data?: unknown; error?: unknown };
  if (
    wire.status === 204 ||
    method === "HEAD" ||
    (contentLength === "0" && !headerOf(wire, "transfer-encoding")?.includes("chunked"))
  ) {
    result = ok ? { data: undefined } : { error: undefined };
  } else {
    const text = wire.body === undefined ? "" : decoder.decode(wire.body);
    if (ok) {
      result = { data: text === "" && !contentLength ? undefined : JSON.parse(text) };
    } else {
      let error: unknown = text;
      try {
        error = JSON.parse(text);
      } catch {
        // Not JSON: the error is the text, as openapi-fetch gives it.
      }
      result = { error };
    }
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
