import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { defineConfig } from "tsup";

const publicEntry = join(dirname(fileURLToPath(import.meta.url)), "src/public.ts");

/**
 * `public` (the API every provider package re-exports) is a facade over `index`: its imports of
 * core's modules become imports of the built main entry. Bundled on its own, it would carry a
 * second copy of every error class and of the registry behind `requestMetaOf` (CommonJS builds
 * share no chunks), so `instanceof` and `requestMetaOf` would fail for whatever the other entry
 * created. Each name it exports must therefore also be exported by `index`.
 */
const publicReexportsIndex: Plugin = {
  name: "public-reexports-index",
  setup(build) {
    const index = build.initialOptions.format === "cjs" ? "./index.cjs" : "./index.js";
    build.onResolve({ filter: /^\./ }, (args) =>
      args.importer === publicEntry ? { path: index, external: true } : undefined,
    );
  },
};

// ESM and CJS with declarations for each (`.d.ts` / `.d.cts`), so both `import` and `require`
// consumers get correct types (checked by Are The Types Wrong).
export default defineConfig({
  // node-transport is its own file (loaded on Node by the first request), so the `browser` field in
  // package.json can swap it for browser-transport and browser bundles never carry it.
  entry: {
    index: "src/index.ts",
    public: "src/public.ts",
    "node-transport": "src/node-transport.ts",
    "browser-transport": "src/browser-transport.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "neutral",
  // Keep `node:http`: runtimes other than Node (and bundlers) resolve builtins by their prefix.
  removeNodeProtocol: false,
  external: ["openapi-fetch", "node:http", "node:https", "node:net"],
  esbuildPlugins: [publicReexportsIndex],
});
