export {
  ApiError,
  type AttemptEvent,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  createDeduper,
  type Deduper,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  PayspecError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  type RequestMeta,
  type RequestPolicyOptions,
  requestMetaOf,
  TimeoutError,
  UnprocessableEntityError,
  unwrap,
  WebhookVerificationError,
} from "@payspec/core";
export {
  createPaymntCloudClient,
  environments,
  type PaymntCloudClient,
  type PaymntCloudClientOptions,
  type PaymntCloudEnvironment,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { operationIds, packageName, packageVersion, specSha256, specVersion } from "./generated/provenance.js";
export * from "./types.js";
export {
  constructEvent,
  type PaymntCloudEvent,
  type PaymntCloudEventType,
  signatureHeader,
  signWebhookForTests,
  type VerifyWebhookOptions,
  verifyWebhook,
} from "./webhooks.js";
