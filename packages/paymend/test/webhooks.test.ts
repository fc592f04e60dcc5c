import { specValidator } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import {
  createMemoryWebhookStore,
  type PaymendEvent,
  parseWebhook,
  processWebhookOnce,
  WebhookPayloadError,
  WebhookVerificationError,
  webhookBodyForTests,
} from "../src/index.js";

const event: PaymendEvent = {
  eventId: "evt_7f3a9c2e",
  eventType: "PAYMENT_CAPTURED",
  payment: {
    paymentId: "pay_1234567890abcdef",
    merchantReference: "PAYMENT-12345",
    amount: 12997,
    currency: "USD",
    status: "CAPTURED",
    createdAt: "2026-11-22T10:00:00Z",
    updatedAt: "2026-11-22T10:00:02Z",
  },
};

describe("Paymend webhooks (parsing and dedupe only: no signature is documented)", () => {
  const validate = specValidator("paymend", "#/components/schemas/WebhookEvent");

  it("parses a typed event from the raw body, as a string or bytes, and says nothing was verified", () => {
    const { body } = webhookBodyForTests(event);
    expect(parseWebhook(body)).toEqual({
      event,
      dedupeKey: "evt_7f3a9c2e:pay_1234567890abcdef:PAYMENT_CAPTURED",
      verification: { scheme: "none", signed: false, timestamp: undefined, unverified: {} },
    });
    const bytes = new TextEncoder().encode(body);
    expect(webhookBodyForTests(bytes).body).toBe(bytes);
    expect(parseWebhook(bytes).event.eventType).toBe("PAYMENT_CAPTURED");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(parseWebhook(view).event.eventId).toBe("evt_7f3a9c2e");
  });

  it("matches the spec's webhook schema", () => {
    expect(validate(event)).toEqual({ valid: true, errors: [] });
    // The page was cut off before the payload: a name it did not list, and a payment shaped
    // otherwise than PaymentResponse, are accepted while the event names its id and its payment's.
    expect(validate({ ...event, eventType: "PAYMENT_DISPUTED" }).valid).toBe(true);
    expect(validate({ ...event, payment: { paymentId: "pay_1", status: "CAPTURED" } }).valid).toBe(true);
    expect(validate({ ...event, eventType: "" }).valid).toBe(false);
    expect(validate({ ...event, payment: { status: "CAPTURED" } }).valid).toBe(false);
    expect(validate({ eventType: "PAYMENT_CAPTURED" }).valid).toBe(false);
  });

  it.each([
    ["a parsed object", event, "parsed_body"],
    ["an empty body", "", "empty_body"],
    ["invalid JSON", "{", "unparseable_body"],
    ["JSON without an eventId", '{"eventType":"PAYMENT_CAPTURED"}', "schema_mismatch"],
    ["a null payment", JSON.stringify({ ...event, payment: null }), "schema_mismatch"],
  ])("refuses %s with a payload error (nothing was verified, so never a verification error)", (_case, body, reason) => {
    let error: unknown;
    try {
      parseWebhook(body as string);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).not.toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ reason });
  });

  it("deduplicates at-least-once deliveries on eventId, and lets a retry through after a failed handler", async () => {
    const store = createMemoryWebhookStore();
    const processed: string[] = [];
    let failOnce = true;
    const deliver = async (delivery: PaymendEvent) => {
      const { event: parsed, dedupeKey } = parseWebhook(JSON.stringify(delivery));
      return processWebhookOnce(store, dedupeKey, async () => {
        if (failOnce) {
          failOnce = false;
          throw new Error("database down");
        }
        processed.push(parsed.eventId);
      });
    };
    await expect(deliver(event)).rejects.toThrow("database down");
    await expect(deliver(event)).resolves.toEqual({ duplicate: false, result: undefined });
    await expect(deliver(event)).resolves.toMatchObject({ duplicate: true });
    await deliver({ ...event, eventId: "evt_other" });
    expect(processed).toEqual(["evt_7f3a9c2e", "evt_other"]);
  });
});

describe("Paymend dedupe keys (nothing is signed)", () => {
  it("keep a forged event that reuses a genuine event's id for another payment from masking it", () => {
    const genuine = { eventId: "evt_1", eventType: "PAYMENT_CAPTURED", payment: { paymentId: "pay_real" } } as const;
    const forged = { ...genuine, payment: { paymentId: "pay_forged" } };
    const key = (body: object) => parseWebhook(JSON.stringify(body)).dedupeKey;
    expect(key(forged)).not.toBe(key(genuine));
    expect(key(genuine)).toBe(key({ ...genuine }));
  });
});
