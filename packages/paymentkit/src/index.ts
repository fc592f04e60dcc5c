export * from "@payspec/core/public";
export {
  type AccountScopedPaths,
  type AccountScopedPaymentKitClient,
  createPaymentKitClient,
  environments,
  type PaymentKitClient,
  type PaymentKitClientOptions,
  type PaymentKitEnvironment,
  parsePaymentKitError,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { operationIds, packageName, packageVersion, specSha256, specVersion } from "./generated/provenance.js";
export { type ListInit, type ListItem, type ListPath, type PaymentKitPaginateOptions, paginate } from "./paginate.js";
export * from "./types.js";
export { verifyNodeWebhook, verifyWebhookRequest, webhookHandler } from "./webhook-http.js";
export {
  constructEvent,
  deliveryIdHeader,
  eventIdHeader,
  eventTypeHeader,
  type PaymentKitEvent,
  type PaymentKitWebhook,
  type SubscriptionResumedEvent,
  type SubscriptionResumeScheduledEvent,
  signatureHeader,
  signWebhookForTests,
  type VerifyWebhookOptions,
  verifyWebhook,
} from "./webhooks.js";
