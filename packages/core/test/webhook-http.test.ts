import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createMemoryWebhookStore,
  type IncomingHeaders,
  type NodeRequestLike,
  parseJsonBody,
  type RawBody,
  rawBodyBytes,
  readRawBody,
  readRequestBody,
  requireHeader,
  WebhookPayloadError,
  type WebhookResult,
  WebhookVerificationError,
  webhookAdapters,
} from "../src/index.js";

// A stand-in verifier: the body must be JSON with an id, and `x-sig` must be "ok".
interface TestEvent {
  readonly id: string;
}
async function verify(rawBody: RawBody, headers: IncomingHeaders, options: { secrets: string }) {
  if (options.secrets !== "s3cret") throw new ConfigurationError("invalid_option", "bad secrets");
  const bytes = rawBodyBytes(rawBody);
  if (requireHeader(headers, "x-sig") !== "ok") throw new WebhookVerificationError("bad_signature", "no match");
  const event = parseJsonBody(bytes) as TestEvent;
  return {
    event,
    dedupeKey: event.id,
    verification: { scheme: "none", signed: false, timestamp: undefined, unverified: {} },
  } satisfies WebhookResult<TestEvent>;
}
const adapters = webhookAdapters(verify, { provider: "test" });

const request = (chunks: unknown[], headers: Record<string, string> = {}, extra: object = {}): NodeRequestLike =>
  Object.assign(Readable.from(chunks, { objectMode: true }), { headers }, extra);

