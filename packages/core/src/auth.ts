import { ConfigurationError } from "./errors.js";

/** How a provider authenticates requests. */
export type AuthScheme = { readonly type: "apiKey"; readonly header: string } | { readonly type: "bearer" };

/**
 * Checks a credential given to a client factory and returns it. `option` is the option's name as
 * the caller wrote it (`apiKey`, `token`), so the error says exactly what to fix. The value itself
 * is never echoed.
 */
export function assertCredential(option: string, value: unknown): string {
  if (value === undefined || value === null) {
    throw new ConfigurationError("missing_credential", `${option} is required.`);
  }
  if (typeof value !== "string") {
    throw new ConfigurationError("invalid_credential", `${option} must be a string, not ${typeof value}.`);
  }
  if (value.trim() === "") {
    throw new ConfigurationError("missing_credential", `${option} is empty: pass your secret key.`);
  }
  // Keys and tokens are single visible-ASCII words; whitespace means a copy-paste accident.
  if (!/^[\x21-\x7E]+$/.test(value)) {
    throw new ConfigurationError(
      "invalid_credential",
      `${option} contains whitespace or control characters: check for a stray newline or quote.`,
    );
  }
  return value;
}

/** The header that carries the credential, as the provider's scheme requires: `[name, value]`. */
export function authHeader(scheme: AuthScheme, credential: string): readonly [string, string] {
  return scheme.type === "apiKey" ? [scheme.header, credential] : ["Authorization", `Bearer ${credential}`];
}
