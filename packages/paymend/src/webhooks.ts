import {
  checkEventSchema,
  parseJsonBody,
  type RawBody,
  rawBodyBytes,
  type TestBody,
  testPayload,
  WebhookPayloadError,
  type WebhookResult,
  WebhookVerificationError,
} from "@payspec/core";
import type { components } from "./generated/openapi.js";
import { webhookSchemas } from "./generated/webhook-schemas.js";

/** A Paymend webhook event. `eventId` is documented; `eventType` and `payment` are assumed names. */
export type PaymendEvent = components["schemas"]["WebhookEvent"];
export type PaymendEventType = components["schemas"]["WebhookEventType"];

/**
 * A parsed Paymend delivery. **Nothing in it is verified** (`verification.signed` is `false`):
 * Paymend documents no signature, so anyone who knows your URL can post one. Deduplicate on
 * `dedupeKey` (`eventId:paymentId:eventType`: a forged event that reuses a genuine event's id for
 * another payment cannot then mask it) and re-fetch the payment (`paymend.payments.get(paymentId)`)
 * before acting on it.
 */
export type PaymendWebhook = WebhookResult<PaymendEvent>;

/**
 * Parses a Paymend webhook body into a typed event, checked against the spec's webhook schema.
 * This does not verify anything (see {@link PaymendWebhook}).
 *
 * @throws WebhookPayloadError with reason `parsed_body`, `empty_body`, `unparseable_body` or
 * `schema_mismatch` (with `problems`): never a verification error, since nothing is verified.
 */
export function parseWebhook(rawBody: RawBody): PaymendWebhook {
  let event: unknown;
  try {
    event = parseJsonBody(rawBodyBytes(rawBody));
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw new WebhookPayloadError(error.reason, error.message);
    throw error;
  }
  checkEventSchema(webhookSchemas, ["paymentEvent"], event, "Paymend event");
  const parsed = event as PaymendEvent;
  return {
    event: parsed,
    dedupeKey: `${parsed.eventId}:${parsed.payment?.paymentId ?? ""}:${parsed.eventType ?? ""}`,
    verification: { scheme: "none", signed: false, timestamp: undefined, unverified: {} },
  };
}

/** A body as Paymend would send it, for your own tests (no signature exists to add): an event, or a string or bytes sent as they are. */
export function webhookBodyForTests<Payload extends string | Uint8Array | PaymendEvent>(
  payload: Payload,
): { body: TestBody<Payload>; headers: Record<string, string> } {
  return { body: testPayload(payload).body, headers: { "content-type": "application/json" } };
}
