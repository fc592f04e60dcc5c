import type { AddressInfo } from "node:net";
import { signedHeaders, specValidator } from "@payspec/mock";
import { webhookConformanceSuite } from "@payspec/mock/vitest";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  type Dispute,
  type PaymntCloudDisputeEvent,
  type PaymntCloudEvent,
  signatureHeader,
  signWebhookForTests,
  verifyWebhook,
  WebhookPayloadError,
} from "../src/index.js";

const sample: PaymntCloudEvent = {
  merchant_id: "merchant_1668273825",
  event_id: "evt_018e31720d1b7a2b82677d3032cab959",
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
};

webhookConformanceSuite({
  provider: "Paymnt Cloud",
  spec: "paymnt-cloud",
  signatureHeader,
  samplePayload: JSON.stringify(sample),
  brokenPayloads: [
    JSON.stringify({ ...sample, content: null }),
    JSON.stringify({ ...sample, content: { type: "payment_details", object: null } }),
    JSON.stringify({ ...sample, event_type: "payment_exploded" }),
    JSON.stringify({
      ...sample,
      content: { ...sample.content, object: { ...sample.content.object, amount: "10.00" } },
    }),
  ],
  sign: (payload, secret) => signWebhookForTests(payload, secret),
  verify: (body, headers, options) => verifyWebhook(body as string, headers, options),
});

describe("Paymnt Cloud webhook events", () => {
  const validate = specValidator("paymnt-cloud", "#/components/schemas/WebhookEvent");

  it("match the spec's webhook schema, for the fixture and the signer's output", async () => {
    expect(validate(sample)).toEqual({ valid: true, errors: [] });
    const delivery = await signWebhookForTests(sample, "whsec_test");
    const { event, dedupeKey, verification } = await verifyWebhook(delivery.body, delivery.headers, {
      secrets: "whsec_test",
    });
    expect(validate(event).valid).toBe(true);
    expect(dedupeKey).toBe(sample.event_id);
    expect(verification).toEqual({ scheme: "hmac-sha512", signed: true, timestamp: undefined, unverified: {} });
    expect(validate({ ...sample, event_type: "payment_exploded" }).valid).toBe(false);
    expect(validate({ ...sample, content: { type: "payment_details", object: { payment_id: "p" } } }).valid).toBe(
      false,
    );
  });

  it("narrows content by its type", async () => {
    const delivery = await signWebhookForTests(sample, "whsec_test");
    const { event } = await verifyWebhook(delivery.body, delivery.headers, { secrets: "whsec_test" });
    if (event.content.type !== "payment_details") throw new Error("expected a payment event");
    expect(event.content.object.status).toBe("succeeded");
  });

  it("refuses a signed body that is not an event, saying what is missing", async () => {
    const delivery = await signWebhookForTests('{"hello":"world"}', "whsec_test");
    const error = await verifyWebhook(delivery.body, delivery.headers, { secrets: "whsec_test" }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toMatchObject({
      reason: "schema_mismatch",
      problems: expect.arrayContaining(["$: missing event_id"]),
    });
    const notJson = await signWebhookForTests("not json", "whsec_test");
    await expect(verifyWebhook(notJson.body, notJson.headers, { secrets: "whsec_test" })).rejects.toMatchObject({
      reason: "unparseable_body",
    });
  });

  it("signs bytes for tests as they are, and verifies them", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(sample));
    const delivery = await signWebhookForTests(bytes, "whsec_test");
    expect(delivery.body).toBe(bytes);
    await expect(verifyWebhook(delivery.body, delivery.headers, { secrets: "whsec_test" })).resolves.toMatchObject({
      event: sample,
    });
  });
});

