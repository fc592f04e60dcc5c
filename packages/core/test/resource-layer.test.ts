import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  createApiClient,
  defaultIdempotency,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PaginationError,
  type ProviderSettings,
  type ResourceTable,
} from "../src/index.js";
import { keyedProvider, secret } from "./support/client.js";

// The generated resource layer's runtime (resources.ts), driven by a hand-written table and a
// fake fetch that records every request and answers from a script.
interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string | undefined;
}

const table: ResourceTable = {
  things: {
    create: "POST /things createThing body",
    retrieve: "GET /things/{thing_id} retrieveThing query",
    remove: "DELETE /things/{thing_id} deleteThing none",
    upload: "PUT /things/{thing_id}/file uploadThingFile multipart",
    toggle: "POST /things/toggle toggleThings query+body",
    relay: "POST /relay relayThing body X-Idempotency-Key",
    list: [
      "GET /things/list listThings query",
      {
        style: "offset",
        limitParam: "limit",
        offsetParam: "offset",
        maxLimit: 2,
        itemsField: "items",
        hasMoreField: "has_more",
      },
    ],
    search: [
      "POST /things/search searchThings body",
      {
        style: "offset",
        in: "body",
        limitParam: "limit",
        offsetParam: "offset",
        maxLimit: 2,
        itemsField: "data",
        totalField: "total",
      },
    ],
    feed: [
      "GET /things/feed feedThings query",
      { style: "cursor", limitParam: "limit", maxLimit: 2, cursorParam: "starting_after", cursorField: "id" },
    ],
    all: ["GET /things/all allThings none", { style: "single" }],
  },
  accounts: {
    things: "GET /accounts/{account_id}/things/{thing_id} retrieveAccountThing none",
  },
};

type Method = (...args: unknown[]) => never;
interface TestResources {
  readonly things: Readonly<
    Record<
      "create" | "retrieve" | "remove" | "upload" | "toggle" | "relay" | "list" | "search" | "feed" | "all",
      Method
    >
  >;
  readonly accounts: { readonly things: Method };
}
type Answer = (request: Sent) => Response;
let sent: Sent[] = [];

function client(answer: Answer, provider: Partial<ProviderSettings<"test">> = {}, pathParams = {}) {
  sent = [];
  return createApiClient<Record<string, never>, "test", TestResources>(
    { ...keyedProvider, resources: table, scope: { parameter: "account_id", option: "accountId" }, ...provider },
    {
      credential: secret,
      baseUrl: "https://api.example.test",
      retryBaseDelayMs: 1,
      pathParams,
      fetch: async (url: string, init: RequestInit) => {
        const request: Sent = {
          method: init.method ?? "GET",
          url: new URL(url),
          headers: new Headers(init.headers),
          body:
            init.body === undefined
              ? undefined
              : typeof init.body === "string"
                ? init.body
                : new TextDecoder().decode(init.body as Uint8Array),
        };
        sent.push(request);
        return answer(request);
      },
    },
  );
}
const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
const ok: Answer = () => json({ id: "thing_1" });
const call = (resource: unknown, ...args: unknown[]) => (resource as (...args: unknown[]) => Promise<unknown>)(...args);

afterEach(() => {
  sent = [];
});

