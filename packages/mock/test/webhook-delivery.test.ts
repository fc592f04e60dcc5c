import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookDispatcher, signedHeaders, type WebhookEvent } from "../src/stateful/webhook-delivery.js";

// The stateful mock's webhook deliveries (issue 19, first piece): signed per provider, retried on
// the schedule (compressed), duplicated and reordered on request, every attempt recorded. The
// provider packages' own verifiers accept these deliveries (tested in each provider package).
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
let server: Server | undefined;

async function endpoint(answer: (received: Received, index: number) => number) {
  const received: Received[] = [];
  server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const item = { headers: request.headers, body };
    received.push(item);
    response.writeHead(answer(item, received.length - 1)).end();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

const event = (id: string): WebhookEvent => ({
  id,
  type: "payment_succeeded",
  body: JSON.stringify({ event_id: id, event_type: "payment_succeeded" }),
});

describe("signed headers", () => {
  it("sign as each provider documents", () => {
    const e = event("evt_1");
    const options = { timestamp: 1_706_356_245, deliveryId: "dlv_1" };
    const hex = (algorithm: string, text: string) => createHmac(algorithm, "s").update(text).digest("hex");
    expect(signedHeaders("paymnt-cloud", e, "s", options)["x-webhook-signature-512"]).toBe(hex("sha512", e.body));
    expect(signedHeaders("paymentkit", e, "s", options)).toMatchObject({
      "X-Webhook-Signature": hex("sha256", e.body),
      "X-Webhook-Event-Id": "evt_1",
      "X-Webhook-Event-Type": "payment_succeeded",
      "X-Webhook-Delivery-Id": "dlv_1",
    });
    expect(signedHeaders("vaiipay", e, "s", options)).toMatchObject({
      "X-PaymentService-Signature": hex("sha256", `1706356245.${e.body}`),
      "X-PaymentService-Timestamp": "1706356245",
      "X-PaymentService-Event": "payment_succeeded",
    });
    expect(signedHeaders("paymend", e, "s", options)).toEqual({ "content-type": "application/json" });
  });
});

describe("the webhook dispatcher", () => {
  it("delivers a signed event and records the attempt", async () => {
    const { url, received } = await endpoint(() => 200);
    const dispatcher = createWebhookDispatcher({ scheme: "paymnt-cloud", url, secret: "whsec_1" });
    dispatcher.deliver(event("evt_1"));
    await dispatcher.idle();
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toBe(event("evt_1").body);
    expect(received[0]?.headers["x-webhook-signature-512"]).toMatch(/^[0-9a-f]{128}$/);
    expect(dispatcher.records).toEqual([
      expect.objectContaining({
        eventId: "evt_1",
        outcome: "delivered",
        attempts: [expect.objectContaining({ status: 200 })],
      }),
    ]);
  });

  it("retries a non-2xx answer on the schedule, compressed, until a 2xx", async () => {
    const { url, received } = await endpoint((_item, index) => (index < 2 ? 500 : 200));
    const dispatcher = createWebhookDispatcher({
      scheme: "paymentkit",
      url,
      secret: "whsec_1",
      retryDelaysMs: [60_000, 300_000, 3_600_000],
      timeCompression: 60_000,
    });
    const started = Date.now();
    dispatcher.deliver(event("evt_1"));
    await dispatcher.idle();
    // 1 min + 5 min of the provider's time, in about 6 ms.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(received).toHaveLength(3);
    // Every attempt of one delivery carries the same delivery id.
    expect(new Set(received.map((item) => item.headers["x-webhook-delivery-id"])).size).toBe(1);
    expect(dispatcher.records[0]?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(dispatcher.records[0]?.outcome).toBe("delivered");
  });

  it("records what the endpoint answered with each attempt", async () => {
    const server2 = createServer((_request, response) => {
      response.writeHead(400, { "content-type": "text/plain" }).end("signature mismatch: check the secret");
    });
    await new Promise<void>((resolve) => server2.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server2.address() as AddressInfo).port}/hooks`;
      const dispatcher = createWebhookDispatcher({ scheme: "paymnt-cloud", url, secret: "s", retryDelaysMs: [] });
      dispatcher.deliver(event("evt_1"));
      await dispatcher.idle();
      expect(dispatcher.records[0]?.attempts).toEqual([
        expect.objectContaining({ status: 400, answer: "signature mismatch: check the secret", error: undefined }),
      ]);
    } finally {
      await new Promise<void>((resolve) => server2.close(() => resolve()));
    }
  });

  it("gives up when the schedule runs out, and records an endpoint that does not answer", async () => {
    const { url } = await endpoint(() => 503);
    const failing = createWebhookDispatcher({
      scheme: "vaiipay",
      url,
      secret: "s",
      retryDelaysMs: [10],
      timeCompression: 10,
    });
    failing.deliver(event("evt_1"));
    await failing.idle();
    expect(failing.records[0]).toMatchObject({ outcome: "failed", attempts: [{ status: 503 }, { status: 503 }] });

    const nobody = createWebhookDispatcher({ scheme: "paymend", url: "http://127.0.0.1:1/hooks", retryDelaysMs: [] });
    nobody.deliver(event("evt_2"));
    await nobody.idle();
    expect(nobody.records[0]).toMatchObject({
      outcome: "failed",
      attempts: [{ status: undefined, error: expect.any(String) }],
    });
  });

  it("sends duplicates and reverses a batch when asked", async () => {
    const { url, received } = await endpoint(() => 204);
    const dispatcher = createWebhookDispatcher({ scheme: "paymend", url, duplicates: 1, outOfOrder: true });
    dispatcher.deliver(event("evt_1"), event("evt_2"));
    await dispatcher.idle();
    expect(received.map((item) => JSON.parse(item.body).event_id)).toEqual(["evt_2", "evt_2", "evt_1", "evt_1"]);
    expect(dispatcher.records.every((record) => record.outcome === "delivered")).toBe(true);
  });

  it("ends pending retries as failed when closed", async () => {
    const { url } = await endpoint(() => 500);
    const dispatcher = createWebhookDispatcher({ scheme: "paymend", url, retryDelaysMs: [3_600_000] });
    dispatcher.deliver(event("evt_1"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    dispatcher.close();
    await dispatcher.idle();
    expect(dispatcher.records[0]?.outcome).toBe("failed");
    expect(() => dispatcher.deliver(event("evt_2"))).toThrow(/closed/);
  });

  it("keeps each provider's rules: success exactly 200, a final 4xx, and reports every outcome once", async () => {
    const { url, received } = await endpoint((_item, index) => (index === 0 ? 204 : index === 1 ? 200 : 404));
    const outcomes: string[] = [];
    const exact = createWebhookDispatcher({
      scheme: "vaiipay",
      url,
      secret: "s",
      success: "200",
      // VaiiPay's lifecycle lists only failure classes; a 2xx that is not 200 is retried all the same.
      retryOn: ["3xx", "4xx", "5xx", "timeout", "network"],
      retryDelaysMs: [10],
      timeCompression: 10,
      onOutcome: (record) => outcomes.push(`${record.eventId} ${record.outcome}`),
    });
    exact.deliver(event("evt_1"));
    await exact.idle();
    // A 204 does not acknowledge a VaiiPay delivery: retried, then the 200 does.
    expect(exact.records[0]?.attempts.map((attempt) => attempt.status)).toEqual([204, 200]);

    const noFourXx = createWebhookDispatcher({
      scheme: "paymentkit",
      url,
      secret: "s",
      retryOn: ["5xx", "timeout", "network"],
      retryDelaysMs: [10, 10],
      timeCompression: 10,
      onOutcome: (record) => outcomes.push(`${record.eventId} ${record.outcome}`),
    });
    noFourXx.deliver(event("evt_2"));
    await noFourXx.idle();
    // PaymentKit does not retry a 4xx: one attempt, failed.
    expect(noFourXx.records[0]).toMatchObject({ outcome: "failed", attempts: [{ status: 404 }] });
    expect(received).toHaveLength(3);
    expect(outcomes).toEqual(["evt_1 delivered", "evt_2 failed"]);
    expect(() => createWebhookDispatcher({ scheme: "paymend", url, success: "201" as "200" })).toThrow(/success/);
    expect(() => createWebhookDispatcher({ scheme: "paymend", url, retryOn: ["6xx" as "5xx"] })).toThrow(/retryOn/);
  });

  it("signs at the real time even when the provider's clock has been advanced", async () => {
    const { url, received } = await endpoint(() => 200);
    const advanced = Date.now() + 3_600_000;
    const dispatcher = createWebhookDispatcher({ scheme: "vaiipay", url, secret: "s", now: () => advanced });
    dispatcher.deliver(event("evt_1"));
    await dispatcher.idle();
    const signedAt = Number(received[0]?.headers["x-paymentservice-timestamp"]);
    expect(Math.abs(signedAt - Date.now() / 1000)).toBeLessThan(5);
    // The record keeps the provider's time.
    expect(dispatcher.records[0]?.attempts[0]?.at).toBe(advanced);
  });

  it("refuses bad options with a message naming them", () => {
    expect(() => createWebhookDispatcher({ scheme: "paymentkit", url: "http://x" })).toThrow(/secret is required/);
    expect(() => createWebhookDispatcher({ scheme: "paymend", url: "ftp://x" })).toThrow(/http or https/);
    expect(() => createWebhookDispatcher({ scheme: "paymend", url: "http://x", timeCompression: 0 })).toThrow(
      /timeCompression/,
    );
    expect(() => createWebhookDispatcher({ scheme: "paymend", url: "http://x", duplicates: 1.5 })).toThrow(
      /duplicates/,
    );
  });
});
