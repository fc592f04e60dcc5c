/** Base class of every error payspec throws, so `catch (e) { if (e instanceof PayspecError) … }` works. */
export class PayspecError extends Error {
  override readonly name: string = "PayspecError";
}

/** Why a client could not be constructed. */
export type ConfigurationErrorCode =
  | "missing_credential"
  | "invalid_credential"
  | "credential_environment_mismatch"
  | "missing_environment"
  | "unknown_environment"
  | "conflicting_options"
  | "invalid_base_url"
  | "invalid_option";

/**
 * Thrown by a client factory when its options are wrong. Nothing has been sent.
 * The message says what to fix; it never contains a credential.
 */
export class ConfigurationError extends PayspecError {
  override readonly name = "ConfigurationError";
  readonly code: ConfigurationErrorCode;

  constructor(code: ConfigurationErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Why a request was refused before it was sent. */
export type InvalidRequestErrorCode = "invalid_idempotency_key" | "invalid_header";

/** Thrown when a single call's input is wrong, before anything is sent. */
export class InvalidRequestError extends PayspecError {
  override readonly name = "InvalidRequestError";
  readonly code: InvalidRequestErrorCode;

  constructor(code: InvalidRequestErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
