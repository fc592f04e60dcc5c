// The README's webhook examples, served by real servers (Express, Hono on @hono/node-server,
// node:http) on 127.0.0.1, with bodies from webhookBodyForTests POSTed over HTTP. Paymend signs
// nothing, so "refused" means an unusable body; the handlers re-fetch the payment from the mock.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it, vi } from "vitest";
import {
  createMemoryWebhookStore,
  type PaymendEvent,
  type PaymendWebhook,
  parseWebhookRequest,
  webhookBodyForTests,
  webhookHandler,
} from "../src/index.js";

let counter = 0;
/** An event with an eventId of its own, so the tests do not see each other's deliveries. */
const sample = (): PaymendEvent => ({
  eventId: `evt_http_${++counter}`,
  eventType: "PAYMENT_CAPTURED",
  payment: {
    paymentId: "pay_1234567890abcdef",
    merchantReference: "PAYMENT-12345",
    amount: 12997,
    currency: "USD",
    status: "CAPTURED",
    createdAt: "2026-11-22T10:00:00Z",
    updatedAt: "2026-11-22T10:00:02Z",
  },
});
// The mock answers the spec's first example for the re-fetched payment: CAPTURED.
const logged = ["PAYMENT_CAPTURED", "CAPTURED"];

const listen = (server: Server) =>
  new Promise<string>((resolve) => {
    const ready = () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (server.listening) ready();
    else server.once("listening", ready);
  });
const servers: Server[] = [];
const start = async (server: Server) => {
  servers.push(server);
  return listen(server);
};
const post = async (url: string, delivery: { body: string; headers: Record<string, string> }) => {
  const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
  return { status: response.status, text: await response.text() };
};

const urls: Record<string, string> = {};
const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);

beforeAll(async () => {
  vi.stubEnv("PAYMEND_TOKEN", "sandbox_webhooks");
  vi.stubEnv("PAYMEND_BASE_URL", inject("mock:paymend"));
  const { app: expressApp } = await import("../examples/webhook-express.js");
  const { app: honoApp } = await import("../examples/webhook-hono.js");
  const { server } = await import("../examples/webhook-server.js");
  urls.express = `${await start(expressApp.listen(0, "127.0.0.1"))}/webhooks/paymend`;
  urls.hono = `${await start(serve({ fetch: honoApp.fetch, port: 0, hostname: "127.0.0.1" }) as Server)}/webhooks/paymend`;
  urls["node:http"] = await start(server.listen(0, "127.0.0.1"));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe.each(["express", "hono", "node:http"])("the %s example", (kind) => {
  const url = () => urls[kind] as string;

  it("answers a delivery 200, and the handler saw the typed event and re-fetched its payment", async () => {
    log.mockClear();
    expect(await post(url(), webhookBodyForTests(sample()))).toMatchObject({ status: 200 });
    expect(log.mock.calls).toEqual([logged]);
  });

  it("answers an unusable body 400 with the reason, without calling the handler", async () => {
    log.mockClear();
    const { headers } = webhookBodyForTests(sample());
    expect(await post(url(), { headers, body: "{" })).toMatchObject({
      status: 400,
      text: expect.stringMatching(/^unparseable_body/),
    });
    const noId = JSON.stringify({ ...sample(), eventId: undefined });
    expect(await post(url(), { headers, body: noId })).toMatchObject({
      status: 400,
      text: expect.stringMatching(/^schema_mismatch/),
    });
    expect(log).not.toHaveBeenCalled();
  });

  it("answers a duplicate delivery 200 without a second handler call", async () => {
    log.mockClear();
    const delivery = webhookBodyForTests(sample());
    expect((await post(url(), delivery)).status).toBe(200);
    expect((await post(url(), delivery)).status).toBe(200);
    expect(log.mock.calls).toEqual([logged]);
  });

  it("answers 500 when the handler throws, and processes the retry exactly once", async () => {
    log.mockClear();
    consoleError.mockClear();
    log.mockImplementationOnce(() => {
      throw new Error("database down");
    });
    const delivery = webhookBodyForTests(sample());
    expect((await post(url(), delivery)).status).toBe(500);
    expect((await post(url(), delivery)).status).toBe(200); // the retry: the claim was released
    expect((await post(url(), delivery)).status).toBe(200); // and now a duplicate
    expect(log.mock.results.map((result) => result.type)).toEqual(["throw", "return"]);
  });
});

describe("webhookHandler on Express (no secrets)", () => {
  const seen: PaymendWebhook[] = [];
  const errors: unknown[] = [];
  const record = (result: PaymendWebhook) => {
    expectTypeOf(result.event).toEqualTypeOf<PaymendEvent>();
    seen.push(result);
  };
  let misconfigured: string;
  let withoutStore: string;

  beforeAll(async () => {
    // express.json() mounted before the webhook route: the body reaching it is a parsed object.
    const wrong = express();
    wrong.use(express.json());
    wrong.post("/hook", webhookHandler({ onError: (error) => errors.push(error) }, record));
    misconfigured = `${await start(wrong.listen(0, "127.0.0.1"))}/hook`;
    const plain = express();
    plain.post("/hook", express.raw({ type: "application/json" }), webhookHandler({}, record));
    withoutStore = `${await start(plain.listen(0, "127.0.0.1"))}/hook`;
  });

  it("answers 500 naming the content-type and express.raw when express.json() ran first, and never calls the handler", async () => {
    seen.length = 0;
    const answer = await post(misconfigured, webhookBodyForTests(sample()));
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('content-type "application/json"');
    expect(answer.text).toContain('express.raw({ type: "application/json" }) on this route before any JSON parser');
    expect(errors).toEqual([expect.objectContaining({ reason: "parsed_body" })]);
    expect(seen).toEqual([]);
  });

  it("without a store, hands every delivery to the handler, duplicates included; nothing is verified", async () => {
    seen.length = 0;
    const event = sample();
    const delivery = webhookBodyForTests(event);
    expect((await post(withoutStore, delivery)).status).toBe(200);
    expect((await post(withoutStore, delivery)).status).toBe(200);
    const key = `${event.eventId}:${event.payment?.paymentId}:${event.eventType}`;
    expect(seen.map((result) => result.dedupeKey)).toEqual([key, key]);
    expect(seen[0]?.event).toEqual(event);
    expect(seen[0]?.verification).toEqual({ scheme: "none", signed: false, timestamp: undefined, unverified: {} });
  });

  it("deduplicates on paymend:<eventId>:<paymentId>:<eventType> in the store it is given", async () => {
    const store = createMemoryWebhookStore();
    const app = express();
    app.post("/hook", express.raw({ type: "application/json" }), webhookHandler({ store }, record));
    const url = `${await start(app.listen(0, "127.0.0.1"))}/hook`;
    const event = sample();
    expect((await post(url, webhookBodyForTests(event))).text).toBe("ok");
    expect((await post(url, webhookBodyForTests(event))).text).toBe("duplicate");
    expect(await store.claim(`paymend:${event.eventId}:${event.payment?.paymentId}:${event.eventType}`, 1000)).toBe(
      false,
    );
  });
});

describe("parseWebhookRequest", () => {
  it("parses a fetch Request and refuses one whose body was read", async () => {
    const { body, headers } = webhookBodyForTests(sample());
    const request = new Request("http://localhost/", { method: "POST", body, headers });
    expect((await parseWebhookRequest(request)).event.eventType).toBe("PAYMENT_CAPTURED");
    await expect(parseWebhookRequest(request)).rejects.toMatchObject({ reason: "parsed_body" });
  });
});