describe("resource methods", () => {
  it("send the body, put path parameters in the path, and resolve to the data", async () => {
    const c = client(ok);
    await expect(call(c.things.create, { name: "a" })).resolves.toEqual({ id: "thing_1" });
    await call(c.things.retrieve, "thing 1/x", { expand: "owner" });
    expect(sent.map((request) => `${request.method} ${request.url.pathname}${request.url.search}`)).toEqual([
      "POST /things",
      "GET /things/thing%201%2Fx?expand=owner",
    ]);
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual({ name: "a" });
    expect(sent[0]?.headers.get("idempotency-key")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("send the caller's idempotency key, and give the same call's data, response and meta with withResponse()", async () => {
    const c = client(ok);
    const promise = call(c.things.create, { name: "a" }, { idempotencyKey: "order-1" }) as Promise<unknown> & {
      withResponse(): Promise<{ data: unknown; response: Response; meta: Record<string, unknown> }>;
    };
    const [data, withResponse] = await Promise.all([promise, promise.withResponse()]);
    expect(data).toEqual({ id: "thing_1" });
    expect(withResponse.response.status).toBe(200);
    expect(withResponse.meta).toMatchObject({ operationId: "createThing", idempotencyKey: "order-1", attempts: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.get("idempotency-key")).toBe("order-1");
  });

  it("throw the typed error for an error status, and leave no unhandled rejection behind withResponse()", async () => {
    const c = client(() => json({ error: { code: "E404", message: "no such thing" } }, 404));
    const failure = await call(c.things.retrieve, "thing_1").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect((failure as ApiError).code).toBe("E404");
    expect((failure as ApiError).headers.get("content-type")).toBe("application/json");
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    const promise = call(c.things.retrieve, "thing_1") as unknown as { withResponse(): Promise<unknown> };
    await expect(promise.withResponse()).rejects.toBeInstanceOf(ApiError);
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("unhandledRejection", record);
    expect(unhandled).toEqual([]);
  });

  it("reject a success whose body is not JSON with InvalidResponseError and the key it was sent with", async () => {
    const c = client(() => new Response("<html>oops</html>", { status: 200, headers: { "x-request-id": "req_1" } }));
    const failure = await call(c.things.create, { name: "a" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidResponseError);
    expect(failure).toMatchObject({ status: 200, requestId: "req_1", attempts: 1 });
    expect((failure as InvalidResponseError).idempotencyKey).toBe(sent[0]?.headers.get("idempotency-key"));
    expect(sent).toHaveLength(1);
  });

  it("keep the credential out of an error when the server echoes it in the code, request id or headers", async () => {
    const c = client(
      () =>
        new Response(JSON.stringify({ error: { code: `bad_key_${secret}`, message: "no" } }), {
          status: 401,
          headers: { "content-type": "application/json", "x-request-id": `req_${secret}`, "x-echo": secret },
        }),
    );
    const failure = (await call(c.things.retrieve, "thing_1").catch((error: unknown) => error)) as ApiError;
    expect(failure.code).toBe("bad_key_[redacted]");
    expect(failure.requestId).toBe("req_[redacted]");
    expect(failure.headers.get("x-echo")).toBe("[redacted]");
    expect(failure.headers.get("content-type")).toBe("application/json");
    for (const printed of [JSON.stringify(failure), inspect(failure, { depth: 10 }), String(failure)]) {
      expect(printed).not.toContain(secret);
    }
    // Nor in an unreadable success's error, or the meta of a success.
    const echoing = client(
      (request) =>
        new Response(request.method === "GET" ? "<html>" : "{}", {
          status: 200,
          headers: { "x-request-id": `req_${secret}` },
        }),
    );
    const unreadable = (await call(echoing.things.retrieve, "thing_1").catch((error: unknown) => error)) as Error;
    expect(unreadable).toBeInstanceOf(InvalidResponseError);
    expect(JSON.stringify(unreadable)).not.toContain(secret);
    expect((unreadable as InvalidResponseError).requestId).toBe("req_[redacted]");
    const { meta } = await (
      call(echoing.things.create, {}) as unknown as {
        withResponse(): Promise<{ meta: { requestId: string } }>;
      }
    ).withResponse();
    expect(meta.requestId).toBe("req_[redacted]");
  });

  it("apply per-call policy options without changing the client's", async () => {
    let attempts = 0;
    const c = client(() => (++attempts === 1 ? json({}, 503) : json({ id: "thing_1" })));
    await expect(call(c.things.retrieve, "thing_1", undefined, { maxRetries: 0 })).rejects.toMatchObject({
      status: 503,
    });
    attempts = 0;
    await expect(call(c.things.retrieve, "thing_1")).resolves.toEqual({ id: "thing_1" });
    expect(attempts).toBe(2);
  });

  it("send a multipart body with files, and a query with a body", async () => {
    const c = client(ok);
    await call(c.things.upload, "thing_1", {
      kind: "receipt",
      file: new File(["%PDF"], "r.pdf", { type: "application/pdf" }),
    });
    expect(sent[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent[0]?.body).toContain('name="file"; filename="r.pdf"');
    expect(sent[0]?.body).toContain('name="kind"');
    await call(c.things.toggle, { query: { status: true }, body: { note: "x" } });
    expect(sent[1]?.url.search).toBe("?status=true");
    expect(JSON.parse(sent[1]?.body ?? "")).toEqual({ note: "x" });
  });

  it("put the key in an operation's own required key header too (Paymnt Cloud's relay)", async () => {
    const c = client(ok);
    const generated = await (
      call(c.things.relay, { amount: 1 }) as unknown as {
        withResponse(): Promise<{ meta: { idempotencyKey: string } }>;
      }
    ).withResponse();
    await call(c.things.relay, { amount: 1 }, { idempotencyKey: "relay-1" });
    // One key in both headers, and it is the key the call reports: a repeat with it matches both.
    expect(sent[0]?.headers.get("x-idempotency-key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[0]?.headers.get("idempotency-key")).toBe(sent[0]?.headers.get("x-idempotency-key"));
    expect(generated.meta.idempotencyKey).toBe(sent[0]?.headers.get("x-idempotency-key"));
    // A key the caller put in the call's headers is kept, in both headers, and reported.
    const fromHeaders = await (
      call(c.things.relay, { amount: 1 }, { headers: { "Idempotency-Key": "order-9" } }) as unknown as {
        withResponse(): Promise<{ meta: { idempotencyKey: string } }>;
      }
    ).withResponse();
    expect(sent.at(-1)?.headers.get("idempotency-key")).toBe("order-9");
    expect(sent.at(-1)?.headers.get("x-idempotency-key")).toBe("order-9");
    expect(fromHeaders.meta.idempotencyKey).toBe("order-9");
    sent.pop();
    expect(sent[1]?.headers.get("x-idempotency-key")).toBe("relay-1");
    expect(sent[1]?.headers.get("idempotency-key")).toBe("relay-1");
  });

  it("key, and replay, only the operations the provider is documented to deduplicate when it names them", async () => {
    const onlyCreate = { idempotency: { ...defaultIdempotency, operations: ["POST /things"] } };
    let attempts = 0;
    const flaky: Answer = () => (++attempts === 1 ? json({}, 503) : json({ id: "thing_1" }));
    const c = client(flaky, onlyCreate);
    await expect(call(c.things.create, { name: "a" })).resolves.toEqual({ id: "thing_1" });
    expect(attempts).toBe(2);
    expect(sent[0]?.headers.get("idempotency-key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]?.headers.get("idempotency-key")).toBe(sent[0]?.headers.get("idempotency-key"));
    // Another POST of the same provider carries no key and is not sent again after a 503.
    attempts = 0;
    sent = [];
    await expect(call(c.things.toggle, { query: { status: true }, body: {} })).rejects.toMatchObject({ status: 503 });
    expect(attempts).toBe(1);
    expect(sent[0]?.headers.get("idempotency-key")).toBeNull();
    await expect(call(c.things.toggle, { body: {} }, { idempotencyKey: "k" })).rejects.toThrow(
      /deduplicates no POST by a key/,
    );
    // A key set by hand on the raw layer is checked and sent, but does not make a replay safe.
    attempts = 0;
    sent = [];
    const raw = c as unknown as { POST(path: string, init: object): Promise<{ error?: unknown }> };
    const result = await raw.POST("/things/toggle", { headers: { "Idempotency-Key": "mine" }, body: {} });
    expect(attempts).toBe(1);
    expect(sent[0]?.headers.get("idempotency-key")).toBe("mine");
    expect(result.error).toBeDefined();
  });

  it("take a scope parameter from the client, or from the call's option", async () => {
    const scoped = client(ok, {}, { account_id: "acc_1" });
    await call(scoped.accounts.things, "thing_1");
    await call(scoped.accounts.things, "thing_1", { accountId: "acc_2" });
    expect(sent.map((request) => request.url.pathname)).toEqual([
      "/accounts/acc_1/things/thing_1",
      "/accounts/acc_2/things/thing_1",
    ]);
    const unscoped = client(ok);
    await expect(call(unscoped.accounts.things, "thing_1")).rejects.toThrow(/account_id/);
    expect(sent).toHaveLength(0);
  });

  it("refuse bad arguments before sending anything, as a rejection", async () => {
    const c = client(ok);
    const missing = call(c.things.retrieve, undefined);
    await expect(missing).rejects.toThrow(InvalidRequestError);
    await expect(missing).rejects.toThrow(/argument 1 is thing_id/);
    await expect(call(c.things.create, { name: "a" }, { idempotency_key: "k" })).rejects.toThrow(
      /unknown option idempotency_key/,
    );
    await expect(call(c.things.create, { name: "a" }, "k")).rejects.toThrow(/options must be an object/);
    const unkeyed = client(ok, { idempotency: { ...defaultIdempotency, methods: [] } });
    await expect(call(unkeyed.things.create, { name: "a" }, { idempotencyKey: "k" })).rejects.toThrow(
      /deduplicates no POST by a key/,
    );
    expect(sent).toHaveLength(0);
  });
});

describe("list methods", () => {
  const pages = (items: string[], size: number, style: "has_more" | "total") => (request: Sent) => {
    const params =
      request.body === undefined
        ? Object.fromEntries(request.url.searchParams)
        : (JSON.parse(request.body) as Record<string, unknown>);
    const offset = Number(params.offset ?? 0);
    const page = items.slice(offset, offset + Number(params.limit ?? size)).map((id) => ({ id }));
    return style === "has_more"
      ? json({ items: page, has_more: offset + page.length < items.length })
      : json({ data: page, total: items.length });
  };
  const collect = async (iterable: unknown) => {
    const seen: unknown[] = [];
    for await (const item of iterable as AsyncIterable<{ id: string }>) seen.push(item.id);
    return seen;
  };

  it("await one page, sending its request only when awaited", async () => {
    const c = client(pages(["a", "b", "c"], 2, "has_more"));
    const listing = call(c.things.list, { status: "open" });
    expect(sent).toHaveLength(0);
    await expect(listing).resolves.toEqual({ items: [{ id: "a" }, { id: "b" }], has_more: true });
    expect(sent[0]?.url.search).toBe("?status=open");
  });

  it("iterate every item of every page by offset and has_more, with the filters kept", async () => {
    const c = client(pages(["a", "b", "c", "d", "e"], 2, "has_more"));
    expect(await collect(call(c.things.list, { status: "open" }))).toEqual(["a", "b", "c", "d", "e"]);
    expect(sent.map((request) => request.url.search)).toEqual([
      "?status=open&limit=2&offset=0",
      "?status=open&limit=2&offset=2",
      "?status=open&limit=2&offset=4",
    ]);
  });

  it("page in the body by a total, and stop at maxItems", async () => {
    const c = client(pages(["a", "b", "c", "d", "e"], 2, "total"));
    expect(await collect(call(c.things.search, { q: "x" }, { maxItems: 3, pageSize: 1 }))).toEqual(["a", "b", "c"]);
    expect(sent.map((request) => JSON.parse(request.body ?? "{}"))).toEqual([
      { q: "x", limit: 1, offset: 0 },
      { q: "x", limit: 1, offset: 1 },
      { q: "x", limit: 1, offset: 2 },
    ]);
  });

  it("follow a cursor until a short page", async () => {
    const c = client((request) => {
      const after = request.url.searchParams.get("starting_after");
      return json(after === null ? [{ id: "a" }, { id: "b" }] : after === "b" ? [{ id: "c" }] : []);
    });
    expect(await collect(call(c.things.feed))).toEqual(["a", "b", "c"]);
    expect(sent.map((request) => request.url.search)).toEqual(["?limit=2", "?limit=2&starting_after=b"]);
  });

  it("stop a cursor that does not advance instead of asking for the same page forever", async () => {
    const c = client(() => json([{ id: "a" }, { id: "b" }]));
    await expect(collect(call(c.things.feed))).rejects.toThrow(/ended with b again/);
    expect(sent).toHaveLength(2);
  });

  it("refuse a page size for a list answered in one request", async () => {
    const c = client(() => json([{ id: "a" }]));
    await expect(collect(call(c.things.all, { pageSize: 10 }))).rejects.toThrow(/unknown option pageSize/);
    expect(sent).toHaveLength(0);
  });

  it("read a list that has no paging in one request", async () => {
    const c = client(() => json([{ id: "a" }, { id: "b" }]));
    expect(await collect(call(c.things.all))).toEqual(["a", "b"]);
    expect(sent).toHaveLength(1);
  });

  it("refuse a pageSize past the operation's maximum, and a page that promises more but is empty", async () => {
    const c = client(() => json({ items: [], has_more: true }));
    await expect(collect(call(c.things.list, undefined, { pageSize: 3 }))).rejects.toThrow(PaginationError);
    await expect(collect(call(c.things.list))).rejects.toThrow(PaginationError);
  });
});
