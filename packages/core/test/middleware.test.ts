import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, ConnectionError, InvalidRequestError } from "../src/index.js";
import { testClient } from "./support/client.js";

// Middleware runs with openapi-fetch's semantics (see middleware.ts); these pin the parts the
// differential test in direct-path.test.ts does not reach.
let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ path: request.url, marker: request.headers["x-marker"] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("middleware", () => {
  it("runs onRequest in order and onResponse in reverse, with the call's schema path and params", async () => {
    const client = testClient(base);
    const order: string[] = [];
    client.use(
      {
        onRequest({ request, schemaPath }) {
          order.push(`request 1 ${schemaPath}`);
          const changed = new Request(request);
          changed.headers.set("x-marker", "set by middleware");
          return changed;
        },
        onResponse() {
          order.push("response 1");
        },
      },
      {
        onRequest: () => {
          order.push("request 2");
        },
        onResponse: ({ response }) => {
          order.push("response 2");
          return response;
        },
      },
    );
    const { data } = await client.GET("/things");
    expect(data).toEqual({ path: "/things", marker: "set by middleware" });
    expect(order).toEqual(["request 1 /things", "request 2", "response 2", "response 1"]);
  });

  it("answers the call from onRequest without sending it", async () => {
    const client = testClient(base);
    const before = requests;
    client.use({
      onRequest: () => Response.json({ ok: true, sideEffect: 0 }, { headers: { "content-type": "application/json" } }),
    });
    const { data } = await client.POST("/things", { body: { name: "x" } });
    expect(data).toEqual({ ok: true, sideEffect: 0 });
    expect(requests).toBe(before);
  });

  it("lets onError recover from a failed send with a Response, or replace the error", async () => {
    const recovered = testClient("http://127.0.0.1:1", { maxRetries: 0 });
    recovered.use({ onError: ({ error }) => Response.json({ recovered: (error as Error).name }) });
    expect((await recovered.GET("/things")).data).toEqual({ recovered: "ConnectionError" });

    const replaced = testClient("http://127.0.0.1:1", { maxRetries: 0 });
    const replacement = new Error("replaced");
    replaced.use({ onError: () => replacement });
    await expect(replaced.GET("/things")).rejects.toBe(replacement);

    const untouched = testClient("http://127.0.0.1:1", { maxRetries: 0 });
    untouched.use({ onError: () => undefined });
    await expect(untouched.GET("/things")).rejects.toBeInstanceOf(ConnectionError);
  });

  it("runs middleware given for one call after the client's, and only for that call", async () => {
    const client = testClient(base);
    const seen: string[] = [];
    client.use({ onRequest: () => void seen.push("client") });
    await client.GET("/things", { middleware: [{ onRequest: () => void seen.push("call") }] });
    await client.GET("/things");
    expect(seen).toEqual(["client", "call", "client"]);
  });

  it("refuses what is not middleware, and a hook that returns something else than a Request or Response", async () => {
    const client = testClient(base);
    expect(() => client.use({} as never)).toThrow(ConfigurationError);
    client.use({ onRequest: () => "nope" as never });
    const refused = await client.GET("/things").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect((refused as InvalidRequestError).code).toBe("invalid_middleware");
    expect((refused as Error).message).toMatch(/onRequest must return a Request or a Response/);
  });

  it("stops running ejected middleware", async () => {
    const client = testClient(base);
    let runs = 0;
    const counting = { onRequest: () => void runs++ };
    client.use(counting);
    await client.GET("/things");
    client.eject(counting);
    await client.GET("/things");
    expect(runs).toBe(1);
  });
});

describe("options only the client may set", () => {
  it.each(["baseUrl", "fetch", "Request"])("refuses %s for one call, before anything is sent", async (option) => {
    const client = testClient(base);
    const before = requests;
    const refused = await client
      .POST("/things", { body: { name: "x" }, [option]: option === "baseUrl" ? "https://elsewhere.example" : () => 1 })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect((refused as Error).message).toContain(`${option} cannot be set for one call`);
    expect(requests).toBe(before);
  });

  it("refuses an unknown parseAs and a serialiser that is not a function", async () => {
    const client = testClient(base);
    await expect(client.GET("/things", { parseAs: "xml" as never })).rejects.toThrow(/parseAs must be/);
    await expect(client.GET("/things", { pathSerializer: "x" as never })).rejects.toThrow(
      /pathSerializer must be a function/,
    );
  });
});
