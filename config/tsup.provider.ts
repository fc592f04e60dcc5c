// The build every provider package shares; its tsup.config.ts is `export default defineProviderTsup();`.
import { defineConfig, type Options } from "tsup";

/**
 * ESM and CJS with declarations for each (`.d.ts` / `.d.cts`), so both `import` and `require`
 * consumers get correct types (checked by Are The Types Wrong). `overrides` replace single options,
 * for a provider that needs something the others do not.
 */
export function defineProviderTsup(overrides: Options = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "neutral",
    external: ["@payspec/core", "openapi-fetch"],
    ...overrides,
  });
}
