import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Middleware } from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type AttemptEvent,
  ConnectionError,
  NotFoundError,
  RedirectError,
  RequestAbortedError,
  requestMetaOf,
  TimeoutError,
  unwrap,
} from "../src/index.js";
import { call, keyedProvider, type TestPaths, testClient, unkeyedProvider } from "./support/client.js";
import { type Fault, FaultServer } from "./support/fault-server.js";

// One finding of issue 14 per block; each test fails on the code before the fix.
const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function faultServer(...faults: Fault[]): Promise<FaultServer> {
  const server = await FaultServer.start();
  servers.push(server);
  server.queue(...faults);
  return server;
}

describe("a key the provider does not honour never makes a POST replayable", () => {
  // Like VaiiPay and Paymend: no documented idempotency key, so the provider would act twice.
  it.each([
    ["the connection drops after the provider acted", "drop-after" as Fault],
    ["a 500", { status: 500 } as Fault],
    ["a 503", { status: 503, retryAfter: "0" } as Fault],
    ["a timeout", "hang" as Fault],
  ])("is sent once after %s, even with a caller's Idempotency-Key header", async (_case, fault) => {
    const server = await faultServer(fault);
    const client = testClient(server.url, { provider: unkeyedProvider, timeoutMs: 600 });
    const outcome = await client
      .POST("/things", { params: { header: { "Idempotency-Key": "order-1:create" } }, body: { name: "a" } })
      .then(
        (result) => result.response.status,
        (error: unknown) => error,
      );
    // Every request an unkeyed provider receives is a side effect, whatever header it carried.
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.idempotencyKey).toBe("order-1:create");
    if (typeof fault === "object") expect(outcome).toBe(fault.status);
    else expect(outcome).toBeInstanceOf(fault === "hang" ? TimeoutError : ConnectionError);
  });

  it("where the provider honours the key, the caller's own key is replayed and the provider acts once", async () => {
    const server = await faultServer("drop-after");
    const client = testClient(server.url, { provider: keyedProvider });
    const result = await client.POST("/things", {
      params: { header: { "Idempotency-Key": "order-1:create" } },
      body: { name: "a" },
    });
    expect(result.response.status).toBe(200);
    expect(server.received.map((request) => request.idempotencyKey)).toEqual(["order-1:create", "order-1:create"]);
    expect(server.sideEffects).toBe(1);
    expect(requestMetaOf(result)).toMatchObject({ idempotencyKey: "order-1:create", attempts: 2 });
  });
});

describe("a caller's abort reaches the call whatever the middleware does with the Request", () => {
  setFlagsFromString("--expose-gc");
  const collectGarbage = runInNewContext("gc") as () => void;

  it("stops a call whose Request a middleware replaced, after a garbage collection", async () => {
    const server = await faultServer("hang", "hang", "hang");
    const replaceRequest: Middleware = { onRequest: ({ request }) => new Request(request) };
    const client = testClient(server.url, { timeoutMs: 1_000, maxRetries: 3, retryBaseDelayMs: 1 });
    client.use(replaceRequest);
    const controller = new AbortController();
    const started = Date.now();
    const pending = call(client, "GET", { signal: controller.signal }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await expect.poll(() => server.received.length).toBe(1);
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 20));
    collectGarbage();
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(RequestAbortedError);
    // Well before the first attempt's own 1 s timeout, and never retried.
    expect(Date.now() - started).toBeLessThan(900);
    expect(server.received).toHaveLength(1);
  });
});

describe("the deadline and the attempt timeout hold with a fetch that ignores its signal", () => {
  const deaf = () => new Promise<Response>(() => undefined);

  it("ends the call at deadlineMs", async () => {
    const client = testClient("http://127.0.0.1:9", { fetch: deaf, timeoutMs: 5_000, deadlineMs: 300 });
    const started = Date.now();
    const error = await call(client, "GET").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ scope: "deadline" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("ends each attempt at timeoutMs and never resends a POST the provider may have received", async () => {
    let calls = 0;
    const client = testClient("http://127.0.0.1:9", {
      provider: unkeyedProvider,
      fetch: () => {
        calls++;
        return deaf();
      },
      timeoutMs: 200,
    });
    const error = await call(client, "POST").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ scope: "attempt", attempts: 1 });
    expect(calls).toBe(1);
  });
});

describe("withOptions", () => {
  it("keeps middleware added with use(), before and after the view was made", async () => {
    const server = await faultServer();
    const client = testClient(server.url);
    const seen: string[] = [];
    client.use({ onRequest: () => void seen.push("early") });
    const view = client.withOptions({ maxRetries: 0 });
    client.use({ onRequest: () => void seen.push("late") });
    await call(client, "GET");
    await call(view, "GET");
    expect(seen).toEqual(["early", "late", "early", "late"]);
  });
});

