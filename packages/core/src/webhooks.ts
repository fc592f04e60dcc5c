import { ConfigurationError, PayspecError } from "./errors.js";
import { type CheckedSchema, schemaProblems, type WebhookSchemas } from "./schema-check.js";

/** Why a webhook was refused. */
export type WebhookErrorReason =
  | "missing_secret"
  | "missing_header"
  | "invalid_headers"
  | "malformed_header"
  | "bad_signature"
  | "outside_tolerance"
  | "parsed_body"
  | "empty_body"
  | "body_too_large"
  | "unparseable_body"
  | "schema_mismatch";

/**
 * A webhook delivery was refused: answer it with a 4xx. `reason` says which check; the message
 * never contains a secret or an expected signature.
 */
export class WebhookError extends PayspecError {
  override readonly name: string = "WebhookError";
  readonly reason: WebhookErrorReason;

  constructor(reason: WebhookErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The delivery could not be authenticated: no or a wrong signature, a stale timestamp, a body that is not the raw one. */
export class WebhookVerificationError extends WebhookError {
  override readonly name: string = "WebhookVerificationError";
}

/**
 * The delivery's content is unusable: `schema_mismatch` (not what the spec says the event carries,
 * listed in `problems`) or `body_too_large`; for an unsigned scheme (Paymend), where nothing is
 * verified, also an empty or non-JSON body. For a signed scheme an empty or non-JSON body is a
 * {@link WebhookVerificationError} (`empty_body`, `unparseable_body`), since what was signed cannot
 * be what the provider sends; a schema mismatch comes after the signature was verified.
 */
export class WebhookPayloadError extends WebhookError {
  override readonly name: string = "WebhookPayloadError";
  /** What did not match the spec, one line each (`$.content.amount: expected integer, got "10"`). */
  readonly problems: readonly string[];

  constructor(reason: WebhookErrorReason, message: string, problems: readonly string[] = []) {
    super(reason, message);
    this.problems = problems;
  }
}

/** What was checked about a delivery, and what came with it unchecked. */
export interface WebhookVerification {
  /** `hmac-sha256`, `hmac-sha512`, or `none` for a provider that signs nothing. */
  readonly scheme: "hmac-sha256" | "hmac-sha512" | "none";
  /** Whether a signature over the body was verified. */
  readonly signed: boolean;
  /** The signed timestamp (Unix seconds), for a scheme that signs one. */
  readonly timestamp: number | undefined;
  /**
   * Headers that came with the delivery but are not covered by the signature: for logging, never
   * for deciding (anyone who captured a delivery can change them).
   */
  readonly unverified: Readonly<Record<string, string>>;
}

/**
 * A delivery every payspec verifier returns: the provider's event (checked against the spec's
 * webhook schema), a key to deduplicate on made from signed data only, and what was verified.
 */
export interface WebhookResult<Event> {
  readonly event: Event;
  readonly dedupeKey: string;
  readonly verification: WebhookVerification;
}

/**
 * Checks a verifier's options before any check of the delivery runs, so a bad option can never
 * switch a check off (`toleranceSeconds: NaN` would make every timestamp "within" tolerance):
 * throws a {@link ConfigurationError} naming the option. `secrets` is required; `toleranceSeconds`
 * and `now` are checked when the verifier takes them.
 */
export function checkWebhookOptions(
  options: unknown,
  accepted: readonly ("toleranceSeconds" | "now")[] = [],
): { readonly secrets: readonly string[]; readonly toleranceSeconds?: number; readonly now?: Date } {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("invalid_option", "Pass the verifier's options: { secrets, … }.");
  }
  const known = new Set(["secrets", ...accepted]);
  for (const name of Object.keys(options)) {
    if (!known.has(name)) {
      throw new ConfigurationError(
        "invalid_option",
        `Unknown webhook option ${name}; this verifier takes ${[...known].join(", ")}.`,
      );
    }
  }
  const { secrets, toleranceSeconds, now } = options as Record<string, unknown>;
  const list = typeof secrets === "string" ? [secrets] : secrets;
  if (!Array.isArray(list) || list.length === 0 || list.some((secret) => typeof secret !== "string" || secret === "")) {
    throw new ConfigurationError(
      "invalid_option",
      "secrets must be the webhook signing secret, or a non-empty array of them while rotating (newest first).",
    );
  }
  if (
    toleranceSeconds !== undefined &&
    (typeof toleranceSeconds !== "number" ||
      !Number.isFinite(toleranceSeconds) ||
      toleranceSeconds < 0 ||
      toleranceSeconds > 86_400)
  ) {
    throw new ConfigurationError(
      "invalid_option",
      `toleranceSeconds must be a number of seconds from 0 to 86400; got ${String(toleranceSeconds)}.`,
    );
  }
  if (now !== undefined && (!(now instanceof Date) || Number.isNaN(now.getTime()))) {
    throw new ConfigurationError("invalid_option", `now must be a valid Date; got ${String(now)}.`);
  }
  return options as { secrets: readonly string[]; toleranceSeconds?: number; now?: Date };
}

/**
 * Checks an event against the spec's webhook schemas named (the envelope, and one for its type
 * when the spec has one); throws {@link WebhookPayloadError} `schema_mismatch` listing what did
 * not match.
 */
export function checkEventSchema(
  schemas: WebhookSchemas,
  names: readonly string[],
  event: unknown,
  what: string,
): void {
  const problems = names.flatMap((name) => {
    const schema: CheckedSchema | undefined = schemas.webhooks[name];
    return schema === undefined ? [] : schemaProblems(schema, event, schemas.schemas);
  });
  if (problems.length > 0) {
    throw new WebhookPayloadError(
      "schema_mismatch",
      `The webhook body is not a valid ${what}: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}.`,
      problems,
    );
  }
}

/** The raw request body, exactly as received: a string or bytes (a `Buffer`, any typed array or `DataView`). */
export type RawBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Incoming headers, as a `Headers` object or a Node-style record. */
export type IncomingHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

// Pure, so bundles that never verify a webhook leave it out.
const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * The body's bytes. A parsed object is refused: re-serialising JSON changes bytes (key order,
 * spacing, unicode escapes), so a signature over the original could never match.
 */
