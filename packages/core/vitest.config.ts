import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Tests that start servers or compile specs take seconds on a loaded CI machine.
    testTimeout: 30_000,
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
