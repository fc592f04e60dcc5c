import { parseJsonBody, type RawBody, rawBodyBytes, WebhookVerificationError } from "@payspec/core";
import type { components } from "./generated/openapi.js";

/** A Paymend webhook event. `eventId` is documented; `eventType` and `payment` are assumed names. */
export type PaymendEvent = components["schemas"]["WebhookEvent"];
export type PaymendEventType = components["schemas"]["WebhookEventType"];

/**
 * Parses a Paymend webhook body into a typed event. **This does not verify anything**: Paymend
 * documents no signature, so anyone who knows your URL can post here. Deduplicate on `eventId`
 * (`createDeduper`) and re-fetch the payment (`GET /v1/payments/{paymentId}`) before acting.
 *
 * @throws WebhookVerificationError with reason `parsed_body`, `empty_body` or `unparseable_body`.
 */
export function parseWebhook(rawBody: RawBody): PaymendEvent {
  const event = parseJsonBody(rawBodyBytes(rawBody)) as Partial<PaymendEvent> | null;
  if (typeof event?.eventId !== "string" || event.eventId === "") {
    throw new WebhookVerificationError("unparseable_body", "The webhook body is not a Paymend event (no eventId).");
  }
  return event as PaymendEvent;
}

/** A body as Paymend would send it, for your own tests (no signature exists to add). */
export function webhookBodyForTests(event: PaymendEvent): { body: string; headers: Record<string, string> } {
  return { body: JSON.stringify(event), headers: { "content-type": "application/json" } };
}
