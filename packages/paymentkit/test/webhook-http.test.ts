// The README's webhook examples, served by real servers (Express, Hono on @hono/node-server,
// node:http) on 127.0.0.1, with deliveries signed by signWebhookForTests and POSTed over HTTP.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  createMemoryWebhookStore,
  type PaymentKitEvent,
  type PaymentKitWebhook,
  signatureHeader,
  signWebhookForTests,
  webhookHandler,
} from "../src/index.js";

const secret = "whsec_endpoint";
let counter = 0;
/** An invoice event with an id of its own, so the tests do not see each other's deliveries. */
const sample = (): PaymentKitEvent => ({
  id: `evt_prod_http${++counter}`,
  object: "event",
  type: "invoice.paid",
  created: 1764150000,
  livemode: true,
  data: { object: { id: "in_prod_q1r2s3t4", status: "paid", currency: "usd", total_amount_atom: 4900 } },
});
const logged = ["invoice.paid", "in_prod_q1r2s3t4"];

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
  vi.stubEnv("PAYMENTKIT_WEBHOOK_SECRET", secret);
  const { app: expressApp } = await import("../examples/webhook-express.js");
  const { app: honoApp } = await import("../examples/webhook-hono.js");
  const { server } = await import("../examples/webhook-server.js");
  urls.express = `${await start(expressApp.listen(0, "127.0.0.1"))}/webhooks/paymentkit`;
  urls.hono = `${await start(serve({ fetch: honoApp.fetch, port: 0, hostname: "127.0.0.1" }) as Server)}/webhooks/paymentkit`;
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
    const tampered = { ...delivery, body: delivery.body.replace('"total_amount_atom":4900', '"total_amount_atom":1') };
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
  const seen: PaymentKitWebhook[] = [];
  const errors: unknown[] = [];
  const record = (result: PaymentKitWebhook) => {
    expectTypeOf(result.event).toEqualTypeOf<PaymentKitEvent>();
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
    expect(seen.map((result) => result.dedupeKey)).toEqual([event.id, event.id]);
    expect(seen[0]?.event).toEqual(event);
    expect(seen[0]?.verification).toMatchObject({ scheme: "hmac-sha256", signed: true, timestamp: undefined });
    expect(seen[0]?.verification.unverified).toMatchObject({ "X-Webhook-Event-Id": event.id });
  });

  it("deduplicates on paymentkit:<event.id> in the store it is given", async () => {
    const store = createMemoryWebhookStore();
    const app = express();
    app.post("/hook", express.raw({ type: "application/json" }), webhookHandler({ secrets: secret, store }, record));
    const url = `${await start(app.listen(0, "127.0.0.1"))}/hook`;
    const event = sample();
    expect((await post(url, await signWebhookForTests(event, secret))).text).toBe("ok");
    expect((await post(url, await signWebhookForTests(event, secret))).text).toBe("duplicate");
    expect(await store.claim(`paymentkit:${event.id}`, 1000)).toBe(false);
  });
});
