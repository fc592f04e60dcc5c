export { ConfigurationError, InvalidRequestError, PayspecError, requestMetaOf } from "@payspec/core";
export {
  createPaymntCloudClient,
  environments,
  type PaymntCloudClient,
  type PaymntCloudClientOptions,
  type PaymntCloudEnvironment,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "./types.js";
