export {
  type PaymntCloudClient,
  type PaymntCloudClientOptions,
  type PaymntCloudEnvironment,
  createPaymntCloudClient,
  environments,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "./types.js";
export { ConfigurationError, InvalidRequestError, PayspecError, requestMetaOf } from "@payspec/core";
