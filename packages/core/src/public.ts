/**
 * `@payspec/core/public`: the part of core that every provider package re-exports to its users,
 * kept in one list.
 *
 * A provider package's `src/index.ts` says `export * from "@payspec/core/public"` instead of
 * naming core's exports one by one. Those hand-written lists drifted (one package lacked
 * `BadRequestError`, another `ConflictError`), so whether `instanceof ConflictError` could be
 * written against a client depended on the provider. Adding a name here adds it to every provider
 * at its next build; a test in each provider package checks that its built module exports all of
 * these, and the very same objects.
 *
 * Only what users of a client touch belongs here: the errors they catch, `unwrap`, request
 * metadata, the webhook deduper, and the types of the options and events they see. The building
 * blocks providers are made of (`createApiClient`, auth, retries, webhook primitives) stay in the
 * main entry, for provider packages only.
 *
 * The build turns these re-exports into re-exports of the main entry (see `tsup.config.ts`), so
 * each class and each registry exists once whichever entry loaded it, in ESM and in CommonJS.
 *
 * @packageDocumentation
 */

export { type RequestMeta, requestMetaOf } from "./call.js";
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PaginationError,
  PayspecError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  RequestAbortedError,
  RequestError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";
export type { AttemptEvent } from "./observability.js";
export type { RequestPolicyOptions } from "./policy.js";
export type {
  ApiPromise,
  CallOptions,
  DataWithResponse,
  IdempotentCallOptions,
  ListOptions,
  ListPromise,
  SingleListOptions,
} from "./resources.js";
export { unwrap } from "./unwrap.js";
export {
  type FetchRequestLike,
  type NodeRequestLike,
  type NodeResponseLike,
  type ReadRawBodyOptions,
  readRawBody,
  readRequestBody,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from "./webhook-http.js";
export {
  createMemoryWebhookStore,
  type MemoryWebhookStoreOptions,
  processWebhookOnce,
  type WebhookStore,
} from "./webhook-store.js";
export {
  createDeduper,
  type Deduper,
  WebhookError,
  type WebhookErrorReason,
  WebhookPayloadError,
  type WebhookResult,
  type WebhookVerification,
  WebhookVerificationError,
} from "./webhooks.js";
