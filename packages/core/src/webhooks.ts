import { PayspecError } from "./errors.js";

/** Why a webhook was refused. */
export type WebhookErrorReason =
  | "missing_secret"
  | "missing_header"
  | "malformed_header"
  | "bad_signature"
  | "outside_tolerance"
  | "parsed_body"
  | "empty_body"
  | "unparseable_body";

/**
 * A webhook failed verification or parsing. `reason` says which check; the message never contains
 * a secret or an expected signature.
 */
export class WebhookVerificationError extends PayspecError {
  override readonly name = "WebhookVerificationError";
  readonly reason: WebhookErrorReason;

  constructor(reason: WebhookErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The raw request body, exactly as received: a string or bytes. */
export type RawBody = string | Uint8Array | ArrayBuffer;

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
