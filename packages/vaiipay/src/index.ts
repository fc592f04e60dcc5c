export {
  ApiError,
  type AttemptEvent,
  AuthenticationError,
  ConfigurationError,
  ConnectionError,
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
} from "@payspec/core";
export {
  createVaiiPayClient,
  parseVaiiPayError,
  type Scope,
  type TokenKind,
  type VaiiPayClient,
  type VaiiPayClientOptions,
  type VaiiPayPaths,
} from "./client.js";
export { paymentIdFromCheckoutUrl, unwrapData } from "./envelope.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  operationIds,
  operationSecurity,
  packageName,
  packageVersion,
  specSha256,
  specVersion,
} from "./generated/provenance.js";
export * from "./types.js";
