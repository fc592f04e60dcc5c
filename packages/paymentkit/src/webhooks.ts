import {
  type IncomingHeaders,
  parseJsonBody,
  type RawBody,
  signHmacHex,
  verifySignedBody,
  WebhookVerificationError,
} from "@payspec/core";
import type { components } from "./generated/openapi.js";

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

/**
 * Verifies a PaymentKit webhook (HMAC-SHA256 of the raw body in `X-Webhook-Signature`, hex or
 * base64) and returns the typed event. No timestamp is signed: deduplicate on the event id
 * (`X-Webhook-Event-Id`, equal to `event.id`) with `createDeduper`.
 *
 * @throws WebhookVerificationError with a `reason` naming the failed check.
 */
export async function verifyWebhook(
  rawBody: RawBody,
  headers: IncomingHeaders,
  options: VerifyWebhookOptions,
): Promise<PaymentKitEvent> {
  const bytes = await verifySignedBody({
    rawBody,
    headers,
    secrets: options.secrets,
    header: signatureHeader,
    algorithm: "SHA-256",
    encodings: ["hex", "base64"],
  });
  const event = parseJsonBody(bytes) as Partial<PaymentKitEvent>;
  if (typeof event?.id !== "string" || typeof event.type !== "string" || typeof event.data !== "object") {
    throw new WebhookVerificationError(
      "unparseable_body",
      "The webhook body is not a PaymentKit event (no id, type or data).",
    );
  }
  return event as PaymentKitEvent;
}

/** Same as {@link verifyWebhook}, under the name other SDKs use. */
export const constructEvent = verifyWebhook;

/** Signs an event as PaymentKit would, with all four headers, for your own tests. */
export async function signWebhookForTests(
  payload: string | PaymentKitEvent,
  secret: string,
  options: { readonly deliveryId?: string } = {},
): Promise<{ body: string; headers: Record<string, string> }> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const parsed = JSON.parse(body) as { id?: unknown; type?: unknown };
  const signature = await signHmacHex("SHA-256", secret, body);
  return {
    body,
    headers: {
      "content-type": "application/json",
      [signatureHeader]: signature,
      [eventIdHeader]: String(parsed.id ?? ""),
      [eventTypeHeader]: String(parsed.type ?? ""),
      [deliveryIdHeader]: options.deliveryId ?? crypto.randomUUID(),
    },
  };
}
