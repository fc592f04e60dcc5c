import type { AttemptSignal } from "./timeouts.js";

/** A request ready to send any number of times: URL parsed, headers flattened, body serialised. */
export interface PreparedRequest {
  readonly url: URL;
  readonly method: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** A string for JSON and form bodies; the transport sets `Content-Length`. */
  readonly body: string | Uint8Array<ArrayBuffer> | undefined;
}

/**
 * A response as it came off the wire, body read in full. Plain data rather than a WHATWG
 * `Response`: on Node, the classes behind `Response` and `Headers` cost memory to load and time to
 * build, so one is made only when something asks for it (see response.ts).
 */
export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  /** Name, value, name, value…, as received (`rawHeaders` order and case). */
  readonly headers: readonly string[];
  /** `undefined` when the response has no body (HEAD, 204, 304…). */
  readonly body: Uint8Array<ArrayBuffer> | undefined;
  readonly url: string;
}

/** A header of `response`, matched case-insensitively; repeated headers joined by `, `, as `Headers.get` does. */
export function headerOf(response: WireResponse, name: string): string | null {
  const wanted = name.toLowerCase();
  const { headers } = response;
  let value: string | null = null;
  for (let index = 0; index < headers.length; index += 2) {
    if ((headers[index] as string).toLowerCase() === wanted) {
      const item = headers[index + 1] as string;
      value = value === null ? item : `${value}, ${item}`;
    }
  }
  return value;
}

/**
 * Sends one attempt, cancelled when `attempt` aborts, and resolves once the whole response body
 * has arrived. Must not follow redirects: {@link followRedirects} decides which to follow.
 */
export type Transport = (request: PreparedRequest, attempt: AttemptSignal) => Promise<WireResponse>;

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
    const headers: string[] = [];
    response.headers.forEach((value, name) => {
      headers.push(name, value);
    });
    const body =
      isBodyless(prepared.method, response.status) || response.body === null
        ? undefined
        : new Uint8Array(await response.arrayBuffer());
    return { status: response.status, statusText: response.statusText, headers, body, url: response.url || url };
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
      const location = headerOf(response, "location");
      const safeMethod = current.method === "GET" || current.method === "HEAD";
      if (location === null || (!safeMethod && !methodPreservingRedirects.has(response.status))) return response;
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
