import type { Middleware } from "openapi-fetch";
import { InvalidRequestError } from "./errors.js";

/** A provider's idempotency-key rules. */
export interface IdempotencySettings {
  /** Header that carries the key, such as `Idempotency-Key`. */
  readonly header: string;
  /** Methods that get a key. */
  readonly methods: readonly string[];
  /** Longest key the provider accepts. */
  readonly maxLength: number;
}

/** The usual rules: `Idempotency-Key` on POST, PUT and PATCH, at most 255 characters. */
export const defaultIdempotency: IdempotencySettings = {
  header: "Idempotency-Key",
  methods: ["POST", "PUT", "PATCH"],
  maxLength: 255,
};

const visibleAscii = /^[\x21-\x7E]+$/;

/**
 * Checks a caller-supplied key against the provider's rules; throws {@link InvalidRequestError}
 * naming the problem. The key is not a secret, so the message may quote its length, not the key.
 */
export function assertIdempotencyKey(key: string, settings: IdempotencySettings): void {
  if (key.length === 0) {
    throw new InvalidRequestError("invalid_idempotency_key", `${settings.header} is empty.`);
  }
  if (key.length > settings.maxLength) {
    throw new InvalidRequestError(
      "invalid_idempotency_key",
      `${settings.header} is ${key.length} characters long; the limit is ${settings.maxLength}.`,
    );
  }
  if (!visibleAscii.test(key)) {
    throw new InvalidRequestError(
      "invalid_idempotency_key",
      `${settings.header} may contain only visible ASCII characters (no spaces or control characters).`,
    );
  }
}

/**
 * Middleware that gives every mutating request an idempotency key: the caller's own (validated)
 * or a fresh UUID v4. It runs once per call, before any retry, so every attempt of one call
 * carries the same key.
 */
export function idempotencyMiddleware(settings: IdempotencySettings = defaultIdempotency): Middleware {
  const methods = new Set(settings.methods.map((method) => method.toUpperCase()));
  return {
    onRequest({ request }) {
      if (!methods.has(request.method)) return undefined;
      const supplied = request.headers.get(settings.header);
      if (supplied === null) {
        request.headers.set(settings.header, crypto.randomUUID());
      } else {
        assertIdempotencyKey(supplied, settings);
      }
      return request;
    },
  };
}