describe("call metadata survives middleware that replaces the Request and the Response", () => {
  const replaceBoth: Middleware = {
    onRequest: ({ request }) => new Request(request, { headers: new Headers(request.headers) }),
    onResponse: async ({ response }) =>
      new Response(await response.text(), { status: response.status, headers: response.headers }),
  };

  it("keeps the provider, method, path and error code in the typed error", async () => {
    const server = await faultServer({ status: 404 });
    const client = testClient(server.url);
    client.use(replaceBoth);
    const error = await unwrap(call(client, "POST")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("example answered HTTP 404 to POST /things — E404: injected fault");
    expect(error).toMatchObject({ idempotencyKey: server.received[0]?.idempotencyKey, attempts: 1 });
  });

  it("keeps the operationId for events and meta", async () => {
    const server = await faultServer();
    const events: AttemptEvent[] = [];
    const client = testClient(server.url, { onAttempt: (event) => events.push(event) });
    client.use(replaceBoth);
    const result = await call(client, "POST");
    expect(events.map((event) => event.operationId)).toEqual(["createThing"]);
    expect(requestMetaOf(result)).toMatchObject({ operationId: "createThing", method: "POST", path: "/things" });
  });
});

describe("a request that never left is reported as unsent", () => {
  it("says so for a refused connection (Node transport)", async () => {
    const client = testClient("http://127.0.0.1:9", { provider: unkeyedProvider, maxRetries: 0 });
    const error = await call(client, "POST").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ sent: false, message: expect.stringContaining("was not sent") });
  });

  it("the CommonJS build loads its transport without a dynamic import(), which jest refuses", () => {
    const cjs = readFileSync(new URL("../dist/index.cjs", import.meta.url), "utf8");
    expect(cjs).not.toMatch(/\bimport\(/);
    expect(cjs).toContain('require("node:http")');
  });
});

describe("redirects never turn a POST into a GET", () => {
  it.each([301, 302, 303])("returns a %s to a POST as a RedirectError, sending nothing more", async (status) => {
    const server = await faultServer({ status, location: "/elsewhere" });
    const client = testClient(server.url);
    const result = await call(client, "POST");
    expect(result.response.status).toBe(status);
    expect(server.received.map((request) => request.method)).toEqual(["POST"]);
    const error = await unwrap(result).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status, location: "/elsewhere" });
    expect((error as Error).message).toContain("not followed");
  });

  it.each([307, 308])("follows a %s with the same method, body and key", async (status) => {
    const server = await faultServer({ status, location: "/moved" });
    const client = testClient(server.url);
    const result = await call(client, "POST");
    expect(result.response.status).toBe(200);
    const [first, second] = server.received;
    expect([first?.method, second?.method, second?.path]).toEqual(["POST", "POST", "/moved"]);
    expect(second?.body).toBe(first?.body);
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
  });

  it("follows a 302 for a GET", async () => {
    const server = await faultServer({ status: 302, location: "/moved" });
    const result = await call(testClient(server.url), "GET");
    expect(result.response.status).toBe(200);
    expect(server.received.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /things",
      "GET /moved",
    ]);
  });
});

describe("the request openapi-fetch builds reaches the wire unchanged, with or without middleware", () => {
  it.each([
    ["without middleware", false],
    ["with middleware", true],
  ])("sends a JSON body and a form body byte for byte %s", async (_case, withMiddleware) => {
    const server = await faultServer();
    const client = testClient(server.url);
    if (withMiddleware) client.use({ onRequest: () => undefined });
    await client.POST("/things", { body: { name: "café ✓" } });
    await client.POST("/things", {
      body: { name: "a b" },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const [json, form] = server.received;
    expect(json?.body).toBe('{"name":"café ✓"}');
    expect(json?.headers["content-type"]).toBe("application/json");
    expect(json?.headers["content-length"]).toBe(String(Buffer.byteLength('{"name":"café ✓"}')));
    expect(form?.body).toBe("name=a+b");
    expect(form?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });
});

describe("a transport that cannot load", () => {
  it("is reported as a request that was not sent, so even an unkeyed POST may be retried", async () => {
    vi.resetModules();
    vi.doMock("../src/node-transport.js", () => {
      throw new Error("a dynamic import refused, as jest does without --experimental-vm-modules");
    });
    try {
      const core = await import("../src/index.js");
      const client = core.createApiClient<TestPaths, "test">(unkeyedProvider, {
        credential: "sk_test_x",
        baseUrl: "http://127.0.0.1:9",
        maxRetries: 1,
        retryBaseDelayMs: 1,
      });
      const error = await client.POST("/things", { body: { name: "a" } }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(core.ConnectionError);
      expect(error).toMatchObject({ sent: false, attempts: 2 });
      expect((error as Error).message).toContain("was not sent");
    } finally {
      vi.doUnmock("../src/node-transport.js");
      vi.resetModules();
    }
  });
});

describe("a body on any method arrives framed", () => {
  it.each(["DELETE", "POST", "PUT", "PATCH"] as const)("%s sends Content-Length and the whole body", async (method) => {
    const server = await faultServer();
    const client = testClient(server.url);
    const result = await client.request(method.toLowerCase() as "post", "/things", { body: { name: "café" } });
    expect(result.response.status).toBe(200);
    const [received] = server.received;
    expect(received?.body).toBe('{"name":"café"}');
    expect(received?.headers["content-length"]).toBe(String(Buffer.byteLength('{"name":"café"}')));
  });
});

describe("a multipart form body", () => {
  it.each([
    ["without middleware", false],
    ["with middleware", true],
  ])("arrives with its boundary %s", async (_case, withMiddleware) => {
    const server = await faultServer();
    const client = testClient(server.url);
    if (withMiddleware) client.use({ onRequest: () => undefined });
    const form = new FormData();
    form.append("dispute_id", "dp_1");
    form.append("file", new Blob(["%PDF-1.4"], { type: "application/pdf" }), "receipt.pdf");
    await client.POST("/things", { body: form as never, bodySerializer: (body: unknown) => body });
    const [received] = server.received;
    const contentType = String(received?.headers["content-type"]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const boundary = contentType.split("boundary=")[1] ?? "";
    expect(received?.body).toContain(`--${boundary}`);
    expect(received?.body).toContain('name="dispute_id"');
    expect(received?.body).toContain("%PDF-1.4");
  });
});
