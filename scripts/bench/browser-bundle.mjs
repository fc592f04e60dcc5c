// How the size scripts bundle a one-call entry: esbuild, one file, browser platform, minified,
// the Node-only transport left out as a browser bundle leaves it.
import { join } from "node:path";
import { root } from "../packages.mjs";

/** esbuild options for `entry`, merged with `overrides` (aliases, plugins, splitting). */
export function browserBundleOptions(entry, overrides = {}) {
  return {
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    external: ["undici", "node:*"],
    logLevel: "silent",
    nodePaths: [join(root, "apps", "flows", "node_modules"), join(root, "node_modules")],
    absWorkingDir: root,
    ...overrides,
  };
}
