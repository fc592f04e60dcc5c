import {
  checkEventSchema,
  checkTimestamp,
  checkWebhookOptions,
  headerValue,
  type IncomingHeaders,
  parseJsonBody,
  type RawBody,
  requireHeader,
  signBytesHex,
  type TestBody,
  testPayload,
  verifySignedBody,
  type WebhookResult,
  WebhookVerificationError,
} from "@payspec/core";
import type { components } from "./generated/openapi.js";
import { webhookSchemas } from "./generated/webhook-schemas.js";

type Payment = components["schemas"]["Payment"];

/** Documented event names; others may arrive (the docs' list is cut short). */
export type VaiiPayEventName = "payment.completed" | "payment.received" | "payment.underpaid" | (string & {});

/**
 * A VaiiPay delivery's body: the payment, as VaiiPay signed it. The event's name is not in it: it
 * comes in the unsigned `X-PaymentService-Event` header (see {@link VaiiPayWebhook}).
 */
export interface VaiiPayEvent {
  readonly payment: Payment;
}

/**
 * A verified VaiiPay delivery. The body and the timestamp are signed; the event name header
 * (`X-PaymentService-Event`) is **not**, and is returned in `verification.unverified`. VaiiPay's docs
 * say to act on the event, not the status: `payment.received` (an early hook) and `payment.completed`
 * (the signal to fulfil on) both carry `status: "RECEIVED"`. So `dedupeKey` tells deliveries apart by
 * `paymentId:event:status:receivedAmount` — a retry of one delivery repeats it, `payment.completed`
 * after `payment.received` or a second `payment.underpaid` with more received does not — and a
 * handler fulfils on `payment.completed` with a signed `RECEIVED` status, once per payment in its
 * own records (a captured delivery replayed within the tolerance with the header changed would be a
 * new key).
 */
export type VaiiPayWebhook = WebhookResult<VaiiPayEvent>;

export const signatureHeader = "X-PaymentService-Signature";
export const timestampHeader = "X-PaymentService-Timestamp";
export const eventHeader = "X-PaymentService-Event";

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The application's webhook secret; several while rotating (newest first). */
  readonly secrets: string | readonly string[];
  /**
   * Largest accepted distance between the signed timestamp and now, both ways, from 0 to 86 400.
   * Default 300 s: **payspec's own choice**, since no VaiiPay page states a replay window. VaiiPay
   * does not document whether a retried delivery is signed again with a new timestamp; if it keeps
   * the original one, a retry arriving after the window is refused like a replay, so the payment
   * stays `RECEIVED` on VaiiPay's side: reconcile with `payments.retrieve`, or raise this.
   */
  readonly toleranceSeconds?: number;
  /** The current time, for tests. */
  readonly now?: Date;
}

/**
 * Verifies a VaiiPay webhook: hex HMAC-SHA256 of `timestamp + "." + rawBody`, a signed timestamp
 * within the tolerance (stale and future-dated both refused), then the body checked against the
 * spec's webhook schema. See {@link VaiiPayWebhook} for what is signed and what is not.
 *
 * @throws ConfigurationError for bad options, before any check (`toleranceSeconds: NaN` must not
 * turn the replay window off); WebhookVerificationError with a `reason` naming the failed check;
 * WebhookPayloadError (`schema_mismatch`, with `problems`).
 */
export async function verifyWebhook(
  rawBody: RawBody,
  headers: IncomingHeaders,
  options: VerifyWebhookOptions,
): Promise<VaiiPayWebhook> {
  const { secrets, toleranceSeconds = 300, now } = checkWebhookOptions(options, ["toleranceSeconds", "now"]);
  // The scheme signs `timestamp + "." + body`; the timestamp's form is checked once the signature
  // header is known to be there.
  const readTimestamp = (incoming: IncomingHeaders) => {
    const text = requireHeader(incoming, timestampHeader);
    if (!/^\d{1,12}$/.test(text)) {
      throw new WebhookVerificationError("malformed_header", `The ${timestampHeader} header is not Unix seconds.`);
    }
    return text;
  };
  const bytes = await verifySignedBody({
    rawBody,
    headers,
    secrets,
    header: signatureHeader,
    algorithm: "SHA-256",
    signedPrefix: (incoming) => `${readTimestamp(incoming)}.`,
  });
  const timestamp = Number(readTimestamp(headers));
  checkTimestamp(timestamp, toleranceSeconds, now);
  const event = parseJsonBody(bytes);
  checkEventSchema(webhookSchemas, ["paymentEvent"], event, "VaiiPay payment event");
  const { payment } = event as VaiiPayEvent;
  const eventName = headerValue(headers, eventHeader);
  return {
    event: { payment },
    dedupeKey: `${payment.id}:${eventName ?? ""}:${payment.status}:${payment.receivedAmount?.amount ?? ""}`,
    verification: {
      scheme: "hmac-sha256",
      signed: true,
      timestamp,
      unverified: eventName === undefined ? {} : { [eventHeader]: eventName },
    },
  };
}

/** Same as {@link verifyWebhook}, under the name other SDKs use. */
export const constructEvent = verifyWebhook;

/**
 * Signs a payload as VaiiPay would (now, unless a timestamp is given), for your own tests: an
 * event (sent as JSON), or a string or bytes sent as they are.
 */
export async function signWebhookForTests<Payload extends string | Uint8Array | VaiiPayEvent>(
  payload: Payload,
  secret: string,
  options: { readonly event?: string; readonly timestamp?: number } = {},
): Promise<{ body: TestBody<Payload>; headers: Record<string, string> }> {
  const { body, bytes } = testPayload(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = await signBytesHex("SHA-256", secret, bytes, `${timestamp}.`);
  return {
    body,
    headers: {
      "content-type": "application/json",
      [eventHeader]: options.event ?? "payment.completed",
      [timestampHeader]: timestamp,
      [signatureHeader]: signature,
    },
  };
}
