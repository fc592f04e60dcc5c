import { defineConfig } from "tsup";

// ESM and CJS with declarations for each (`.d.ts` / `.d.cts`), so both `import` and `require`
// consumers get correct types (checked by Are The Types Wrong).
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "neutral",
  external: ["@payspec/core", "openapi-fetch"],
});
