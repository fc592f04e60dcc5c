import { BufferedResponse } from "./buffered-response.js";
import type { AttemptSignal } from "./timeouts.js";

/** A request ready to send any number of times: URL parsed, headers flattened, body buffered. */
export interface PreparedRequest {
  readonly url: URL;
  readonly method: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** A string when openapi-fetch serialised it (JSON); the transport sets `Content-Length`. */
  readonly body: string | Uint8Array<ArrayBuffer> | undefined;
}

/**
 * Sends one attempt, cancelled when `attempt` aborts, and resolves once the whole response body
 * has arrived. Must not follow redirects: {@link followRedirects} decides which to follow.
 */
export type Transport = (request: PreparedRequest, attempt: AttemptSignal) => Promise<Response>;

/** A `fetch`-compatible function, as `fetch(url, init)` is called. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A transport's way of saying the request provably never left this machine (the transport could
 * not load, the connection was never established), so sending it again cannot repeat a side effect.
 */
export class UnsentRequestError extends Error {
  override readonly name = "UnsentRequestError";
}

const bodylessStatuses = new Set([101, 103, 204, 205, 304]);

/** True when a response to `method` with `status` carries no body. */
export function isBodyless(method: string, status: number): boolean {
  return method === "HEAD" || bodylessStatuses.has(status);
}

/**
 * A transport over any `fetch(url, init)`: the caller's, or the runtime's global one. The body is
 * read within the attempt, so the attempt's timeout and the caller's abort cover the last byte (a
 * server that sends headers and then stalls cannot hang the call), as on the Node transport.
 */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return async (prepared, attempt) => {
    const url = prepared.url.href;
    const response = await fetchImpl(url, {
      method: prepared.method,
      headers: prepared.headers,
      ...(prepared.body === undefined ? {} : { body: prepared.body }),
      signal: attempt.signal,
      redirect: "manual",
    });
    if (isBodyless(prepared.method, response.status) || response.body === null) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { status, statusText, headers } = response;
    return new BufferedResponse(bytes, { status, statusText, headers }, response.url || url);
  };
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Redirects that keep the method and body, the only ones followed for a method other than GET or HEAD. */
const methodPreservingRedirects = new Set([307, 308]);
const maxRedirects = 5;

/**
 * Follows redirects itself, by two rules. Credentials never leave the origin they were meant for:
 * on a redirect to another origin the credential headers are dropped. And a request that may
 * change something is never turned into a GET: for methods other than GET and HEAD only 307 and
 * 308 (which keep the method and body) are followed; a 301, 302 or 303 is returned as it is, and
 * `unwrap` turns it into a `RedirectError`. Browsers follow those as a GET, which would report the
 * GET's 200 as the POST's result although nothing was created.
 */
export function followRedirects(transport: Transport, credentialHeaders: readonly string[]): Transport {
  const dropped = credentialHeaders.map((name) => name.toLowerCase());
  return async (prepared, attempt) => {
    let current = prepared;
    for (let hop = 0; ; hop++) {
      const response = await transport(current, attempt);
      if (!redirectStatuses.has(response.status) || hop === maxRedirects) return response;
      const location = response.headers.get("location");
      const safeMethod = current.method === "GET" || current.method === "HEAD";
      if (location === null || (!safeMethod && !methodPreservingRedirects.has(response.status))) return response;
      await response.body?.cancel();
      const target = new URL(location, current.url);
      let headers = current.headers;
      if (target.origin !== current.url.origin) {
        headers = { ...headers };
        for (const name of dropped) delete (headers as Record<string, string>)[name];
      }
      current = { url: target, method: current.method, headers, body: current.body };
    }
  };
}
