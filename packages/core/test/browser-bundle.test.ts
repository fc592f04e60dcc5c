import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// The `browser` field in package.json swaps the Node transport for a stub, so a bundle for
// browsers or workers never carries the `node:http` transport. Checked on the built package, as a bundler
// would see it.
const packageRoot = fileURLToPath(new URL("..", import.meta.url));

async function bundle(platform: "browser" | "node"): Promise<string> {
  const result = await build({
    stdin: { contents: 'export { createApiClient } from "@payspec/core";', resolveDir: packageRoot },
    bundle: true,
    write: false,
    format: "esm",
    platform,
    external: ["openapi-fetch", "node:*"],
    nodePaths: [`${packageRoot}/..`],
    alias: { "@payspec/core": packageRoot },
  });
  return result.outputFiles.map((file) => file.text).join("\n");
}

describe("the Node transport in bundles", () => {
  it("is left out of browser bundles", async () => {
    const code = await bundle("browser");
    expect(code).not.toContain("secureConnect");
    expect(code).not.toContain("node:http");
    expect(code).toContain("the Node transport is not part of browser bundles");
  });

  it("is in Node bundles", async () => {
    expect(await bundle("node")).toContain("secureConnect");
  });
});
