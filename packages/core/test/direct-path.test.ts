import { spawnSync } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestMetaOf } from "../src/index.js";
import { secret, testClient } from "./support/client.js";

// Without middleware a call is built and read directly (outgoing.ts, result.ts); with middleware it
// goes through WHATWG Request and Response objects (middleware.ts). Both must put the same bytes on
// the wire and hand back the same result as openapi-fetch's own client does.
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
    const route = new URL(request.url ?? "/", "http://x").pathname;
    if (route === "/empty") response.writeHead(204).end();
    else if (route === "/zero") response.writeHead(200, { "content-length": "0" }).end();
    else if (route === "/text-error") response.writeHead(400, { "content-type": "text/plain" }).end("nope");
    else if (route === "/json-error") {
      response.writeHead(422, { "content-type": "application/json", "x-request-id": "req_9" });
      response.end('{"error":{"code":"E422"}}');
    } else if (route === "/bom") {
      response.writeHead(200, { "content-type": "application/json" }).end('\uFEFF{"ok":true}');
    } else {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ echo: body, query: request.url }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Call = (client: {
  request: (method: string, path: string, init?: object) => Promise<unknown>;
}) => Promise<unknown>;
const cases: [string, Call][] = [
  [
    "GET with a query of numbers, arrays and objects",
    (client) =>
      client.request("get", "/things", {
        params: { query: { limit: 10, ids: ["a", "b"], filter: { status: "x y" } } },
      }),
  ],
  [
    "POST with a JSON body, array and unset headers, and a caller's key",
    (client) =>
      client.request("post", "/things", {
        body: { name: "café ✓", nested: { n: 1 } },
        headers: { "X-Extra": ["a", "b"], "User-Agent": null },
        params: { header: { "Idempotency-Key": "k-1", "X-Empty": undefined } },
      }),
  ],
  [
    "POST with a form body",
    (client) =>
      client.request("post", "/things", {
        body: { name: "a b", n: "1" },
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        params: { header: { "Idempotency-Key": "k-2" } },
      }),
  ],
  [
    "POST with a multipart form from a bodySerializer",
    (client) =>
      client.request("post", "/things", {
        body: { name: "a b" },
        bodySerializer: (body: { name: string }) => {
          const form = new FormData();
          form.append("name", body.name);
          form.append("file", new Blob(["id,reason\n1,x\n"], { type: "text/csv" }), "list.csv");
          return form;
        },
        params: { header: { "Idempotency-Key": "k-3" } },
      }),
  ],
  [
    "POST with a string from a bodySerializer",
    (client) =>
      client.request("post", "/things", {
        body: { name: "a" },
        bodySerializer: () => "name=a",
        params: { header: { "Idempotency-Key": "k-4" } },
      }),
  ],
  ["GET read as text", (client) => client.request("get", "/things", { parseAs: "text" })],
  [
    "GET with a custom query serialiser",
    (client) =>
      client.request("get", "/things", {
        params: { query: { ids: ["a", "b"] } },
        querySerializer: { array: { style: "pipeDelimited", explode: false } },
      }),
  ],
  [
    "GET with path parameters to encode",
    (client) => client.request("get", "/things/{id}/items/{item}", { params: { path: { id: "a b/c", item: 7 } } }),
  ],
  ["a 204", (client) => client.request("delete", "/empty")],
  ["a 200 with Content-Length: 0", (client) => client.request("get", "/zero")],
  ["a text error", (client) => client.request("get", "/text-error")],
  ["a JSON error", (client) => client.request("get", "/json-error")],
  ["a JSON body with a BOM", (client) => client.request("get", "/bom")],
];

describe("the direct path, the middleware path and openapi-fetch's own client agree", () => {
  it.each(cases)("%s", async (_case, call) => {
    const direct = testClient(base);
    const withMiddleware = testClient(base);
    withMiddleware.use({ onRequest: () => undefined });
    const reference = createClient({
      baseUrl: base,
      headers: { "User-Agent": "payspec/example/1.2.3", "api-key": secret },
    });
    const outcomes = [];
    for (const client of [direct, withMiddleware, reference]) {
      seen.length = 0;
      const result = (await call(client as never)) as { data?: unknown; error?: unknown; response: Response };
      const request = seen[0] as Seen;
      // Multipart boundaries are random: compare the body with the boundary taken out.
      const boundary = /boundary=(\S+)/.exec(String(request.headers["content-type"]))?.[1];
      const unbounded = (text: string | undefined) =>
        boundary === undefined ? text : text?.replaceAll(boundary, "BOUNDARY");
      outcomes.push({
        wire: {
          method: request.method,
          url: request.url,
          body: unbounded(request.body),
          contentType: unbounded(request.headers["content-type"]),
          contentLength: boundary === undefined ? request.headers["content-length"] : "multipart",
          extra: request.headers["x-extra"],
          idempotencyKey: request.method === "POST" ? String(request.headers["idempotency-key"]).startsWith("k-") : "",
          apiKey: request.headers["api-key"],
        },
        result: {
          keys: Object.keys(result)
            .filter((key) => key !== "meta")
            .sort(),
          data: result.data === undefined ? undefined : JSON.parse(unbounded(JSON.stringify(result.data)) as string),
          error: result.error,
          status: result.response.status,
          contentType: result.response.headers.get("content-type"),
        },
      });
      if (client !== reference) expect(requestMetaOf(result)?.path).toBe(new URL(request.url, base).pathname);
    }
    expect(outcomes[0]).toEqual(outcomes[2]);
    expect(outcomes[1]).toEqual(outcomes[2]);
  });
});

