import {
  checkEventSchema,
  checkWebhookOptions,
  headerValue,
  type IncomingHeaders,
  parseJsonBody,
  type RawBody,
  signBytesHex,
  type TestBody,
  testPayload,
  verifySignedBody,
  type WebhookResult,
} from "@payspec/core";
import type { components } from "./generated/openapi.js";
import { webhookSchemas } from "./generated/webhook-schemas.js";

/** PaymentKit's Stripe-like event envelope. */
export type PaymentKitEvent = components["schemas"]["WebhookEvent"];
/** `subscription.resumed`: the subscription, with `resumed_at` and `new_state`. */
export type SubscriptionResumedEvent = components["schemas"]["SubscriptionResumedEvent"];
/** `subscription.resume_scheduled`: the still-paused subscription with its new `resumes_at`. */
export type SubscriptionResumeScheduledEvent = components["schemas"]["SubscriptionResumeScheduledEvent"];

export const signatureHeader = "X-Webhook-Signature";
export const eventIdHeader = "X-Webhook-Event-Id";
export const eventTypeHeader = "X-Webhook-Event-Type";
export const deliveryIdHeader = "X-Webhook-Delivery-Id";

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The endpoint's signing secret; several while rotating (newest first). */
  readonly secrets: string | readonly string[];
}

/** A verified PaymentKit delivery: the event, a key to deduplicate on (its signed `id`), and what was checked. */
export type PaymentKitWebhook = WebhookResult<PaymentKitEvent>;

/**
 * Verifies a PaymentKit webhook (HMAC-SHA256 of the raw body in `X-Webhook-Signature`, hex or
 * base64) and returns the event, checked against the spec's webhook schema (and the schema of its
 * type, where the spec has one). No timestamp is signed, so a captured delivery can be replayed:
 * deduplicate on `dedupeKey`, the signed `event.id` (the `X-Webhook-Event-Id` header says the same
 * but is not signed; it is returned under `verification.unverified` with the other headers).
 *
 * @throws ConfigurationError for bad options (before any check); WebhookVerificationError with a
 * `reason` naming the failed check; WebhookPayloadError (`schema_mismatch`, with `problems`).
 */
export async function verifyWebhook(
  rawBody: RawBody,
  headers: IncomingHeaders,
  options: VerifyWebhookOptions,
): Promise<PaymentKitWebhook> {
  const { secrets } = checkWebhookOptions(options);
  const bytes = await verifySignedBody({
    rawBody,
    headers,
    secrets,
    header: signatureHeader,
    algorithm: "SHA-256",
    encodings: ["hex", "base64"],
  });
  const event = parseJsonBody(bytes) as { type?: unknown };
  checkEventSchema(webhookSchemas, ["event", String(event?.type)], event, "PaymentKit event");
  const verified = event as PaymentKitEvent;
  const unverified: Record<string, string> = {};
  for (const name of [eventIdHeader, eventTypeHeader, deliveryIdHeader]) {
    const value = headerValue(headers, name);
    if (value !== undefined) unverified[name] = value;
  }
  return {
    event: verified,
    dedupeKey: verified.id,
    verification: { scheme: "hmac-sha256", signed: true, timestamp: undefined, unverified },
  };
}

/** Same as {@link verifyWebhook}, under the name other SDKs use. */
export const constructEvent = verifyWebhook;

/**
 * Signs a payload as PaymentKit would, with all four headers, for your own tests: an event (sent
 * as JSON), or a string or bytes sent as they are (the id and type headers are then taken from
 * the body when it is a JSON event, and left empty otherwise).
 */
export async function signWebhookForTests<Payload extends string | Uint8Array | PaymentKitEvent>(
  payload: Payload,
  secret: string,
  options: { readonly deliveryId?: string } = {},
): Promise<{ body: TestBody<Payload>; headers: Record<string, string> }> {
  const { body, bytes } = testPayload(payload);
  let parsed: { id?: unknown; type?: unknown } = {};
  try {
    parsed = (JSON.parse(new TextDecoder().decode(bytes)) ?? {}) as typeof parsed;
  } catch {
    // A body that is not JSON is signed all the same: tests of a bad payload need one.
  }
  const signature = await signBytesHex("SHA-256", secret, bytes);
  return {
    body,
    headers: {
      "content-type": "application/json",
      [signatureHeader]: signature,
      [eventIdHeader]: typeof parsed.id === "string" ? parsed.id : "",
      [eventTypeHeader]: typeof parsed.type === "string" ? parsed.type : "",
      [deliveryIdHeader]: options.deliveryId ?? crypto.randomUUID(),
    },
  };
}
