// The test set-up every provider package shares; its vitest.config.ts is
// `export default defineProviderVitest();`. Paths are relative to the package.
import { defineConfig } from "vitest/config";

/**
 * Every `test/**\/*.test.ts`, with the package's mock started once by `test/global-setup.ts`,
 * contract coverage recorded for `pnpm coverage:contract`, and a JSON report in
 * `test-results.json` (read by the benchmarks). A package that needs more wraps this in
 * `mergeConfig` from `vitest/config`.
 */
export function defineProviderVitest() {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: ["test/global-setup.ts"],
      setupFiles: ["@payspec/mock/coverage-setup"],
      reporters: ["default", ["json", { outputFile: "test-results.json" }]],
      // Compiling a spec's validators (ajv) and starting Prism take seconds on a loaded CI
      // machine; vitest's default 5 s made those tests fail for time, not behaviour.
      testTimeout: 30_000,
    },
  });
}
