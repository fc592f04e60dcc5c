// The README's webhook examples and webhookHandler, on real servers (config/webhook-http-suite.ts).
import { serve } from "@hono/node-server";
import express from "express";
import { expect, expectTypeOf, it } from "vitest";
import { webhookHttpSuite } from "../../../config/webhook-http-suite.js";
import {
  createMemoryWebhookStore,
  signatureHeader,
  signWebhookForTests,
  type VaiiPayEvent,
  type VaiiPayWebhook,
  webhookHandler,
} from "../src/index.js";

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

it("hands webhookHandler's handler the typed event", () => {
  expectTypeOf<Parameters<Parameters<typeof webhookHandler>[1]>[0]>().toEqualTypeOf<VaiiPayWebhook>();
  expectTypeOf<VaiiPayWebhook["event"]>().toEqualTypeOf<VaiiPayEvent>();
});

webhookHttpSuite<VaiiPayEvent, VaiiPayWebhook>({
  provider: "vaiipay",
  secretEnv: "VAIIPAY_WEBHOOK_SECRET",
  sample,
  logged: ["fulfil", "ORDER-123"],
  sign: (payload, secret) => signWebhookForTests(payload, secret),
  tamper: (body) => body.replace('"amount":10000', '"amount":1'),
  signatureHeader,
  examples: {
    express: () => import("../examples/webhook-express.js"),
    hono: () => import("../examples/webhook-hono.js"),
    server: () => import("../examples/webhook-server.js"),
  },
  express: express as never,
  serve: serve as never,
  webhookHandler: webhookHandler as never,
  createStore: createMemoryWebhookStore,
  dedupeKeyOf: (event) => `${event.payment.id}:payment.completed:RECEIVED:${event.payment.receivedAmount?.amount}`,
  dedupeLabel: "<paymentId>:<event>:<status>:<receivedAmount>",
  checkVerification: (verification) => {
    expect(verification).toMatchObject({ scheme: "hmac-sha256", signed: true, timestamp: expect.any(Number) });
    expect((verification as { unverified: object }).unverified).toEqual({
      "X-PaymentService-Event": "payment.completed",
    });
  },
  moreExampleTests: ({ url, post, log, logged, secret }) => {
    it("refuses a replay outside the tolerance, and fulfils on payment.completed, not on payment.received", async () => {
      log.mockClear();
      const event = sample();
      const old = await signWebhookForTests(event, secret, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
      expect(await post(url(), old)).toMatchObject({ status: 400, text: expect.stringMatching(/^outside_tolerance/) });
      const received = await signWebhookForTests(event, secret, { event: "payment.received" });
      const completed = await signWebhookForTests(event, secret, { event: "payment.completed" });
      expect((await post(url(), received)).status).toBe(200);
      expect(log.mock.calls).toEqual([]);
      expect((await post(url(), completed)).status).toBe(200);
      expect((await post(url(), completed)).status).toBe(200);
      expect(log.mock.calls).toEqual([logged]);
    });
  },
});
