export { type AuthScheme, assertCredential, authHeader } from "./auth.js";
export { type RequestMeta, requestMetaOf } from "./call.js";
export {
  type ApiClient,
  type ApiClientOptions,
  type ClientViews,
  type CommonClientOptions,
  createApiClient,
  type ProviderSettings,
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
  InvalidResponseError,
  NotFoundError,
  PaginationError,
  type ParsedErrorBody,
  PayspecError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
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
} from "./idempotency.js";
export type { AttemptEvent, AttemptHook } from "./observability.js";
export { type Page, type PaginateOptions, paginate } from "./pagination.js";
export { type CallPolicy, defaultRetryPolicy, type RequestPolicyOptions, type RetryPolicy } from "./policy.js";
export { redact, redactCardNumbers } from "./redact.js";
export type {
  ApiPromise,
  CallOptions,
  CompactEntry,
  DataWithResponse,
  IdempotentCallOptions,
  ListOptions,
  ListPromise,
  OperationEntry,
  PaginationSpec,
  ResourceTable,
  ScopeParameter,
  SingleListOptions,
} from "./resources.js";
export { backoffDelay, type Failure, mayReplay, parseRetryAfter, provablyUnsent } from "./retry.js";
export { type CheckedSchema, schemaProblems, type WebhookSchemas } from "./schema-check.js";
export type { ScopedPaths } from "./scoped-paths.js";
export { defaultDeadlineMs, defaultTimeoutMs, sleep } from "./timeouts.js";
export type { FetchLike } from "./transport.js";
export { apiErrorFrom, type FetchResult, unwrap } from "./unwrap.js";
export {
  type FetchRequestLike,
  type NodeRequestLike,
  type NodeResponseLike,
  type ReadRawBodyOptions,
  readRawBody,
  readRequestBody,
  type WebhookAdapters,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookVerifier,
  webhookAdapters,
} from "./webhook-http.js";
export {
  createMemoryWebhookStore,
  type MemoryWebhookStoreOptions,
  processWebhookOnce,
  type WebhookStore,
} from "./webhook-store.js";
export {
  checkEventSchema,
  checkTimestamp,
  checkWebhookOptions,
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
  signBytesHex,
  signHmacHex,
  type TestBody,
  testPayload,
  timingSafeEqual,
  toHex,
  verifyHmac,
  verifySignedBody,
  WebhookError,
  type WebhookErrorReason,
  WebhookPayloadError,
  type WebhookResult,
  type WebhookVerification,
  WebhookVerificationError,
} from "./webhooks.js";
