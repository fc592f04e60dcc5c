/**
 * `@payspec/mock/vitest`: test suites built on the mocks, for vitest. Kept apart from the main
 * entry so that starting a mock (the CLI, a jest setup) never loads vitest.
 */
export { type DocExample, docExamplesSuite, readDocExamples, schemaPointerOf } from "./doc-examples.js";
export {
  exampleSweepSuite,
  methodsCalledBy,
  type SettleablePromise,
  type SweepCall,
  type SweepResult,
  settle,
} from "./example-sweep.js";
export { type InvalidCall, type NegativeSuiteOptions, negativeSuite } from "./negative-suite.js";
export { type RetrySafetyClientOptions, type RetrySafetyOptions, retrySafetySuite } from "./retry-safety.js";
export {
  type ControlAnswer,
  type ControlTarget,
  type StatefulMockHarness,
  type StatefulMockOptions,
  useStatefulMock,
  type WebhookAnswer,
} from "./stateful-harness.js";
export {
  type SignedDelivery,
  type WebhookAdapter,
  webhookConformanceSuite,
  webhookExamples,
} from "./webhook-conformance.js";

/**
 * The `inject()` keys that `provideMocks(project, providers)` fills: `mock:<provider>`, each the URL
 * of that provider's mock. vitest types `inject()` from its `ProvidedContext` interface, so a
 * `globalSetup` file declares what it provides by extending it:
 *
 * ```ts
 * declare module "vitest" {
 *   export interface ProvidedContext extends ProvidedMocks<"paymnt-cloud" | "paymend"> {}
 * }
 * ```
 */
export type ProvidedMocks<Provider extends string> = { [Name in Provider as `mock:${Name}`]: string };
