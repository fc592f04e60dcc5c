export { type AuthScheme, assertCredential, authMiddleware } from "./auth.js";
export {
  type ApiClient,
  type ApiClientOptions,
  type CommonClientOptions,
  createApiClient,
  type ProviderSettings,
  type RequestPolicyOptions,
} from "./client.js";
export { type EnvironmentOptions, type ResolvedEnvironment, resolveEnvironment } from "./environment.js";
export {
  ApiError,
  type ApiErrorInit,
  type AttemptInfo,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  type ConfigurationErrorCode,
  ConflictError,
  ConnectionError,
  createApiError,
  type ErrorBodyParser,
  InternalServerError,
  InvalidRequestError,
  type InvalidRequestErrorCode,
  NotFoundError,
  PaginationError,
  type ParsedErrorBody,
  PayspecError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  RequestError,
  requestIdFrom,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";
export { isValidHeaderValue } from "./headers.js";
export {
  assertIdempotencyKey,
  defaultIdempotency,
  type IdempotencySettings,
  idempotencyMiddleware,
} from "./idempotency.js";
export { type RequestMeta, requestMetaOf } from "./meta.js";
export type { AttemptEvent, AttemptHook } from "./observability.js";
export { type Page, type PaginateOptions, paginate } from "./pagination.js";
export { redact, redactCardNumbers } from "./redact.js";
export {
  backoffDelay,
  defaultRetryPolicy,
  type Failure,
  mayReplay,
  parseRetryAfter,
  provablyUnsent,
  type RetryPolicy,
} from "./retry.js";
export { defaultDeadlineMs, defaultTimeoutMs, sleep } from "./timeouts.js";
export { apiErrorFrom, type FetchResult, unwrap } from "./unwrap.js";
export {
  checkTimestamp,
  createDeduper,
  type Deduper,
  decodeSignature,
  type HmacAlgorithm,
  headerValue,
  hmac,
  type IncomingHeaders,
  parseJsonBody,
  type RawBody,
  rawBodyBytes,
  requireHeader,
  secretList,
  signHmacHex,
  timingSafeEqual,
  toHex,
  verifyHmac,
  verifySignedBody,
  type WebhookErrorReason,
  WebhookVerificationError,
} from "./webhooks.js";
