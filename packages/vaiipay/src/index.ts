export * from "@payspec/core/public";
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
export { verifyNodeWebhook, verifyWebhookRequest, webhookHandler } from "./webhook-http.js";
export {
  constructEvent,
  eventHeader,
  signatureHeader,
  signWebhookForTests,
  timestampHeader,
  type VaiiPayEvent,
  type VaiiPayEventName,
  type VaiiPayWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
} from "./webhooks.js";
