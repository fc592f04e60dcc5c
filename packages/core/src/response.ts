import type { WireResponse } from "./transport.js";

/** Gives a constructed `Response` the URL it answered, as `fetch`'s own responses carry, clones included. */
export function withUrl(response: Response, url: string): Response {
  const clone = response.clone.bind(response);
  return Object.defineProperties(response, {
    url: { value: url, enumerable: true },
    clone: { value: () => withUrl(clone(), url) },
  });
}

/**
 * The WHATWG `Response` for a wire response: what middleware and `result.response` see. Made only
 * when one of them asks (see result.ts): on Node 20 the first one loads the fetch classes.
 */
export function toResponse(wire: WireResponse): Response {
  const headers: [string, string][] = [];
  for (let index = 0; index < wire.headers.length; index += 2) {
    headers.push([wire.headers[index] as string, wire.headers[index + 1] as string]);
  }
  return withUrl(
    new Response(wire.body ?? null, { status: wire.status, statusText: wire.statusText, headers }),
    wire.url,
  );
}
