/** What to do to the first request a fault matches. */
export type Fault = "503" | "connection-refused";

/**
 * Wraps a `fetch` so the first request matching `when` fails once — a 503, or a connection
 * refused before anything was sent — and every later request goes through. The main job uses it
 * to show the runtime retrying safely: with the same idempotency key where the provider has one,
 * and only a provably unsent request where it has none.
 */
export function failOnce(
  fetchImpl: (url: string, init: RequestInit) => Promise<Response>,
  when: (method: string, url: string) => boolean,
  fault: Fault,
): (url: string, init: RequestInit) => Promise<Response> {
  let pending = true;
  return async (url, init) => {
    if (pending && when(init.method ?? "GET", url)) {
      pending = false;
      if (fault === "503") {
        return Response.json({ error: "injected by the main job" }, { status: 503, headers: { "retry-after": "0" } });
      }
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED (injected)"), { code: "ECONNREFUSED" }),
      });
    }
    return fetchImpl(url, init);
  };
}

export const matches =
  (method: string, pathSuffix: string) =>
  (requestMethod: string, url: string): boolean =>
    requestMethod === method && new URL(url).pathname.endsWith(pathSuffix);
