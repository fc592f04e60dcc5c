import type { Middleware } from "openapi-fetch";

/**
 * Records each request as it leaves a client, after every middleware ran: use `middleware` (last,
 * with `client.use`) to keep the client on its default transport, or pass `fetch` as the client's
 * `fetch` option to send through the runtime's `fetch` instead.
 */
export function recordingFetch() {
  const requests: Request[] = [];
  const bodies: (string | undefined)[] = [];
  const record = async (request: Request) => {
    requests.push(request);
    bodies.push(request.body === null ? undefined : await request.clone().text());
  };
  const middleware: Middleware = {
    async onRequest({ request }) {
      await record(request);
      return undefined;
    },
  };
  return {
    requests,
    bodies,
    middleware,
    async fetch(url: string, init: RequestInit): Promise<Response> {
      const request = new Request(url, init);
      await record(request);
      return fetch(url, init);
    },
  };
}
