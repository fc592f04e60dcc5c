export { type AuthScheme, assertCredential, authMiddleware } from "./auth.js";
export {
  type ApiClientOptions,
  type CommonClientOptions,
  createApiClient,
  type ProviderSettings,
} from "./client.js";
export { type EnvironmentOptions, type ResolvedEnvironment, resolveEnvironment } from "./environment.js";
export {
  ConfigurationError,
  type ConfigurationErrorCode,
  InvalidRequestError,
  type InvalidRequestErrorCode,
  PayspecError,
} from "./errors.js";
export { isValidHeaderValue } from "./headers.js";
export {
  assertIdempotencyKey,
  defaultIdempotency,
  type IdempotencySettings,
  idempotencyMiddleware,
} from "./idempotency.js";
export { type RequestMeta, requestMetaOf } from "./meta.js";