export function rawBodyBytes(body: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (typeof body === "string") bytes = encoder.encode(body);
  else if (body instanceof Uint8Array) bytes = body;
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  // A DataView or another typed array over the bytes, as some frameworks hand them over.
  else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  else {
    throw new WebhookVerificationError(
      "parsed_body",
      `Pass the raw request body (a string or bytes), not ${body === null ? "null" : typeof body === "object" ? "a parsed object" : typeof body}: read it before any JSON parser runs, e.g. express.raw({ type: "application/json" }).`,
    );
  }
  if (bytes.byteLength === 0) throw new WebhookVerificationError("empty_body", "The webhook body is empty.");
  return bytes;
}

/** A header's value (case-insensitive); the first one if repeated. */
export function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) {
    throw new WebhookVerificationError(
      "invalid_headers",
      `Pass the request's headers (a Headers object or a record such as Node's request.headers), not ${headers === null ? "null" : typeof headers}.`,
    );
  }
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== lower) continue;
    return typeof value === "string" ? value : value?.[0];
  }
  return undefined;
}

/** A required header's value, or a `missing_header` error naming it. */
export function requireHeader(headers: IncomingHeaders, name: string): string {
  const value = headerValue(headers, name)?.trim();
  if (value === undefined || value === "") {
    throw new WebhookVerificationError("missing_header", `The webhook has no ${name} header.`);
  }
  return value;
}

/** The secrets to try, newest first: one, or several while a secret is being rotated. */
export function secretList(secrets: string | readonly string[] | undefined): readonly string[] {
  const list = typeof secrets === "string" ? [secrets] : (secrets ?? []);
  if (list.length === 0 || list.some((secret) => typeof secret !== "string" || secret === "")) {
    throw new WebhookVerificationError(
      "missing_secret",
      "Pass the webhook signing secret (or several, while rotating).",
    );
  }
  return list;
}

