import type { AddressInfo } from "node:net";
import { signedHeaders, specValidator } from "@payspec/mock";
import { webhookConformanceSuite } from "@payspec/mock/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type PaymentKitEvent,
  type SubscriptionResumedEvent,
  signatureHeader,
  signWebhookForTests,
  verifyWebhook,
} from "../src/index.js";

const sample: PaymentKitEvent = {
  id: "evt_prod_h8j9k0l1",
  object: "event",
  type: "invoice.paid",
  created: 1764150000,
  livemode: true,
  data: { object: { id: "in_prod_q1r2s3t4", status: "paid", currency: "usd", total_amount_atom: 4900 } },
};

webhookConformanceSuite({
  provider: "PaymentKit",
  spec: "paymentkit",
  signatureHeader,
  samplePayload: JSON.stringify(sample),
  brokenPayloads: [
    JSON.stringify({ ...sample, data: null }),
    JSON.stringify({ ...sample, id: "in_prod_h8j9k0l1" }),
    // The type's own schema applies too: a subscription.resumed event must say the state it went back to.
    JSON.stringify({ ...sample, type: "subscription.resumed", data: { object: { id: "sub_1", new_state: "paused" } } }),
  ],
  sign: (payload, secret) => signWebhookForTests(payload, secret),
  verify: (body, headers, options) => verifyWebhook(body as string, headers, options),
});

describe("PaymentKit webhook events", () => {
  const validate = specValidator("paymentkit", "#/components/schemas/WebhookEvent");

  it("match the spec's webhook schema", async () => {
    expect(validate(sample)).toEqual({ valid: true, errors: [] });
    expect(validate({ ...sample, id: "in_prod_h8j9k0l1" }).valid).toBe(false);
    // Only the evt_ prefix is documented: other shapes of the rest are accepted, never refused.
    for (const id of ["evt_dev_h8j9k0l1", "evt_live_h8j9k0l1", "evt_prod_01HZX3-8ABC", "evt_prod_2b7c_9f1e"]) {
      expect(validate({ ...sample, id }).valid).toBe(true);
    }
    expect(validate({ ...sample, object: "invoice" }).valid).toBe(false);
  });

  it("include subscription.resumed, with the state the subscription went back to", () => {
    const validateResumed = specValidator("paymentkit", "#/components/schemas/SubscriptionResumedEvent");
    const resumed: SubscriptionResumedEvent = {
      id: "evt_prod_r2s3t4u5",
      object: "event",
      type: "subscription.resumed",
      created: 1764583200,
      livemode: true,
      data: {
        object: {
          id: "sub_prod_m3n4o5p6",
          customer_id: "cus_prod_x9y8z7w6",
          status: "active",
          currency: "usd",
          items: [],
          resumed_at: "2026-12-01T10:00:00Z",
          new_state: "active",
        },
      },
    };
    expect(validateResumed(resumed)).toEqual({ valid: true, errors: [] });
    expect(validate(resumed).valid).toBe(true);
    expect(validateResumed({ ...resumed, type: "invoice.paid" }).valid).toBe(false);
    const paused = { ...resumed.data.object, new_state: "paused" };
    expect(validateResumed({ ...resumed, data: { object: paused } }).valid).toBe(false);
    // The request examples write USD, the answers usd: a signed event in either case is accepted.
    const upper = { ...resumed.data.object, currency: "USD" };
    expect(validateResumed({ ...resumed, data: { object: upper } })).toEqual({ valid: true, errors: [] });
    expect(validateResumed({ ...resumed, data: { object: { ...upper, currency: "US" } } }).valid).toBe(false);
  });

  it("accepts a base64 signature as well as hex", async () => {
    const delivery = await signWebhookForTests(sample, "whsec_test");
    const hex = delivery.headers[signatureHeader] ?? "";
    const base64 = btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16))));
    const { event } = await verifyWebhook(
      delivery.body,
      { ...delivery.headers, [signatureHeader]: base64 },
      { secrets: "whsec_test" },
    );
    expect(event.type).toBe("invoice.paid");
  });

  it("dedupes on the signed event id, and returns the unsigned headers apart", async () => {
    const delivery = await signWebhookForTests(sample, "whsec_test", { deliveryId: "dlv_9" });
    // A replay with another event id in the (unsigned) header keeps the signed id as its key.
    const headers = { ...delivery.headers, "X-Webhook-Event-Id": "evt_prod_other" };
    const { dedupeKey, verification } = await verifyWebhook(delivery.body, headers, { secrets: "whsec_test" });
    expect(dedupeKey).toBe("evt_prod_h8j9k0l1");
    expect(verification).toEqual({
      scheme: "hmac-sha256",
      signed: true,
      timestamp: undefined,
      unverified: {
        "X-Webhook-Event-Id": "evt_prod_other",
        "X-Webhook-Event-Type": "invoice.paid",
        "X-Webhook-Delivery-Id": "dlv_9",
      },
    });
  });

  it("signs a body that is not JSON, and bytes, for tests", async () => {
    const text = await signWebhookForTests("not json", "whsec_test");
    expect(text.headers["X-Webhook-Event-Id"]).toBe("");
    await expect(verifyWebhook(text.body, text.headers, { secrets: "whsec_test" })).rejects.toMatchObject({
      reason: "unparseable_body",
    });
    const bytes = new TextEncoder().encode(JSON.stringify(sample));
    const signed = await signWebhookForTests(bytes, "whsec_test");
    expect(signed.body).toBe(bytes);
    expect(signed.headers["X-Webhook-Event-Id"]).toBe(sample.id);
    await expect(verifyWebhook(signed.body, signed.headers, { secrets: "whsec_test" })).resolves.toMatchObject({
      event: sample,
    });
  });

  it("signs with all four headers", async () => {
    const { headers } = await signWebhookForTests(sample, "whsec_test", { deliveryId: "dlv_1" });
    expect(headers).toMatchObject({
      "X-Webhook-Event-Id": "evt_prod_h8j9k0l1",
      "X-Webhook-Event-Type": "invoice.paid",
      "X-Webhook-Delivery-Id": "dlv_1",
    });
  });
});

describe("the README's webhook endpoint (node:http)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("processes an event once per event id, across deliveries, and refuses a forgery", async () => {
    vi.stubEnv("PAYMENTKIT_WEBHOOK_SECRET", "whsec_endpoint");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { server } = await import("../examples/webhook-server.js");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const deliveryId of ["dlv_1", "dlv_2"]) {
        const delivery = await signWebhookForTests(sample, "whsec_endpoint", { deliveryId });
        expect((await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body })).status).toBe(200);
      }
      expect(log.mock.calls).toEqual([["invoice.paid", "in_prod_q1r2s3t4"]]);
      const forged = await signWebhookForTests(sample, "whsec_attacker");
      const response = await fetch(url, { method: "POST", headers: forged.headers, body: forged.body });
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("bad_signature");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("deliveries signed by the stateful mock (issue 19)", () => {
  it("verify with this package's verifier", async () => {
    const body = JSON.stringify(sample);
    const headers = signedHeaders("paymentkit", { id: "evt_mock", type: "event", body }, "whsec_mock", {
      timestamp: Math.floor(Date.now() / 1000),
      deliveryId: "dlv_mock",
    });
    await expect(verifyWebhook(body, headers, { secrets: "whsec_mock" })).resolves.toMatchObject({ event: sample });
    await expect(verifyWebhook(body, headers, { secrets: "whsec_other" })).rejects.toMatchObject({
      reason: "bad_signature",
    });
  });
});
