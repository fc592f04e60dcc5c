// The README's webhook examples and webhookHandler, on real servers (config/webhook-http-suite.ts).
import { serve } from "@hono/node-server";
import express from "express";
import { expect, expectTypeOf, it } from "vitest";
import { webhookHttpSuite } from "../../../config/webhook-http-suite.js";
import {
  createMemoryWebhookStore,
  type PaymentKitEvent,
  type PaymentKitWebhook,
  signatureHeader,
  signWebhookForTests,
  webhookHandler,
} from "../src/index.js";

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

it("hands webhookHandler's handler the typed event", () => {
  expectTypeOf<Parameters<Parameters<typeof webhookHandler>[1]>[0]>().toEqualTypeOf<PaymentKitWebhook>();
  expectTypeOf<PaymentKitWebhook["event"]>().toEqualTypeOf<PaymentKitEvent>();
});

webhookHttpSuite<PaymentKitEvent, PaymentKitWebhook>({
  provider: "paymentkit",
  secretEnv: "PAYMENTKIT_WEBHOOK_SECRET",
  sample,
  logged: ["invoice.paid", "in_prod_q1r2s3t4"],
  sign: (payload, secret) => signWebhookForTests(payload, secret),
  tamper: (body) => body.replace('"total_amount_atom":4900', '"total_amount_atom":1'),
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
  dedupeKeyOf: (event) => event.id,
  dedupeLabel: "<event.id>",
  checkVerification: (verification, event) => {
    expect(verification).toMatchObject({ scheme: "hmac-sha256", signed: true, timestamp: undefined });
    expect((verification as { unverified: object }).unverified).toMatchObject({ "X-Webhook-Event-Id": event.id });
  },
});