describe("readRawBody", () => {
  it("reads Buffer, Uint8Array and string chunks to bytes", async () => {
    const bytes = await readRawBody(request([Buffer.from("ab"), new Uint8Array([99]), "dé"]));
    expect(new TextDecoder().decode(bytes)).toBe("abcdé");
  });

  it("reads a plain async iterable", async () => {
    async function* chunks() {
      yield "x";
      yield "y";
    }
    const bytes = await readRawBody(Object.assign(chunks(), { headers: {} }));
    expect(new TextDecoder().decode(bytes)).toBe("xy");
  });

  it("takes bytes or a string from request.body (express.raw, express.text)", async () => {
    expect(await readRawBody(Object.assign(request([]), { body: Buffer.from("raw") }))).toEqual(Buffer.from("raw"));
    const fromText = await readRawBody(Object.assign(request([]), { body: "text" }));
    expect(new TextDecoder().decode(fromText)).toBe("text");
  });

  it("refuses a parsed body, naming the content-type and express.raw", async () => {
    const parsed = request([], { "content-type": "application/json; charset=utf-8" }, { body: { id: "evt_1" } });
    const error = await readRawBody(parsed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ reason: "parsed_body" });
    expect((error as Error).message).toContain('content-type "application/json; charset=utf-8"');
    expect((error as Error).message).toContain('express.raw({ type: "application/json" })');
  });

  it("refuses a stream already read to its end", async () => {
    const ended = request(["{}"], { "content-type": "text/plain" });
    for await (const _chunk of ended) {
      // a parser that ran first
    }
    await expect(readRawBody(ended)).rejects.toMatchObject({ reason: "parsed_body" });
  });

  it("reads the stream when Express 4 left {} in req.body without reading it", async () => {
    const untouched = request(["{}"], {}, { body: {} });
    Object.defineProperty(untouched, "readableEnded", { value: false });
    expect(new TextDecoder().decode(await readRawBody(untouched))).toBe("{}");
  });

  it("refuses a body over limitBytes and stops reading", async () => {
    const pulled: number[] = [];
    async function* chunks() {
      for (let i = 0; i < 100; i++) {
        pulled.push(i);
        yield "0123456789";
      }
    }
    await expect(readRawBody(Object.assign(chunks(), { headers: {} }), { limitBytes: 25 })).rejects.toMatchObject({
      name: "WebhookPayloadError",
      reason: "body_too_large",
    });
    expect(pulled).toHaveLength(3);
  });

  it("refuses a declared content-length over the limit before reading", async () => {
    const next = vi.fn();
    const iterable = { headers: { "content-length": "2000000" }, [Symbol.asyncIterator]: () => ({ next }) };
    await expect(readRawBody(iterable)).rejects.toMatchObject({ reason: "body_too_large" });
    expect(next).not.toHaveBeenCalled();
  });

  it("refuses a limit that is not a positive integer", async () => {
    await expect(readRawBody(request([]), { limitBytes: Number.NaN })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(readRawBody(request([]), { limitBytes: 0 })).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe("readRequestBody", () => {
  it("reads a fetch Request", async () => {
    const bytes = await readRequestBody(new Request("http://x/", { method: "POST", body: "hello" }));
    expect(new TextDecoder().decode(bytes)).toBe("hello");
  });

  it("refuses a Request whose body was already read", async () => {
    const used = new Request("http://x/", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    await used.json();
    await expect(readRequestBody(used)).rejects.toMatchObject({ reason: "parsed_body" });
  });

  it("refuses a body over the limit", async () => {
    const big = new Request("http://x/", { method: "POST", body: "x".repeat(100) });
    await expect(readRequestBody(big, { limitBytes: 10 })).rejects.toMatchObject({ reason: "body_too_large" });
  });
});

describe("webhookAdapters", () => {
  it("verifyRequest and verifyNodeRequest pass the body, headers and the provider's options only", async () => {
    const fetchResult = await adapters.verifyRequest(
      new Request("http://x/", { method: "POST", body: '{"id":"evt_1"}', headers: { "x-sig": "ok" } }),
      { secrets: "s3cret", limitBytes: 100 },
    );
    expect(fetchResult.event.id).toBe("evt_1");
    const nodeResult = await adapters.verifyNodeRequest(request(['{"id":"evt_2"}'], { "x-sig": "ok" }), {
      secrets: "s3cret",
    });
    expect(nodeResult.dedupeKey).toBe("evt_2");
  });

  it("checks the handler's own options when it is made", () => {
    expect(() => adapters.handler({ secrets: "s3cret", ttlMs: -1 }, () => undefined)).toThrow(ConfigurationError);
    expect(() => adapters.handler({ secrets: "s3cret", limitBytes: 1.5 }, () => undefined)).toThrow(ConfigurationError);
  });
});

describe("the handler on a node:http server", () => {
  const seen: string[] = [];
  const errors: unknown[] = [];
  let failNext = false;
  const store = createMemoryWebhookStore();
  const handle = adapters.handler<IncomingMessage, ServerResponse>(
    { secrets: "s3cret", store, limitBytes: 1000, onError: (error) => errors.push(error) },
    (result) => {
      if (failNext) {
        failNext = false;
        throw new Error("database down");
      }
      seen.push(result.event.id);
    },
  );
  const misconfigured = adapters.handler({ secrets: "", onError: (error) => errors.push(error) }, () => undefined);
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => (req.url === "/misconfigured" ? misconfigured(req, res) : handle(req, res)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = async (body: string, headers: Record<string, string> = { "x-sig": "ok" }, path = "/") => {
    const response = await fetch(`${base}${path}`, { method: "POST", body, headers });
    return { status: response.status, text: await response.text(), type: response.headers.get("content-type") };
  };

  it("answers 200 and runs the handler once per dedupeKey", async () => {
    expect(await post('{"id":"a"}')).toMatchObject({ status: 200, text: "ok" });
    expect(await post('{"id":"a"}')).toMatchObject({ status: 200, text: "duplicate" });
    expect(seen).toEqual(["a"]);
    expect(store.size).toBe(1);
  });

  it("answers 400 with the reason for a delivery that fails verification, as plain text", async () => {
    const answer = await post('{"id":"b"}', { "x-sig": "forged" });
    expect(answer).toMatchObject({ status: 400, type: "text/plain; charset=utf-8" });
    expect(answer.text).toMatch(/^bad_signature: /);
    expect(answer.text).not.toContain("s3cret");
  });

  it("answers 500 when the handler throws, and the retry is processed", async () => {
    failNext = true;
    expect(await post('{"id":"c"}')).toEqual({ status: 500, text: "handler_failed", type: expect.any(String) });
    expect(await post('{"id":"c"}')).toMatchObject({ status: 200, text: "ok" });
    expect(seen).toEqual(["a", "c"]);
    expect(errors.at(-1)).toMatchObject({ message: "database down" });
  });

  it("answers a duplicate 503 while its first delivery is still being handled (a store with state), then 200", async () => {
    let finish: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const slowStore = createMemoryWebhookStore();
    const slow = adapters.handler({ secrets: "s3cret", store: slowStore }, () => blocked);
    const slowServer = createServer((req, res) => slow(req, res));
    await new Promise<void>((resolve) => slowServer.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(slowServer.address() as AddressInfo).port}`;
    try {
      const send = () => fetch(url, { method: "POST", body: '{"id":"slow"}', headers: { "x-sig": "ok" } });
      const first = send();
      await vi.waitFor(() => expect(slowStore.size).toBe(1));
      const second = await send();
      expect(second.status).toBe("state" in slowStore ? 503 : 200);
      finish();
      expect((await first).status).toBe(200);
      expect((await send()).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => slowServer.close(() => resolve()));
    }
  });

  it("answers 413 for a body over limitBytes", async () => {
    expect(await post(JSON.stringify({ id: "x".repeat(2000) }))).toMatchObject({ status: 413 });
    expect(await post(JSON.stringify({ id: "small" }))).toMatchObject({ status: 200 });
  });

  it("answers 500 for bad provider options, reported to onError", async () => {
    const count = errors.length;
    expect(await post('{"id":"d"}', { "x-sig": "ok" }, "/misconfigured")).toMatchObject({ status: 500 });
    expect(errors[count]).toBeInstanceOf(ConfigurationError);
  });
});

describe("a signed delivery that passes verification but not the event schema", () => {
  // The signature held, so the provider did send it: a 4xx would tell it to give up (PaymentKit
  // never retries one), and the event would be lost for a schema that was too strict.
  const strict = async (rawBody: RawBody) => {
    const event = parseJsonBody(rawBodyBytes(rawBody)) as TestEvent & { bad?: boolean };
    if (event.bad === true)
      throw new WebhookPayloadError("schema_mismatch", "$.bad: unexpected", ["$.bad: unexpected"]);
    return {
      event,
      dedupeKey: event.id,
      verification: { scheme: "hmac-sha256", signed: true, timestamp: undefined, unverified: {} },
    } satisfies WebhookResult<TestEvent>;
  };
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);
  const signed = webhookAdapters(strict, { provider: "signed" }).handler({ onError }, () => undefined);
  const unsigned = webhookAdapters(strict, { provider: "unsigned", signed: false }).handler(
    { onError },
    () => undefined,
  );
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => (req.url === "/unsigned" ? unsigned(req, res) : signed(req, res)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const post = async (path: string, body: string) => {
    const response = await fetch(`${base}${path}`, { method: "POST", body });
    return { status: response.status, text: await response.text() };
  };

  it("is answered 500 and reported, so the provider retries it; an unsigned provider's gets 400", async () => {
    expect(await post("/", '{"id":"x","bad":true}')).toMatchObject({ status: 500, text: /^schema_mismatch: / });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(WebhookPayloadError);
    expect(await post("/unsigned", '{"id":"y","bad":true}')).toMatchObject({ status: 400, text: /^schema_mismatch: / });
    expect(errors).toHaveLength(1);
    expect(await post("/", '{"id":"z"}')).toMatchObject({ status: 200 });
  });
});
