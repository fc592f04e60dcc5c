import { specValidator } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import { createDeduper, type PaymendEvent, parseWebhook, webhookBodyForTests } from "../src/index.js";

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

  it("parses a typed event from the raw body, as a string or bytes", () => {
    const { body } = webhookBodyForTests(event);
    expect(parseWebhook(body)).toEqual(event);
    expect(parseWebhook(new TextEncoder().encode(body)).eventType).toBe("PAYMENT_CAPTURED");
  });

  it("matches the spec's webhook schema", () => {
    expect(validate(event)).toEqual({ valid: true, errors: [] });
    expect(validate({ ...event, eventType: "PAYMENT_EXPLODED" }).valid).toBe(false);
    expect(validate({ eventType: "PAYMENT_CAPTURED" }).valid).toBe(false);
  });

  it.each([
    ["a parsed object", event, "parsed_body"],
    ["an empty body", "", "empty_body"],
    ["invalid JSON", "{", "unparseable_body"],
    ["JSON without an eventId", '{"eventType":"PAYMENT_CAPTURED"}', "unparseable_body"],
  ])("refuses %s with a typed reason", (_case, body, reason) => {
    expect(() => parseWebhook(body as string)).toThrow(
      expect.objectContaining({ name: "WebhookVerificationError", reason }),
    );
  });

  it("deduplicates at-least-once deliveries on eventId", () => {
    const deduper = createDeduper();
    const deliveries = [event, event, { ...event, eventId: "evt_other" }];
    const processed = deliveries.filter(
      (delivery) => !deduper.isDuplicate(parseWebhook(JSON.stringify(delivery)).eventId),
    );
    expect(processed.map((delivery) => delivery.eventId)).toEqual(["evt_7f3a9c2e", "evt_other"]);
  });
});