export type HmacAlgorithm = "SHA-256" | "SHA-512";

/** HMAC of `message` under `secret` (UTF-8), with WebCrypto: works on Node, Bun, Deno and edge runtimes. */
export async function hmac(algorithm: HmacAlgorithm, secret: string, message: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: algorithm }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, message as Uint8Array<ArrayBuffer>));
}

export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** Compares two byte strings in time independent of where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let i = 0; i < a.byteLength; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

/** Decodes a hex or base64 signature; `undefined` when it is neither. */
export function decodeSignature(
  signature: string,
  encodings: readonly ("hex" | "base64")[] = ["hex"],
): Uint8Array | undefined {
  if (encodings.includes("hex") && /^(?:[0-9a-fA-F]{2})+$/.test(signature)) {
    return Uint8Array.from(signature.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  }
  if (encodings.includes("base64") && /^[A-Za-z0-9+/]+={0,2}$/.test(signature) && signature.length % 4 === 0) {
    return Uint8Array.from(atob(signature), (char) => char.charCodeAt(0));
  }
  return undefined;
}

/**
 * Checks `signature` against the HMAC of `message` under each secret, in constant time. Accepting
 * several secrets lets a rotation proceed without dropping events.
 */
export async function verifyHmac(options: {
  readonly algorithm: HmacAlgorithm;
  readonly secrets: readonly string[];
  readonly message: Uint8Array;
  readonly signature: string;
  readonly header: string;
  readonly encodings?: readonly ("hex" | "base64")[];
}): Promise<void> {
  const received = decodeSignature(options.signature, options.encodings);
  if (received === undefined) {
    throw new WebhookVerificationError(
      "malformed_header",
      `The ${options.header} header is not a ${(options.encodings ?? ["hex"]).join(" or ")} signature.`,
    );
  }
  let matched = false;
  for (const secret of options.secrets) {
    // Every secret is tried, so timing does not reveal which one matched.
    if (timingSafeEqual(await hmac(options.algorithm, secret, options.message), received)) matched = true;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      "bad_signature",
      `The ${options.header} signature does not match the body: check the signing secret, and that the body is the raw bytes as received.`,
    );
  }
}

/**
 * A test signer's payload as the bytes to sign and the body to send: an event object is
 * serialised as JSON; a string or bytes are sent as they are (so a test can sign a body that is not
 * JSON, or not UTF-8).
 */
export function testPayload<Payload extends string | Uint8Array | object>(
  payload: Payload,
): { body: TestBody<Payload>; bytes: Uint8Array } {
  return payloadOf(payload) as { body: TestBody<Payload>; bytes: Uint8Array };
}

/** The body a test signer returns: bytes for bytes, text for text or an event. */
export type TestBody<Payload> = Payload extends Uint8Array ? Uint8Array : string;

function payloadOf(payload: string | Uint8Array | object): { body: string | Uint8Array; bytes: Uint8Array } {
  if (typeof payload === "string") return { body: payload, bytes: encoder.encode(payload) };
  if (payload instanceof Uint8Array) return { body: payload, bytes: payload };
  const body = JSON.stringify(payload);
  return { body, bytes: encoder.encode(body) };
}

/** Hex HMAC of `prefix` (UTF-8) followed by `bytes`: what the providers' test signers send. */
export async function signBytesHex(
  algorithm: HmacAlgorithm,
  secret: string,
  bytes: Uint8Array,
  prefix = "",
): Promise<string> {
  const head = encoder.encode(prefix);
  const message = new Uint8Array(head.byteLength + bytes.byteLength);
  message.set(head);
  message.set(bytes, head.byteLength);
  return toHex(await hmac(algorithm, secret, message));
}

