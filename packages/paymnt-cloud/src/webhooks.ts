import {
  type IncomingHeaders,
  parseJsonBody,
  type RawBody,
  signHmacHex,
  verifySignedBody,
  WebhookVerificationError,
} from "@payspec/core";
import type { components } from "./generated/openapi.js";

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

/**
 * Verifies a Paymnt Cloud webhook and returns its typed event. Pass the raw body exactly as
 * received (string or bytes). The signature is the hex HMAC-SHA512 of the body; the scheme has no
 * timestamp, so deduplicate on `event_id` (see `createDeduper`) to guard against replays.
 *
 * @throws WebhookVerificationError with a `reason`: `missing_header`, `malformed_header`,
 * `bad_signature`, `parsed_body`, `empty_body` or `unparseable_body`.
 */
export async function verifyWebhook(
  rawBody: RawBody,
  headers: IncomingHeaders,
  options: VerifyWebhookOptions,
): Promise<PaymntCloudEvent> {
  const bytes = await verifySignedBody({
    rawBody,
    headers,
    secrets: options.secrets,
    header: signatureHeader,
    algorithm: "SHA-512",
  });
  const event = parseJsonBody(bytes) as Partial<PaymntCloudEvent>;
  if (
    typeof event?.event_id !== "string" ||
    typeof event.event_type !== "string" ||
    typeof event.content !== "object"
  ) {
    throw new WebhookVerificationError(
      "unparseable_body",
      "The webhook body is not a Paymnt Cloud event (no event_id, event_type or content).",
    );
  }
  return event as PaymntCloudEvent;
}

/** Same as {@link verifyWebhook}, under the name other SDKs use. */
export const constructEvent = verifyWebhook;

/**
 * Signs a payload as Paymnt Cloud would, for your own tests: returns the body and headers to
 * send to your endpoint.
 */
export async function signWebhookForTests(
  payload: string | PaymntCloudEvent,
  secret: string,
): Promise<{ body: string; headers: Record<string, string> }> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const signature = await signHmacHex("SHA-512", secret, body);
  return { body, headers: { "content-type": "application/json", [signatureHeader]: signature } };
}
