// The README's webhook examples and webhookHandler, on real servers (config/webhook-http-suite.ts).
import { serve } from "@hono/node-server";
import express from "express";
import { expect, expectTypeOf, it } from "vitest";
import { webhookHttpSuite } from "../../../config/webhook-http-suite.js";
import {
  createMemoryWebhookStore,
  type PaymntCloudEvent,
  type PaymntCloudWebhook,
  signatureHeader,
  signWebhookForTests,
  webhookHandler,
} from "../src/index.js";

let counter = 0;
/** A payment event with an event_id of its own, so the tests do not see each other's deliveries. */
const sample = (): PaymntCloudEvent => ({
  merchant_id: "merchant_1668273825",
  event_id: `evt_http_${++counter}`,
  event_type: "payment_succeeded",
  content: {
    type: "payment_details",
    object: {
      payment_id: "pay_mbabizu24mvu3mela5njyhpit4",
      merchant_id: "merchant_1668273825",
      status: "succeeded",
      amount: 1000,
      net_amount: 1000,
      amount_capturable: 0,
      currency: "USD",
      payment_method: "card",
      attempt_count: 1,
    },
  },
  timestamp: "2026-11-22T09:15:05.000Z",
});

it("hands webhookHandler's handler the typed event", () => {
  expectTypeOf<Parameters<Parameters<typeof webhookHandler>[1]>[0]>().toEqualTypeOf<PaymntCloudWebhook>();
  expectTypeOf<PaymntCloudWebhook["event"]>().toEqualTypeOf<PaymntCloudEvent>();
});

webhookHttpSuite<PaymntCloudEvent, PaymntCloudWebhook>({
  provider: "paymnt-cloud",
  secretEnv: "PAYMNT_WEBHOOK_SECRET",
  sample,
  logged: ["payment_succeeded", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
  sign: (payload, secret) => signWebhookForTests(payload, secret),
  tamper: (body) => body.replace('"amount":1000', '"amount":1'),
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
  dedupeKeyOf: (event) => event.event_id,
  dedupeLabel: "<event_id>",
  checkVerification: (verification) =>
    expect(verification).toEqual({ scheme: "hmac-sha512", signed: true, timestamp: undefined, unverified: {} }),
});