// Node 20 loads `Headers`, `Request`, `Response` and `FormData` on first use (about 10 MB); newer
// Node versions have them from the start, so there is nothing to save or check there.
const classesLoadLazily = (() => {
  const probe = spawnSync(
    process.execPath,
    ["-e", 'process.stdout.write(typeof Object.getOwnPropertyDescriptor(globalThis, "Response")?.get)'],
    { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } },
  );
  return probe.stdout === "function";
})();

describe("the direct path", () => {
  it.skipIf(!classesLoadLazily)("never loads the WHATWG fetch classes: a call costs no memory for them", () => {
    // In a fresh process, since this test runner has loaded them already.
    // Each lazy global records who first reads it, so a failure names the code that did.
    const script = `
      const touched = [];
      for (const name of ["Headers", "Request", "Response", "FormData", "fetch"]) {
        const lazy = Object.getOwnPropertyDescriptor(globalThis, name);
        if (name === "fetch") {
          const fetch = globalThis.fetch;
          globalThis.fetch = (...args) => (touched.push("fetch called"), fetch(...args));
          continue;
        }
        if (typeof lazy?.get !== "function") { touched.push(name + " was loaded before the test began (NODE_OPTIONS: " + process.env.NODE_OPTIONS + ", execArgv: " + process.execArgv.join(" ") + ")"); continue; }
        Object.defineProperty(globalThis, name, {
          configurable: true,
          enumerable: lazy.enumerable,
          get() {
            touched.push(name + " read at " + new Error().stack.split("\\n").slice(2, 7).join(" <- "));
            Object.defineProperty(globalThis, name, lazy);
            return lazy.get.call(globalThis);
          },
          set: lazy.set,
        });
      }
      const { createServer } = await import("node:http");
      const { createApiClient } = await import(${JSON.stringify(fileURLToPath(new URL("../dist/index.js", import.meta.url)))});
      const server = createServer((q, s) =>
        q.url === "/missing"
          ? s.writeHead(404, { "content-type": "application/json" }).end('{"error":"none"}')
          : s.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'),
      );
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      const client = createApiClient(
        { provider: "t", packageName: "t", packageVersion: "1", environments: {}, auth: { type: "bearer" }, credentialOption: "token", parseErrorBody: () => ({}),
          resources: { things: { create: "POST /things createThing body", missing: "GET /missing retrieveMissing none" } } },
        { credential: "tok", baseUrl: "http://127.0.0.1:" + server.address().port },
      );
      const created = await client.things.create({ a: 1 });
      const result = await client.POST("/things", { body: { a: 1 } });
      console.log(JSON.stringify({ created, data: result.data, touched: touched.splice(0) }));
      const status = result.response.status;
      console.log(JSON.stringify({ status, touched: touched.map((line) => line.split(" ")[0]) }));
      server.close();
    `;
    // A clean environment: a runner's NODE_OPTIONS (a preloaded module) may load the classes first.
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(run.stderr).toBe("");
    const [first, second] = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    // A resource method resolves to its data without making a Response either.
    expect(first).toEqual({ created: { ok: true }, data: { ok: true }, touched: [] });
    // Reading `response` makes the Response then, and only then.
    expect(second).toEqual({ status: 200, touched: ["Response"] });
  });
});

describe("a success whose body is not JSON", () => {
  it("rejects with a typed InvalidResponseError carrying the key the request was sent with, and is not resent", async () => {
    const { InvalidResponseError } = await import("../src/index.js");
    let deliveries = 0;
    const keys: string[] = [];
    const broken = createServer((request, response) => {
      deliveries++;
      keys.push(String(request.headers["idempotency-key"]));
      request.resume();
      response.writeHead(200, { "content-type": "application/json", "x-request-id": "req_broken" }).end("{not json");
    });
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
      const direct = testClient(url);
      const withMiddleware = testClient(url);
      withMiddleware.use({ onRequest: () => undefined });
      for (const client of [direct, withMiddleware]) {
        const failure = await client
          .request("post", "/things", { body: { name: "a" } })
          .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(InvalidResponseError);
        expect(failure).toMatchObject({
          status: 200,
          requestId: "req_broken",
          attempts: 1,
          method: "POST",
          path: "/things",
          idempotencyKey: keys.at(-1),
        });
        expect((failure as Error).cause).toBeInstanceOf(SyntaxError);
        expect((failure as Error).message).not.toContain(secret);
      }
      expect(deliveries).toBe(2);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
  });
});
