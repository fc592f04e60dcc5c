import { describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createApiClient,
  defaultIdempotency,
  InvalidRequestError,
  type ProviderSettings,
  requestMetaOf,
} from "../src/index.js";

interface TestPaths {
  "/things": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: boolean } } } };
    };
    post: {
      parameters: {
        query?: never;
        header?: { "Idempotency-Key"?: string };
        path?: never;
        cookie?: never;
      };
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: boolean } } } };
    };
    put?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

const bearer: ProviderSettings<"sandbox"> = {
  provider: "example",
  environments: { sandbox: "https://sandbox.example.com" },
  auth: { type: "bearer" },
  credentialOption: "token",
  packageName: "@payspec/example",
  packageVersion: "1.2.3",
  parseErrorBody: () => ({}),
};
const apiKey: ProviderSettings<"sandbox"> = { ...bearer, auth: { type: "apiKey", header: "x-api-key" } };

function capture() {
  const requests: Request[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    requests.push(new Request(url, init));
    return Response.json({ ok: true });
  });
  return { requests, fetch };
}

describe("createApiClient", () => {
  it("sends a Bearer token", async () => {
    const { requests, fetch } = capture();
    const client = createApiClient<TestPaths, "sandbox">(bearer, {
      credential: "tok_123",
      environment: "sandbox",
      fetch,
    });
    await client.GET("/things");
    expect(requests[0]?.url).toBe("https://sandbox.example.com/things");
    expect(requests[0]?.headers.get("Authorization")).toBe("Bearer tok_123");
  });

  it("sends an API key in the provider's header", async () => {
    const { requests, fetch } = capture();
    const client = createApiClient<TestPaths, "sandbox">(apiKey, {
      credential: "key_123",
      environment: "sandbox",
      fetch,
    });
    await client.GET("/things");
    expect(requests[0]?.headers.get("x-api-key")).toBe("key_123");
    expect(requests[0]?.headers.has("Authorization")).toBe(false);
  });

  it("gives each POST a fresh UUID v4 key and leaves GET unkeyed", async () => {
    const { requests, fetch } = capture();
    const client = createApiClient<TestPaths, "sandbox">(bearer, { credential: "t", environment: "sandbox", fetch });
    const first = await client.POST("/things", { body: { name: "a" } });
    await client.POST("/things", { body: { name: "b" } });
    await client.GET("/things");
    const keys = requests.map((request) => request.headers.get("Idempotency-Key"));
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBeNull();
    expect(requestMetaOf(first)).toMatchObject({
      idempotencyKey: keys[0],
      attempts: 1,
      method: "POST",
      path: "/things",
    });
  });

  it("passes a caller's valid key through unchanged", async () => {
    const { requests, fetch } = capture();
    const client = createApiClient<TestPaths, "sandbox">(bearer, { credential: "t", environment: "sandbox", fetch });
    await client.POST("/things", {
      params: { header: { "Idempotency-Key": "order-1001:create" } },
      body: { name: "a" },
    });
    expect(requests[0]?.headers.get("Idempotency-Key")).toBe("order-1001:create");
  });

  it.each([
    ["too long", "k".repeat(256), /256 characters long; the limit is 255/],
    ["containing a space", "order 1001", /visible ASCII/],
    ["non-ASCII", "commande-é", /visible ASCII/],
  ])("refuses a caller key %s before sending", async (_case, key, message) => {
    const { fetch } = capture();
    const client = createApiClient<TestPaths, "sandbox">(bearer, { credential: "t", environment: "sandbox", fetch });
    const call = client.POST("/things", { params: { header: { "Idempotency-Key": key } }, body: { name: "a" } });
    await expect(call).rejects.toThrow(InvalidRequestError);
    await expect(
      client.POST("/things", { params: { header: { "Idempotency-Key": key } }, body: { name: "a" } }),
    ).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("checks the key that is sent when a header object spells it twice (the last spelling is sent)", async () => {
    const { fetch, requests } = capture();
    const client = createApiClient<TestPaths, "sandbox">(bearer, { credential: "t", environment: "sandbox", fetch });
    const twice = (first: string, last: string) =>
      client.POST("/things", { headers: { "Idempotency-Key": first, "idempotency-key": last }, body: { name: "a" } });
    await expect(twice("ok", "bad key with spaces")).rejects.toThrow(/visible ASCII/);
    expect(fetch).not.toHaveBeenCalled();
    const sent = await twice("bad key with spaces", "order-7");
    expect(requests[0]?.headers.get("Idempotency-Key")).toBe("order-7");
    expect(requestMetaOf(sent)?.idempotencyKey).toBe("order-7");
  });

  it("sends, checks and reports a key given in [name, value] pairs; a repeated one is refused", async () => {
    const { fetch, requests } = capture();
    const client = createApiClient<TestPaths, "sandbox">(bearer, { credential: "t", environment: "sandbox", fetch });
    const pairs = (...keys: string[]) =>
      client.POST("/things", {
        headers: keys.map((key) => ["Idempotency-Key", key]) as unknown as HeadersInit,
        body: { name: "a" },
      });
    const sent = await pairs("order-8");
    expect(requests[0]?.headers.get("Idempotency-Key")).toBe("order-8");
    expect(requests[0]?.headers.has("0")).toBe(false);
    expect(requestMetaOf(sent)?.idempotencyKey).toBe("order-8");
    await expect(pairs("a", "b")).rejects.toThrow(/visible ASCII/);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("reads a provider's keyed methods in any case", async () => {
    const { fetch, requests } = capture();
    const lower = { ...bearer, idempotency: { ...defaultIdempotency, methods: ["post"] } };
    const client = createApiClient<TestPaths, "sandbox">(lower, { credential: "t", environment: "sandbox", fetch });
    await client.POST("/things", { body: { name: "a" } });
    expect(requests[0]?.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a non-function fetch and a missing options object", () => {
    expect(() =>
      createApiClient<TestPaths, "sandbox">(bearer, {
        credential: "t",
        environment: "sandbox",
        fetch: "nope" as unknown as typeof fetch,
      }),
    ).toThrow(/fetch must be a function/);
    expect(() => createApiClient<TestPaths, "sandbox">(bearer, null as never)).toThrow(ConfigurationError);
  });

  it("runs the provider's own validation with the resolved environment", () => {
    const validate = vi.fn();
    createApiClient<TestPaths, "sandbox">({ ...bearer, validate }, { credential: "t", environment: "sandbox" });
    expect(validate).toHaveBeenCalledWith("t", { baseUrl: "https://sandbox.example.com", environment: "sandbox" });
  });
});

describe("path parameter defaults", () => {
  interface ScopedPaths {
    "/api/{account_id}/things/{id}": {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      get: {
        parameters: { query?: never; header?: never; path: { account_id?: string; id: string }; cookie?: never };
        requestBody?: never;
        responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: boolean } } } };
      };
      put?: never;
      post?: never;
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
  }

  it("fills a path parameter the call leaves out, and lets the call override it", async () => {
    const { requests, fetch } = capture();
    const client = createApiClient<ScopedPaths, "sandbox">(bearer, {
      credential: "t",
      environment: "sandbox",
      fetch,
      pathParams: { account_id: "acc_prod_a1" },
    });
    await client.GET("/api/{account_id}/things/{id}", { params: { path: { id: "t 1" } } });
    await client.GET("/api/{account_id}/things/{id}", { params: { path: { id: "t2", account_id: "acc_stg_b2" } } });
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/api/acc_prod_a1/things/t%201",
      "/api/acc_stg_b2/things/t2",
    ]);
  });

  it("refuses to send a path with an unfilled placeholder", async () => {
    const { fetch } = capture();
    const client = createApiClient<ScopedPaths, "sandbox">(bearer, { credential: "t", environment: "sandbox", fetch });
    await expect(client.GET("/api/{account_id}/things/{id}", { params: { path: { id: "t1" } } })).rejects.toThrow(
      expect.objectContaining({ code: "missing_path_parameter", message: expect.stringContaining("account_id") }),
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});
