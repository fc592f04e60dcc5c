import {
  checkEventSchema,
  checkWebhookOptions,
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

/** A webhook event: `content.type` tells what `content.object` is. */
export type PaymntCloudEvent = components["schemas"]["WebhookEvent"];
export type PaymntCloudEventType = components["schemas"]["WebhookEventType"];
/** A `payments` event (`payment_*`, `action_required`); `content.object` is the payment. */
export type PaymntCloudPaymentEvent = components["schemas"]["PaymentWebhookEvent"];
/** A `refunds` event (`refund_succeeded`, `refund_failed`); `content.object` is the refund. */
export type PaymntCloudRefundEvent = components["schemas"]["RefundWebhookEvent"];
/** A `disputes` event (`dispute_*`); `content.object` is the dispute. */
export type PaymntCloudDisputeEvent = components["schemas"]["DisputeWebhookEvent"];
/** A `mandates` event (`mandate_active`, `mandate_revoked`); `content.object` is the mandate. */
export type PaymntCloudMandateEvent = components["schemas"]["MandateWebhookEvent"];
/** A `payouts` event (`payout_*`); `content.object` is the payout. */
export type PaymntCloudPayoutEvent = components["schemas"]["PayoutWebhookEvent"];

/** The header carrying the signature. */
export const signatureHeader = "x-webhook-signature-512";

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The profile's `payment_response_hash_key`; several while rotating (newest first). */
  readonly secrets: string | readonly string[];
}

/** A verified Paymnt Cloud delivery: the event, a key to deduplicate on (its signed `event_id`), and what was checked. */
export type PaymntCloudWebhook = WebhookResult<PaymntCloudEvent>;

/**
 * Verifies a Paymnt Cloud webhook and returns its event. Pass the raw body exactly as received
 * (string or bytes). The signature is the hex HMAC-SHA512 of the body. The event is checked
 * against the spec's webhook schema before it is returned. The scheme signs no timestamp, so a
 * captured delivery can be replayed: deduplicate on `dedupeKey` (the signed `event_id`) with
 * `processWebhookOnce`.
 *
 * @throws ConfigurationError for bad options (before any check);
 * WebhookVerificationError (`missing_header`, `invalid_headers`, `malformed_header`,
 * `bad_signature`, `parsed_body`, `empty_body`, `unparseable_body`); WebhookPayloadError
 * (`schema_mismatch`, with `problems`).
 */
export async function verifyWebhook(
  rawBody: RawBody,
  headers: IncomingHeaders,
  options: VerifyWebhookOptions,
): Promise<PaymntCloudWebhook> {
  const { secrets } = checkWebhookOptions(options);
  const bytes = await verifySignedBody({ rawBody, headers, secrets, header: signatureHeader, algorithm: "SHA-512" });
  const event = parseJsonBody(bytes);
  checkEventSchema(webhookSchemas, ["event"], event, "Paymnt Cloud event");
  const verified = event as PaymntCloudEvent;
  return {
    event: verified,
    dedupeKey: verified.event_id,
    verification: { scheme: "hmac-sha512", signed: true, timestamp: undefined, unverified: {} },
  };
}

/** Same as {@link verifyWebhook}, under the name other SDKs use. */
export const constructEvent = verifyWebhook;

/**
 * Signs a payload as Paymnt Cloud would, for your own tests: an event (sent as JSON), or a string
 * or bytes sent as they are. Returns the body and headers to send to your endpoint.
 */
export async function signWebhookForTests<Payload extends string | Uint8Array | PaymntCloudEvent>(
  payload: Payload,
  secret: string,
): Promise<{ body: TestBody<Payload>; headers: Record<string, string> }> {
  const { body, bytes } = testPayload(payload);
  const signature = await signBytesHex("SHA-512", secret, bytes);
  return { body, headers: { "content-type": "application/json", [signatureHeader]: signature } };
}
