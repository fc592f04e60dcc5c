import {
  checkTimestamp,
  type IncomingHeaders,
  parseJsonBody,
  type RawBody,
  requireHeader,
  signHmacHex,
  verifySignedBody,
  WebhookVerificationError,
} from "@payspec/core";
import type { components } from "./generated/openapi.js";

type Payment = components["schemas"]["Payment"];

/** Documented event names; others may arrive (the docs' list is cut short). */
export type VaiiPayEventName = "payment.completed" | "payment.received" | "payment.underpaid" | (string & {});

/** A verified VaiiPay webhook: the event name (from its header), when it was sent, and the payment. */
export interface VaiiPayEvent {
  readonly event: VaiiPayEventName;
  /** `X-PaymentService-Timestamp`, Unix seconds. */
  readonly timestamp: number;
  readonly payment: Payment;
  /** A key to deduplicate on (`paymentId:event`): the payload carries no event id. */
  readonly dedupeKey: string;
}

export const signatureHeader = "X-PaymentService-Signature";
export const timestampHeader = "X-PaymentService-Timestamp";
export const eventHeader = "X-PaymentService-Event";

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The application's webhook secret; several while rotating (newest first). */
  readonly secrets: string | readonly string[];
  /**
   * Largest accepted distance between the timestamp and now, both ways. Default 300 s: payspec's own
   * choice, as VaiiPay's pages state no replay window.
   */
  readonly toleranceSeconds?: number;
  /** The current time, for tests. */
  readonly now?: Date;
}

/**
 * Verifies a VaiiPay webhook: hex HMAC-SHA256 of `timestamp + "." + rawBody`, a timestamp within
 * the tolerance (stale and future-dated both refused), then parses `{ payment }`.
 *
 * @throws WebhookVerificationError with a `reason` naming the failed check.
 */
export async function verifyWebhook(
  rawBody: RawBody,
  headers: IncomingHeaders,
  options: VerifyWebhookOptions,
): Promise<VaiiPayEvent> {
  // The scheme signs `timestamp + "." + body`; the timestamp and event headers are read (and the
  // timestamp's form checked) once the signature header is known to be there.
  const readSigned = (incoming: IncomingHeaders) => {
    const text = requireHeader(incoming, timestampHeader);
    requireHeader(incoming, eventHeader);
    if (!/^\d{1,12}$/.test(text)) {
      throw new WebhookVerificationError("malformed_header", `The ${timestampHeader} header is not Unix seconds.`);
    }
    return text;
  };
  const bytes = await verifySignedBody({
    rawBody,
    headers,
    secrets: options.secrets,
    header: signatureHeader,
    algorithm: "SHA-256",
    signedPrefix: (incoming) => `${readSigned(incoming)}.`,
  });
  const timestampText = readSigned(headers);
  const event = requireHeader(headers, eventHeader);
  const timestamp = Number(timestampText);
  checkTimestamp(timestamp, options.toleranceSeconds ?? 300, options.now);
  const body = parseJsonBody(bytes) as { payment?: Payment };
  if (typeof body?.payment?.id !== "string") {
    throw new WebhookVerificationError(
      "unparseable_body",
      "The webhook body is not a VaiiPay payment event (no payment.id).",
    );
  }
  return { event, timestamp, payment: body.payment, dedupeKey: `${body.payment.id}:${event}` };
}

/** Same as {@link verifyWebhook}, under the name other SDKs use. */
export const constructEvent = verifyWebhook;

/** Signs a payload as VaiiPay would (now, unless a timestamp is given), for your own tests. */
export async function signWebhookForTests(
  payload: string | { payment: Payment },
  secret: string,
  options: { readonly event?: string; readonly timestamp?: number } = {},
): Promise<{ body: string; headers: Record<string, string> }> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = await signHmacHex("SHA-256", secret, `${timestamp}.${body}`);
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
