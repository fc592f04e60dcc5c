import { containsSecret, redact } from "./redact.js";

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
  | "invalid_option"
  | "browser_refused";

/** Why a request was refused before it was sent. */
export type InvalidRequestErrorCode =
  | "invalid_idempotency_key"
  | "invalid_header"
  | "missing_path_parameter"
  | "operation_not_allowed"
  | "invalid_checkout_url"
  | "invalid_signal"
  | "invalid_option"
  | "invalid_middleware";

/** A payspec error that carries a machine-readable `code` next to its message. */
abstract class CodedError<Code extends string> extends PayspecError {
  readonly code: Code;

  constructor(code: Code, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Thrown by a client factory when its options are wrong. Nothing has been sent.
 * The message says what to fix; it never contains a credential.
 */
export class ConfigurationError extends CodedError<ConfigurationErrorCode> {
  override readonly name = "ConfigurationError";
}

/** Thrown when a single call's input is wrong, before anything is sent. */
export class InvalidRequestError extends CodedError<InvalidRequestErrorCode> {
  override readonly name = "InvalidRequestError";
}

/** Auto-pagination could not go on: bad options, or a page that breaks the list's contract. */
export class PaginationError extends PayspecError {
  override readonly name = "PaginationError";
}

/** What every error of a sent (or attempted) request carries. */
export interface AttemptInfo {
  /** The idempotency key every attempt carried, if the method takes one. */
  readonly idempotencyKey: string | undefined;
  /** HTTP attempts made, including the one that failed. */
  readonly attempts: number;
}

/** A failure of the exchange itself rather than an HTTP error status. */
export abstract class RequestError extends PayspecError implements AttemptInfo {
  readonly method: string;
  /** The request's path (no host, no query), safe to log. */
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly attempts: number;

  constructor(message: string, request: { method: string; path: string } & AttemptInfo, options?: ErrorOptions) {
    super(`${message} (${request.method} ${request.path}, attempts: ${request.attempts})`, options);
    this.method = request.method;
    this.path = request.path;
    this.idempotencyKey = request.idempotencyKey;
    this.attempts = request.attempts;
  }
}

/**
 * The connection failed. `sent` says whether the request may have reached the server: `false`
 * only when that is impossible (connection refused, DNS failure).
 */
export class ConnectionError extends RequestError {
  override readonly name = "ConnectionError";
  readonly sent: boolean;

  constructor(
    message: string,
    request: { method: string; path: string; sent: boolean } & AttemptInfo,
    options?: ErrorOptions,
  ) {
    super(message, request, options);
    this.sent = request.sent;
  }
}

/** An attempt outlived its timeout, or the call outlived its overall deadline. */
export class TimeoutError extends RequestError {
  override readonly name = "TimeoutError";
  /** `attempt` for a per-attempt timeout, `deadline` when the overall deadline ran out. */
  readonly scope: "attempt" | "deadline";

  constructor(message: string, request: { method: string; path: string; scope: "attempt" | "deadline" } & AttemptInfo) {
    super(message, request);
    this.scope = request.scope;
  }
}

/**
 * The provider answered with a success status, but its body is not the JSON it should be. The call
 * may have taken effect: `idempotencyKey` is the key to repeat it with (where the provider honours
 * one), and `requestId` the provider's id to ask it about. Never retried. `cause` is the parse error.
 */
export class InvalidResponseError extends RequestError {
  override readonly name = "InvalidResponseError";
  readonly status: number;
  readonly requestId: string | undefined;

  constructor(
    message: string,
    request: { method: string; path: string; status: number; requestId: string | undefined } & AttemptInfo,
    options?: ErrorOptions,
  ) {
    super(message, request, options);
    this.status = request.status;
    this.requestId = request.requestId;
  }
}

/** The caller's `AbortSignal` fired. Never retried. */
export class RequestAbortedError extends RequestError {
  override readonly name = "RequestAbortedError";
}

/** What a provider's error-body parser extracts. */
export interface ParsedErrorBody {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  readonly requestId?: string | undefined;
}

/** Reads a provider's error body; supplied by each provider package. */
export type ErrorBodyParser = (body: unknown) => ParsedErrorBody;

/** Everything an {@link ApiError} is built from. */
export interface ApiErrorInit extends AttemptInfo {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly headers: Headers;
  readonly parsed: ParsedErrorBody;
  readonly retryable: boolean;
  readonly provider: string;
}

/**
 * The provider answered with an error status. Thrown by `unwrap()`; openapi-fetch's own
 * `{ data, error, response }` results keep returning the parsed body as `error`.
 */
export class ApiError extends PayspecError implements AttemptInfo {
  override readonly name: string = "ApiError";
  readonly status: number;
  /** The provider's machine-readable code, such as `IR_14`. */
  readonly code: string | undefined;
  /** The provider's request id, from the body or from a header such as `x-request-id`. */
  readonly requestId: string | undefined;
  /** The parsed error body, with card numbers and credentials masked. */
  readonly body: unknown;
  /** Whether sending the same request again may succeed (429, 5xx, 408). */
  readonly retryable: boolean;
  readonly provider: string;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly attempts: number;
  /** The response's headers (such as `retry-after` or the provider's request id). */
  readonly headers: Headers;

  constructor(init: ApiErrorInit, secrets: readonly string[] = []) {
    const detail = [init.parsed.code, init.parsed.message].filter(Boolean).join(": ");
    super(
      redact(
        `${init.provider} answered HTTP ${init.status} to ${init.method} ${init.path}${detail ? ` — ${detail}` : ""}` +
          `${init.parsed.requestId ? ` (request id ${init.parsed.requestId})` : ""}`,
        secrets,
      ),
    );
    this.status = init.status;
    // A server may echo what it was sent, credential included, in any of these.
    this.code = redact(init.parsed.code, secrets);
    this.requestId = redact(init.parsed.requestId ?? requestIdFrom(init.headers), secrets);
    this.body = redact(init.body, secrets);
    this.retryable = init.retryable;
    this.provider = init.provider;
    this.method = init.method;
    this.path = init.path;
    this.idempotencyKey = init.idempotencyKey;
    this.attempts = init.attempts;
    this.headers = withoutSecrets(init.headers, secrets);
  }

  /** A plain, secret-free object for structured logs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryable: this.retryable,
      provider: this.provider,
      method: this.method,
      path: this.path,
      idempotencyKey: this.idempotencyKey,
      attempts: this.attempts,
      body: this.body,
    };
  }
}

/** `headers`, or a copy with every secret in a value replaced when one holds any. */
function withoutSecrets(headers: Headers, secrets: readonly string[]): Headers {
  let leaked = false;
  headers.forEach((value) => {
    leaked ||= containsSecret(value, secrets);
  });
  if (!leaked) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, redact(value, secrets));
  });
  return copy;
}

