// The README's webhook examples, served by real servers (Express, Hono on @hono/node-server,
// node:http) on 127.0.0.1, with deliveries signed by signWebhookForTests and POSTed over HTTP.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  createMemoryWebhookStore,
  signatureHeader,
  signWebhookForTests,
  type VaiiPayEvent,
  type VaiiPayWebhook,
  webhookHandler,
} from "../src/index.js";

const secret = "whsec_endpoint";
/** A payment of its own (so its own dedupeKey), so the tests do not see each other's deliveries. */
const sample = (): VaiiPayEvent => ({
  payment: {
    id: crypto.randomUUID(),
    status: "RECEIVED",
    reference: "ORDER-123",
    referenceLabel: "Order #123",
    currencyCode: "USD",
    amount: { value: 100, amount: 10000, formatted: "$100.00" },
    receivedAmount: { value: 100, amount: 10000, formatted: "$100.00" },
    date: "2026-01-15T10:00:00Z",
  },
});
const logged = ["fulfil", "ORDER-123"];

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
  vi.stubEnv("VAIIPAY_WEBHOOK_SECRET", secret);
  const { app: expressApp } = await import("../examples/webhook-express.js");
  const { app: honoApp } = await import("../examples/webhook-hono.js");
  const { server } = await import("../examples/webhook-server.js");
  urls.express = `${await start(expressApp.listen(0, "127.0.0.1"))}/webhooks/vaiipay`;
  urls.hono = `${await start(serve({ fetch: honoApp.fetch, port: 0, hostname: "127.0.0.1" }) as Server)}/webhooks/vaiipay`;
  urls["node:http"] = await start(server.listen(0, "127.0.0.1"));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe.each(["express", "hono", "node:http"])("the %s example", (kind) => {
  const url = () => urls[kind] as string;

  it("answers a valid delivery 200, and the handler saw the typed event", async () => {
    log.mockClear();
    expect(await post(url(), await signWebhookForTests(sample(), secret))).toMatchObject({ status: 200 });
    expect(log.mock.calls).toEqual([logged]);
  });

  it("answers a tampered delivery 400 with the reason, without calling the handler", async () => {
    log.mockClear();
    const delivery = await signWebhookForTests(JSON.stringify(sample()), secret);
    const tampered = { ...delivery, body: delivery.body.replace('"amount":10000', '"amount":1') };
    const answer = await post(url(), tampered);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/^bad_signature/);
    expect(answer.text).not.toContain(secret);
    const forged = await post(url(), { ...delivery, headers: { ...delivery.headers, [signatureHeader]: "00" } });
    expect(forged).toMatchObject({ status: 400, text: expect.stringMatching(/^bad_signature/) });
    expect(log).not.toHaveBeenCalled();
  });

  it("answers a duplicate delivery 200 without a second handler call", async () => {
    log.mockClear();
    const delivery = await signWebhookForTests(sample(), secret);
    expect((await post(url(), delivery)).status).toBe(200);
    expect((await post(url(), delivery)).status).toBe(200);
    expect(log.mock.calls).toEqual([logged]);
  });

  it("refuses a replay outside the tolerance, and acts once whatever the unsigned event header says", async () => {
    log.mockClear();
    const event = sample();
    const old = await signWebhookForTests(event, secret, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(await post(url(), old)).toMatchObject({ status: 400, text: expect.stringMatching(/^outside_tolerance/) });
    const received = await signWebhookForTests(event, secret, { event: "payment.received" });
    const completed = await signWebhookForTests(event, secret, { event: "payment.completed" });
    expect((await post(url(), received)).status).toBe(200);
    expect((await post(url(), completed)).status).toBe(200);
    expect(log.mock.calls).toEqual([logged]);
  });

  it("answers 500 when the handler throws, and processes the provider's retry exactly once", async () => {
    log.mockClear();
    consoleError.mockClear();
    log.mockImplementationOnce(() => {
      throw new Error("database down");
    });
    const delivery = await signWebhookForTests(sample(), secret);
    expect((await post(url(), delivery)).status).toBe(500);
    expect((await post(url(), delivery)).status).toBe(200); // the retry: the claim was released
    expect((await post(url(), delivery)).status).toBe(200); // and now a duplicate
    expect(log.mock.results.map((result) => result.type)).toEqual(["throw", "return"]);
  });
});

describe("webhookHandler on Express", () => {
  const seen: VaiiPayWebhook[] = [];
  const errors: unknown[] = [];
  const record = (result: VaiiPayWebhook) => {
    expectTypeOf(result.event).toEqualTypeOf<VaiiPayEvent>();
    seen.push(result);
  };
  let misconfigured: string;
  let withoutStore: string;

  beforeAll(async () => {
    // express.json() mounted before the webhook route: the body reaching it is a parsed object.
    const wrong = express();
    wrong.use(express.json());
    wrong.post("/hook", webhookHandler({ secrets: secret, onError: (error) => errors.push(error) }, record));
    misconfigured = `${await start(wrong.listen(0, "127.0.0.1"))}/hook`;
    const plain = express();
    plain.post("/hook", express.raw({ type: "application/json" }), webhookHandler({ secrets: secret }, record));
    withoutStore = `${await start(plain.listen(0, "127.0.0.1"))}/hook`;
  });

  it("answers 500 naming the content-type and express.raw when express.json() ran first, and never calls the handler", async () => {
    seen.length = 0;
    const answer = await post(misconfigured, await signWebhookForTests(sample(), secret));
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('content-type "application/json"');
    expect(answer.text).toContain('express.raw({ type: "application/json" }) on this route before any JSON parser');
    expect(errors).toEqual([expect.objectContaining({ name: "WebhookVerificationError", reason: "parsed_body" })]);
    expect(seen).toEqual([]);
  });

  it("without a store, hands every verified delivery to the handler, duplicates included", async () => {
    seen.length = 0;
    const event = sample();
    const delivery = await signWebhookForTests(event, secret);
    expect((await post(withoutStore, delivery)).status).toBe(200);
    expect((await post(withoutStore, delivery)).status).toBe(200);
    expect(seen.map((result) => result.dedupeKey)).toEqual([
      `${event.payment.id}:RECEIVED`,
      `${event.payment.id}:RECEIVED`,
    ]);
    expect(seen[0]?.event).toEqual(event);
    expect(seen[0]?.verification).toMatchObject({ scheme: "hmac-sha256", signed: true, timestamp: expect.any(Number) });
    expect(seen[0]?.verification.unverified).toEqual({ "X-PaymentService-Event": "payment.completed" });
  });

  it("deduplicates on vaiipay:<paymentId>:<status> in the store it is given", async () => {
    const store = createMemoryWebhookStore();
    const app = express();
    app.post("/hook", express.raw({ type: "application/json" }), webhookHandler({ secrets: secret, store }, record));
    const url = `${await start(app.listen(0, "127.0.0.1"))}/hook`;
    const event = sample();
    expect((await post(url, await signWebhookForTests(event, secret))).text).toBe("ok");
    expect((await post(url, await signWebhookForTests(event, secret))).text).toBe("duplicate");
    expect(await store.claim(`vaiipay:${event.payment.id}:RECEIVED`, 1000)).toBe(false);
  });
});
