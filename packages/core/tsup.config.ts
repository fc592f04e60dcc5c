import { defineConfig } from "tsup";

// ESM and CJS with declarations for each (`.d.ts` / `.d.cts`), so both `import` and `require`
// consumers get correct types (checked by Are The Types Wrong).
export default defineConfig({
  // node-transport is its own file (loaded lazily on Node), so the `browser` field in package.json
  // can swap it for browser-transport and browser bundles never carry undici's handler.
  entry: {
    index: "src/index.ts",
    "node-transport": "src/node-transport.ts",
    "browser-transport": "src/browser-transport.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "neutral",
  external: ["undici", "openapi-fetch"],
});
