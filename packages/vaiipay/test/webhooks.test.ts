import type { AddressInfo } from "node:net";
import { signedHeaders, specValidator } from "@payspec/mock";
import { webhookConformanceSuite } from "@payspec/mock/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  signatureHeader,
  signWebhookForTests,
  timestampHeader,
  type VaiiPayEvent,
  verifyWebhook,
} from "../src/index.js";

const sample = {
  payment: {
    id: "550e8400-e29b-41d4-a716-446655440000",
    status: "RECEIVED",
    reference: "ORDER-123",
    referenceLabel: "Order #123",
    currencyCode: "USD",
    amount: { value: 100, amount: 10000, formatted: "$100.00" },
    receivedAmount: { value: 100, amount: 10000, formatted: "$100.00" },
    date: "2026-01-15T10:00:00Z",
  },
} as const;

webhookConformanceSuite({
  provider: "VaiiPay",
  spec: "vaiipay",
  signatureHeader,
  timestampHeader,
  samplePayload: JSON.stringify(sample),
  sign: (payload, secret, options) =>
    signWebhookForTests(payload, secret, options?.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  brokenPayloads: [
    JSON.stringify({ payment: null }),
    JSON.stringify({ payment: { ...sample.payment, status: "PAID" } }),
    JSON.stringify({ payment: { ...sample.payment, amount: "100.00" } }),
  ],
  verify: (body, headers, options) => verifyWebhook(body as string, headers, options),
});

describe("VaiiPay webhook events", () => {
  const validate = specValidator("vaiipay", "#/components/schemas/WebhookPayload");

  it("match the spec's webhook schema", () => {
    expect(validate(sample)).toEqual({ valid: true, errors: [] });
    expect(validate({ payment: { ...sample.payment, status: "PAID" } }).valid).toBe(false);
  });

  it("decides only from signed data: the event name header is returned apart, unverified", async () => {
    const delivery = await signWebhookForTests(JSON.stringify(sample), "whsec_test", {
      event: "payment.received",
      timestamp: 1_706_356_245,
    });
    const received = await verifyWebhook(delivery.body, delivery.headers, {
      secrets: "whsec_test",
      now: new Date(1_706_356_300_000),
    });
    expect(received).toEqual({
      event: sample,
      dedupeKey: `550e8400-e29b-41d4-a716-446655440000:payment.received:RECEIVED:${sample.payment.receivedAmount?.amount ?? ""}`,
      verification: {
        scheme: "hmac-sha256",
        signed: true,
        timestamp: 1_706_356_245,
        unverified: { "X-PaymentService-Event": "payment.received" },
      },
    });
  });

  it("tells payment.completed after payment.received, and a second underpaid, apart from a retried delivery", async () => {
    const deliver = async (payment: VaiiPayEvent["payment"], event: string) => {
      const delivery = await signWebhookForTests(JSON.stringify({ payment }), "whsec_test", { event });
      return verifyWebhook(delivery.body, delivery.headers, { secrets: "whsec_test" });
    };
    const received = await deliver(sample.payment, "payment.received");
    const retried = await deliver(sample.payment, "payment.received");
    const completed = await deliver(sample.payment, "payment.completed");
    expect(retried.dedupeKey).toBe(received.dedupeKey);
    expect(completed.dedupeKey).not.toBe(received.dedupeKey);
    // The event name stays apart, unverified: the examples also require the signed RECEIVED status.
    expect(completed.verification.unverified).toEqual({ "X-PaymentService-Event": "payment.completed" });
    const short = {
      ...sample.payment,
      status: "UNDERPAID" as const,
      receivedAmount: { amount: 1000, value: 10, formatted: "$10.00" },
    };
    const topUp = { ...short, receivedAmount: { amount: 1500, value: 15, formatted: "$15.00" } };
    const first = await deliver(short, "payment.underpaid");
    const second = await deliver(topUp, "payment.underpaid");
    expect(second.dedupeKey).not.toBe(first.dedupeKey);
  });

  it("keeps a day-old delivery out whatever toleranceSeconds was given: NaN and an invalid now are refused", async () => {
    const old = await signWebhookForTests(JSON.stringify(sample), "whsec_test", {
      timestamp: Math.floor(Date.now() / 1000) - 86_400,
    });
    const tolerance = Number(process.env.PAYSPEC_UNSET_TOLERANCE);
    await expect(
      verifyWebhook(old.body, old.headers, { secrets: "whsec_test", toleranceSeconds: tolerance }),
    ).rejects.toMatchObject({ name: "ConfigurationError", message: expect.stringContaining("toleranceSeconds") });
    await expect(
      verifyWebhook(old.body, old.headers, { secrets: "whsec_test", now: new Date(Number.NaN) }),
    ).rejects.toMatchObject({ name: "ConfigurationError", message: expect.stringContaining("now") });
    await expect(verifyWebhook(old.body, old.headers, { secrets: "whsec_test" })).rejects.toMatchObject({
      reason: "outside_tolerance",
    });
  });

  it("signs bytes for tests, and verifies them", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(sample));
    const signed = await signWebhookForTests(bytes, "whsec_test");
    expect(signed.body).toBe(bytes);
    await expect(verifyWebhook(signed.body, signed.headers, { secrets: "whsec_test" })).resolves.toMatchObject({
      event: sample,
    });
  });

  it("refuses a signature moved to another timestamp", async () => {
    const delivery = await signWebhookForTests(JSON.stringify(sample), "whsec_test");
    const moved = { ...delivery.headers, [timestampHeader]: String(Number(delivery.headers[timestampHeader]) - 1) };
    await expect(verifyWebhook(delivery.body, moved, { secrets: "whsec_test" })).rejects.toMatchObject({
      reason: "bad_signature",
    });
  });

  it("refuses a timestamp that is not Unix seconds", async () => {
    const delivery = await signWebhookForTests(JSON.stringify(sample), "whsec_test");
    const bad = { ...delivery.headers, [timestampHeader]: "2026-01-01T00:00:00Z" };
    await expect(verifyWebhook(delivery.body, bad, { secrets: "whsec_test" })).rejects.toMatchObject({
      reason: "malformed_header",
    });
  });
});

