export * from "@payspec/core/public";
export {
  createPaymntCloudClient,
  environments,
  type PaymntCloudClient,
  type PaymntCloudClientOptions,
  type PaymntCloudEnvironment,
  type ProfileScopedPaths,
  type ProfileScopedPaymntCloudClient,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { operationIds, packageName, packageVersion, specSha256, specVersion } from "./generated/provenance.js";
export {
  type ListInit,
  type ListItem,
  type ListOperation,
  type PaymntCloudPaginateOptions,
  paginate,
} from "./paginate.js";
export * from "./types.js";
export { verifyNodeWebhook, verifyWebhookRequest, webhookHandler } from "./webhook-http.js";
export {
  constructEvent,
  type PaymntCloudDisputeEvent,
  type PaymntCloudEvent,
  type PaymntCloudEventType,
  type PaymntCloudMandateEvent,
  type PaymntCloudPaymentEvent,
  type PaymntCloudPayoutEvent,
  type PaymntCloudRefundEvent,
  type PaymntCloudWebhook,
  signatureHeader,
  signWebhookForTests,
  type VerifyWebhookOptions,
  verifyWebhook,
} from "./webhooks.js";
