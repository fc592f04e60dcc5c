import { InvalidRequestError } from "./errors.js";

/** A provider's idempotency-key rules. */
export interface IdempotencySettings {
  /** Header that carries the key, such as `Idempotency-Key`. */
  readonly header: string;
  /**
   * Methods for which the provider deduplicates by the key: they get one on every call, and only
   * they count a key as making a replay safe. Empty for a provider that documents no key.
   */
  readonly methods: readonly string[];
  /**
   * The operations (`"POST /spec/path"`) the provider is documented to deduplicate by the key, when
   * that is not every operation of those methods: only these then get a key and count it as making
   * a replay safe. A key a caller sets on any other call is still checked and sent. Default: all.
   */
  readonly operations?: readonly string[] | undefined;
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
  if (typeof key !== "string" || key.length === 0) {
    throw new InvalidRequestError("invalid_idempotency_key", `${settings.header} must be a non-empty string.`);
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

type HeaderSource = Headers | Readonly<Record<string, unknown>> | readonly (readonly [string, unknown])[] | undefined;

/** The value of header `name` in any of openapi-fetch's header forms, matched case-insensitively. */
export function findHeader(source: unknown, name: string): unknown {
  const headers = source as HeaderSource;
  if (headers === undefined || headers === null || typeof headers !== "object") return undefined;
  // Not `instanceof Headers`: that would load the WHATWG fetch classes on Node for every call.
  if (Object.prototype.toString.call(headers) === "[object Headers]")
    return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  // The last spelling wins, as when the headers are merged for sending: the key checked is the key sent.
  let found: unknown;
  if (Array.isArray(headers)) {
    // Repeated pairs are joined, as they are when sent (a repeated key is then refused: it has a space).
    for (const [key, value] of headers as [string, unknown][]) {
      if (String(key).toLowerCase() === wanted)
        found = found === undefined ? value : `${String(found)}, ${String(value)}`;
    }
    return found;
  }
  for (const key of Object.keys(headers)) {
    const value = (headers as Record<string, unknown>)[key];
    if (key.toLowerCase() === wanted && value !== undefined) found = value;
  }
  return found;
}

/**
 * Whether the provider deduplicates a call by the key (a replay under it is safe), from its rules,
 * read once per client: `(method, schemaPath) => boolean`.
 */
export function keyRule(settings: IdempotencySettings): (method: string, schemaPath: string) => boolean {
  const methods = new Set(settings.methods.map((method) => method.toUpperCase()));
  const operations = settings.operations === undefined ? undefined : new Set(settings.operations);
  return (method, schemaPath) => methods.has(method) && (operations?.has(`${method} ${schemaPath}`) ?? true);
}

/**
 * The key a call carries: the caller's own (from `params.header` or `headers`, validated), or a
 * fresh UUID v4 when the provider deduplicates the call (`honoured`). Chosen once per call, before
 * any attempt, so every attempt of the call carries the same key. `undefined`: the call carries none.
 */
export function idempotencyKeyFor(
  init: { readonly params?: { readonly header?: unknown }; readonly headers?: unknown },
  settings: IdempotencySettings,
  honoured: boolean,
): { readonly key: string; readonly generated: boolean } | undefined {
  const supplied = findHeader(init.params?.header, settings.header) ?? findHeader(init.headers, settings.header);
  if (supplied !== undefined && supplied !== null) {
    assertIdempotencyKey(supplied as string, settings);
    return { key: supplied as string, generated: false };
  }
  return honoured ? { key: crypto.randomUUID(), generated: true } : undefined;
}
