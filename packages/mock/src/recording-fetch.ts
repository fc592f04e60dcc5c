/** A `fetch` that records each request as it left the client, after every middleware ran. */
export function recordingFetch() {
  const requests: Request[] = [];
  const bodies: (string | undefined)[] = [];
  return {
    requests,
    bodies,
    async fetch(request: Request): Promise<Response> {
      requests.push(request);
      bodies.push(request.body === null ? undefined : await request.clone().text());
      return fetch(request);
    },
  };
}