describe("the README's webhook endpoint (node:http)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("fulfils payment.completed once and refuses a replay outside the tolerance", async () => {
    vi.stubEnv("VAIIPAY_WEBHOOK_SECRET", "whsec_endpoint");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { server } = await import("../examples/webhook-server.js");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const delivery = await signWebhookForTests(JSON.stringify(sample), "whsec_endpoint");
      for (let i = 0; i < 2; i++) {
        expect((await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body })).status).toBe(200);
      }
      expect(log.mock.calls).toEqual([["fulfil", "ORDER-123"]]);
      const old = await signWebhookForTests(JSON.stringify(sample), "whsec_endpoint", { timestamp: 1_706_356_245 });
      const replay = await fetch(url, { method: "POST", headers: old.headers, body: old.body });
      expect(replay.status).toBe(400);
      expect(await replay.text()).toBe("outside_tolerance");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("deliveries signed by the stateful mock (issue 19)", () => {
  it("verify with this package's verifier", async () => {
    const body = JSON.stringify(sample);
    const headers = signedHeaders("vaiipay", { id: "evt_mock", type: "event", body }, "whsec_mock", {
      timestamp: Math.floor(Date.now() / 1000),
      deliveryId: "dlv_mock",
    });
    await expect(verifyWebhook(body, headers, { secrets: "whsec_mock" })).resolves.toMatchObject({ event: sample });
    await expect(verifyWebhook(body, headers, { secrets: "whsec_other" })).rejects.toMatchObject({
      reason: "bad_signature",
    });
  });
});
