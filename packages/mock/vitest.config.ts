import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const core = (file: string) => fileURLToPath(new URL(`../core/src/${file}`, import.meta.url));

export default defineConfig({
  // Tests that check the mock's webhooks with a provider package's own verifier import that
  // package's source (a workspace dependency would be a cycle: the providers depend on the mock);
  // its `@payspec/core` is read from source too, so the tests never wait for (or run on a stale)
  // build of core.
  resolve: {
    alias: [
      { find: /^@payspec\/core$/, replacement: core("index.ts") },
      { find: /^@payspec\/core\/public$/, replacement: core("public.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Several tests start Prism in the worker; its import alone takes seconds on a loaded machine.
    testTimeout: 30_000,
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
