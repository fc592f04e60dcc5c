export * from "@payspec/core/public";
export {
  alternateSandboxUrl,
  createPaymendClient,
  environments,
  type PaymendClient,
  type PaymendClientOptions,
  type PaymendEnvironment,
  parsePaymendError,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  operationIds,
  operationSecurity,
  packageName,
  packageVersion,
  specSha256,
  specVersion,
} from "./generated/provenance.js";
export {
  allowedActions,
  canPerform,
  capture,
  isPaymentIn,
  isTerminal,
  type Payment,
  type PaymentAction,
  type PaymentIn,
  type PaymentStatus,
  refund,
  type StatusesAllowing,
  terminalStatuses,
  voidPayment,
  type WaitOptions,
  waitForFinalStatus,
} from "./lifecycle.js";
export * from "./types.js";
export { parseNodeWebhook, parseWebhookRequest, webhookHandler } from "./webhook-http.js";
export {
  type PaymendEvent,
  type PaymendEventType,
  type PaymendWebhook,
  parseWebhook,
  webhookBodyForTests,
} from "./webhooks.js";
