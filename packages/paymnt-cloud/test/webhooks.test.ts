import type { AddressInfo } from "node:net";
import { specValidator } from "@payspec/mock";
import { webhookConformanceSuite } from "@payspec/mock/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type PaymntCloudEvent, signatureHeader, signWebhookForTests, verifyWebhook } from "../src/index.js";

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
  signatureHeader,
  samplePayload: JSON.stringify(sample),
  sign: (payload, secret) => signWebhookForTests(payload, secret),
  verify: (body, headers, options) => verifyWebhook(body as string, headers, options),
});

describe("Paymnt Cloud webhook events", () => {
  const validate = specValidator("paymnt-cloud", "#/components/schemas/WebhookEvent");

  it("match the spec's webhook schema, for the fixture and the signer's output", async () => {
    expect(validate(sample)).toEqual({ valid: true, errors: [] });
    const delivery = await signWebhookForTests(sample, "whsec_test");
    const event = await verifyWebhook(delivery.body, delivery.headers, { secrets: "whsec_test" });
    expect(validate(event).valid).toBe(true);
    expect(validate({ ...sample, event_type: "payment_exploded" }).valid).toBe(false);
    expect(validate({ ...sample, content: { type: "payment_details", object: { payment_id: "p" } } }).valid).toBe(
      false,
    );
  });

  it("narrows content by its type", async () => {
    const delivery = await signWebhookForTests(sample, "whsec_test");
    const event = await verifyWebhook(delivery.body, delivery.headers, { secrets: "whsec_test" });
    if (event.content.type !== "payment_details") throw new Error("expected a payment event");
    expect(event.content.object.status).toBe("succeeded");
  });

  it("refuses a signed body that is not an event", async () => {
    const delivery = await signWebhookForTests('{"hello":"world"}', "whsec_test");
    await expect(verifyWebhook(delivery.body, delivery.headers, { secrets: "whsec_test" })).rejects.toMatchObject({
      reason: "unparseable_body",
    });
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