describe("Paymnt Cloud webhook events of each class", () => {
  const envelope = { merchant_id: "merchant_1668273825", timestamp: "2026-11-30T10:00:02.000Z" };
  const events: Record<string, PaymntCloudEvent> = {
    PaymentWebhookEvent: sample,
    RefundWebhookEvent: {
      ...envelope,
      event_id: "evt_2",
      event_type: "refund_failed",
      content: {
        type: "refund_details",
        object: {
          refund_id: "ref_mbabizu24mvu3mela5njyhpit4",
          payment_id: "pay_mbabizu24mvu3mela5njyhpit4",
          amount: 500,
          currency: "USD",
          status: "failed",
          connector: "stripe",
        },
      },
    },
    DisputeWebhookEvent: {
      ...envelope,
      event_id: "evt_3",
      event_type: "dispute_opened",
      content: {
        type: "dispute_details",
        object: {
          dispute_id: "dp_mbabizu24mvu3mela5njyhpit4",
          payment_id: "pay_mbabizu24mvu3mela5njyhpit4",
          attempt_id: "pay_mbabizu24mvu3mela5njyhpit4_1",
          amount: "1000",
          currency: "USD",
          dispute_stage: "dispute",
          dispute_status: "dispute_opened",
          connector: "stripe",
          connector_status: "needs_response",
          connector_dispute_id: "du_1",
          created_at: "2026-11-25T10:00:05.000Z",
          is_already_refunded: false,
        },
      },
    },
    MandateWebhookEvent: {
      ...envelope,
      event_id: "evt_4",
      event_type: "mandate_revoked",
      content: {
        type: "mandate_details",
        object: {
          mandate_id: "man_mbabizu24mvu3mela5njyhpit4",
          status: "revoked",
          payment_method_id: "pm_mbabizu24mvu3mela5njyhpit4",
          payment_method: "card",
        },
      },
    },
    PayoutWebhookEvent: {
      ...envelope,
      event_id: "evt_5",
      event_type: "payout_success",
      content: {
        type: "payout_details",
        object: {
          payout_id: "payout_mbabizu24mvu3mela5njyhp",
          merchant_id: "merchant_1668273825",
          amount: 2500,
          currency: "EUR",
          auto_fulfill: true,
          customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
          client_secret: "payout_mbabizu24mvu3mela5njyhp_secret_x",
          return_url: "https://shop.example.com/payouts/return",
          business_country: "DE",
          entity_type: "Individual",
          recurring: false,
          status: "success",
          profile_id: "pro_abcdefghijklmnop1234",
        },
      },
    },
  };

  it.each(Object.entries(events))("a %s satisfies the envelope and its class only", (schema, event) => {
    expect(specValidator("paymnt-cloud", "#/components/schemas/WebhookEvent")(event)).toEqual({
      valid: true,
      errors: [],
    });
    for (const other of Object.keys(events)) {
      const { valid } = specValidator("paymnt-cloud", `#/components/schemas/${other}`)(event);
      expect(valid, other).toBe(other === schema);
    }
  });

  it("refuses an event type of another class, and a dispute whose amount is a number", () => {
    const validate = specValidator("paymnt-cloud", "#/components/schemas/PayoutWebhookEvent");
    expect(validate({ ...events.PayoutWebhookEvent, event_type: "refund_succeeded" }).valid).toBe(false);
    const dispute = events.DisputeWebhookEvent as PaymntCloudDisputeEvent;
    const numeric = {
      ...dispute,
      content: { ...dispute.content, object: { ...dispute.content.object, amount: 1000 } },
    };
    expect(specValidator("paymnt-cloud", "#/components/schemas/WebhookEvent")(numeric).valid).toBe(false);
  });

  it("narrows content to the dispute", () => {
    const event = events.DisputeWebhookEvent as PaymntCloudEvent;
    if (event.content.type !== "dispute_details") throw new Error("expected a dispute event");
    expectTypeOf(event.content.object).toEqualTypeOf<Dispute>();
    expect(event.content.object.dispute_status).toBe("dispute_opened");
  });
});

describe("the README's webhook endpoint (node:http)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("acknowledges a valid event once, ignores its duplicate, and refuses a forgery", async () => {
    vi.stubEnv("PAYMNT_WEBHOOK_SECRET", "whsec_endpoint");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { server } = await import("../examples/webhook-server.js");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const delivery = await signWebhookForTests(sample, "whsec_endpoint");
      const send = (headers: Record<string, string>) => fetch(url, { method: "POST", headers, body: delivery.body });
      expect((await send(delivery.headers)).status).toBe(200);
      expect((await send(delivery.headers)).status).toBe(200);
      expect(log.mock.calls).toEqual([["payment_succeeded", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"]]);
      const forged = await send({ ...delivery.headers, [signatureHeader]: "0".repeat(128) });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toBe("bad_signature");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("deliveries signed by the stateful mock (issue 19)", () => {
  it("verify with this package's verifier", async () => {
    const body = JSON.stringify(sample);
    const headers = signedHeaders("paymnt-cloud", { id: "evt_mock", type: "event", body }, "whsec_mock", {
      timestamp: Math.floor(Date.now() / 1000),
      deliveryId: "dlv_mock",
    });
    await expect(verifyWebhook(body, headers, { secrets: "whsec_mock" })).resolves.toMatchObject({ event: sample });
    await expect(verifyWebhook(body, headers, { secrets: "whsec_other" })).rejects.toMatchObject({
      reason: "bad_signature",
    });
  });
});