export class BadRequestError extends ApiError {
  override readonly name = "BadRequestError";
}
export class AuthenticationError extends ApiError {
  override readonly name = "AuthenticationError";
}
export class PermissionDeniedError extends ApiError {
  override readonly name = "PermissionDeniedError";
}
export class NotFoundError extends ApiError {
  override readonly name = "NotFoundError";
}
export class ConflictError extends ApiError {
  override readonly name = "ConflictError";
}
export class UnprocessableEntityError extends ApiError {
  override readonly name = "UnprocessableEntityError";
}
export class RateLimitError extends ApiError {
  override readonly name = "RateLimitError";
}
export class InternalServerError extends ApiError {
  override readonly name = "InternalServerError";
}

/**
 * The provider answered a request that may change something (POST, PATCH, …) with a 301, 302 or
 * 303 redirect. payspec does not follow it: following would send a GET instead, and report that
 * GET's answer as the result of a call whose side effect never happened. `location` says where it
 * pointed; whether the provider acted is for its API to tell.
 */
export class RedirectError extends ApiError {
  override readonly name = "RedirectError";
  /** The redirect's target, as the `Location` header gave it. */
  readonly location: string | undefined;

  constructor(init: ApiErrorInit, secrets: readonly string[] = []) {
    const location = init.headers.get("location") ?? undefined;
    super(
      {
        ...init,
        parsed: {
          ...init.parsed,
          message: `redirect${location === undefined ? "" : ` to ${location}`} not followed: it would resend ${init.method} as GET`,
        },
      },
      secrets,
    );
    this.location = location === undefined ? undefined : redact(location, secrets);
  }
}

const errorClassByStatus: Readonly<Record<number, typeof ApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The {@link ApiError} subclass for a status. */
export function createApiError(init: ApiErrorInit, secrets: readonly string[] = []): ApiError {
  const ErrorClass =
    errorClassByStatus[init.status] ??
    (init.status >= 500 ? InternalServerError : init.status >= 300 && init.status < 400 ? RedirectError : ApiError);
  return new ErrorClass(init, secrets);
}

const requestIdHeaders = ["x-request-id", "request-id", "x-correlation-id"];

/** The request id a response carries in one of the usual headers. */
export function requestIdFrom(headers: { get(name: string): string | null }): string | undefined {
  for (const name of requestIdHeaders) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}