/** Hex HMAC of a UTF-8 text: what the providers' test signers put in their signature headers. */
export async function signHmacHex(algorithm: HmacAlgorithm, secret: string, text: string): Promise<string> {
  return toHex(await hmac(algorithm, secret, encoder.encode(text)));
}

/**
 * The common shape of signed webhooks: checks the secrets, takes the raw body, reads the signature
 * header and verifies the HMAC of `signedPrefix(headers) + body`. Returns the verified bytes.
 * `signedPrefix` reads (and validates) whatever else the scheme signs, such as a timestamp.
 */
export async function verifySignedBody(options: {
  readonly rawBody: unknown;
  readonly headers: IncomingHeaders;
  readonly secrets: string | readonly string[] | undefined;
  readonly header: string;
  readonly algorithm: HmacAlgorithm;
  readonly encodings?: readonly ("hex" | "base64")[];
  readonly signedPrefix?: (headers: IncomingHeaders) => string;
}): Promise<Uint8Array> {
  const secrets = secretList(options.secrets);
  const bytes = rawBodyBytes(options.rawBody);
  const signature = requireHeader(options.headers, options.header);
  let message = bytes;
  if (options.signedPrefix !== undefined) {
    const prefix = encoder.encode(options.signedPrefix(options.headers));
    message = new Uint8Array(prefix.byteLength + bytes.byteLength);
    message.set(prefix);
    message.set(bytes, prefix.byteLength);
  }
  await verifyHmac({
    algorithm: options.algorithm,
    secrets,
    message,
    signature,
    header: options.header,
    ...(options.encodings === undefined ? {} : { encodings: options.encodings }),
  });
  return bytes;
}

/** Refuses a timestamp (Unix seconds) more than `toleranceSeconds` before or after `now`. */
export function checkTimestamp(timestamp: number, toleranceSeconds: number, now: Date = new Date()): void {
  const skew = now.getTime() / 1_000 - timestamp;
  if (Math.abs(skew) > toleranceSeconds) {
    throw new WebhookVerificationError(
      "outside_tolerance",
      skew > 0
        ? `The webhook is ${Math.round(skew)} s old; the tolerance is ${toleranceSeconds} s (a replay, or a very late delivery).`
        : `The webhook is dated ${Math.round(-skew)} s in the future; the tolerance is ${toleranceSeconds} s (check this server's clock).`,
    );
  }
}

/** Parses the verified body as JSON, or a typed `unparseable_body` error. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new WebhookVerificationError("unparseable_body", "The webhook body is not valid JSON.");
  }
}

/** Remembers event ids, so an event delivered twice is processed once. */
export interface Deduper {
  /** True when `id` was seen before (within the window); records it otherwise. */
  isDuplicate(id: string): boolean;
}

/**
 * An in-memory {@link Deduper} that remembers ids for `ttlMs` (default 24 h, the longest retry
 * schedule among the providers) and at most `maxEntries` ids (default 100 000), oldest dropped
 * first. For several processes, implement `Deduper` over a shared store.
 *
 * @deprecated It records an id on first sight, so a handler that fails after `isDuplicate` makes
 * the provider's retry look like a duplicate and the event is lost. Use `processWebhookOnce` with
 * a `WebhookStore` (`createMemoryWebhookStore`, or an adapter over a shared store): it claims the
 * id, commits it when the handler succeeded and releases it when the handler threw.
 */
export function createDeduper(
  options: { readonly ttlMs?: number; readonly maxEntries?: number; readonly now?: () => number } = {},
): Deduper {
  const ttl = options.ttlMs ?? 86_400_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  return {
    isDuplicate(id) {
      const time = now();
      // Ids are kept in the order they were first seen, so the expired ones are at the front.
      for (const [key, at] of seen) {
        if (time - at < ttl) break;
        seen.delete(key);
      }
      if (seen.has(id)) return true;
      // Make room below the cap before adding, oldest first.
      for (const key of seen.keys()) {
        if (seen.size < maxEntries) break;
        seen.delete(key);
      }
      seen.set(id, time);
      return false;
    },
  };
}
