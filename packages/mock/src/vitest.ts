/**
 * `@payspec/mock/vitest`: test suites built on the mocks, for vitest. Kept apart from the main
 * entry so that starting a mock (the CLI, a jest setup) never loads vitest.
 */
export { exampleSweepSuite, type SweepCall } from "./example-sweep.js";
export { type InvalidCall, type NegativeSuiteOptions, negativeSuite } from "./negative-suite.js";
export { type RetrySafetyClientOptions, type RetrySafetyOptions, retrySafetySuite } from "./retry-safety.js";
export { type SignedDelivery, type WebhookAdapter, webhookConformanceSuite } from "./webhook-conformance.js";
