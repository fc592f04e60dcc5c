/** A request whose body is buffered, so it can be sent any number of times. */
export interface PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
}

/** Sends one attempt. Must not follow redirects: the retry layer decides what happens next. */
export type Transport = (request: PreparedRequest, signal: AbortSignal) => Promise<Response>;

/** A transport over any `fetch(request)`: the caller's, or the runtime's global one. */
export function fetchTransport(fetchImpl: (request: Request) => Promise<Response>): Transport {
  return (prepared, signal) =>
    fetchImpl(
      new Request(prepared.url, {
        method: prepared.method,
        headers: prepared.headers,
        ...(prepared.body === undefined ? {} : { body: prepared.body }),
        signal,
        redirect: "manual",
      }),
    );
}

const bodylessStatuses = new Set([101, 103, 204, 205, 304]);
// undici is only ever loaded on Node, and only once a request is made.
let undici: Promise<typeof import("undici")> | undefined;
let agent: import("undici").Agent | undefined;

/**
 * Node's fastest well-kept path: undici's `request` over one shared keep-alive `Agent`, behind the
 * same signature as `fetch`. The response body is read in full within the attempt (so the attempt
 * timeout covers it and the socket goes straight back to the pool).
 */
export function nodeTransport(): Transport {
  return async (prepared, signal) => {
    undici ??= import("undici");
    const { Agent, request } = await undici;
    agent ??= new Agent({ keepAliveTimeout: 4_000, connections: 128 });
    const headers: Record<string, string> = {};
    prepared.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = await request(prepared.url, {
      method: prepared.method as import("undici").Dispatcher.HttpMethod,
      headers,
      body: prepared.body ?? null,
      signal,
      dispatcher: agent,
    });
    const responseHeaders: [string, string][] = [];
    for (const [name, value] of Object.entries(response.headers)) {
      if (Array.isArray(value)) for (const item of value) responseHeaders.push([name, item]);
      else if (value !== undefined) responseHeaders.push([name, value]);
    }
    let body: Uint8Array<ArrayBuffer> | null = null;
    if (bodylessStatuses.has(response.statusCode) || prepared.method === "HEAD") await response.body.dump();
    else body = new Uint8Array(await response.body.arrayBuffer());
    return new Response(body, { status: response.statusCode, headers: responseHeaders });
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
  return async (prepared, signal) => {
    let current = prepared;
    for (let hop = 0; ; hop++) {
      const response = await transport(current, signal);
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
