import type { AttemptSignal } from "./timeouts.js";

/** A request whose body is buffered, so it can be sent any number of times. */
export interface PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
}

/**
 * Sends one attempt, cancelled when `attempt` aborts. Must not follow redirects: the retry layer
 * decides what happens next.
 */
export type Transport = (request: PreparedRequest, attempt: AttemptSignal) => Promise<Response>;

const bodylessStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * A transport over any `fetch(request)`: the caller's, or the runtime's global one. The body is
 * read within the attempt, so the attempt's timeout and the caller's abort cover the last byte (a
 * server that sends headers and then stalls cannot hang the call), as on the Node transport.
 */
export function fetchTransport(fetchImpl: (request: Request) => Promise<Response>): Transport {
  return async (prepared, attempt) => {
    const response = await fetchImpl(
      new Request(prepared.url, {
        method: prepared.method,
        headers: prepared.headers,
        ...(prepared.body === undefined ? {} : { body: prepared.body }),
        signal: attempt.signal,
        redirect: "manual",
      }),
    );
    if (bodylessStatuses.has(response.status) || prepared.method === "HEAD" || response.body === null) {
      return response;
    }
    const body = await response.arrayBuffer();
    const { status, statusText, headers, url } = response;
    return withUrl(new Response(body, { status, statusText, headers }), url);
  };
}

/** Gives a constructed `Response` the URL it answered, as `fetch`'s own responses carry. */
export function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, "url", { value: url, enumerable: true });
  return response;
}

// Node's transport lives in its own module, imported on the first request made on Node.
let undiciTransportLoading: Promise<Transport> | undefined;

/**
 * Node's fastest well-kept path (see node-transport.ts): undici's dispatcher over one shared
 * keep-alive `Agent`, with the response body read in full within the attempt.
 */
export function nodeTransport(): Transport {
  let send: Transport | undefined;
  return async (prepared, attempt) => {
    if (send === undefined) {
      undiciTransportLoading ??= import("./node-transport.js").then((module) => module.undiciTransport());
      send = await undiciTransportLoading;
    }
    return send(prepared, attempt);
  };
}

/** True on Node.js (not Bun or Deno, whose own `fetch` is already fast). */
export function isNode(): boolean {
  const runtime = globalThis as { process?: { versions?: { node?: string; bun?: string } }; Deno?: unknown };
  return (
    runtime.process?.versions?.node !== undefined &&
    runtime.process.versions.bun === undefined &&
    runtime.Deno === undefined
  );
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;

/**
 * Follows redirects itself so credentials never leave the origin they were meant for: on a
 * redirect to another origin, the credential headers are dropped before the next hop.
 */
export function followRedirects(transport: Transport, credentialHeaders: readonly string[]): Transport {
  return async (prepared, attempt) => {
    let current = prepared;
    for (let hop = 0; ; hop++) {
      const response = await transport(current, attempt);
      const location = response.headers.get("location");
      if (!redirectStatuses.has(response.status) || location === null || hop === maxRedirects) return response;
      await response.body?.cancel();
      const target = new URL(location, current.url);
      const headers = new Headers(current.headers);
      if (target.origin !== new URL(current.url).origin) {
        for (const name of credentialHeaders) headers.delete(name);
      }
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
      const becomesGet =
        response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === "POST");
      if (becomesGet) {
        headers.delete("content-type");
        headers.delete("content-length");
      }
      current = {
        url: target.href,
        method: becomesGet ? "GET" : current.method,
        headers,
        body: becomesGet ? undefined : current.body,
      };
    }
  };
}
