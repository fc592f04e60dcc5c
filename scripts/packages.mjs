// The publishable packages, and packing them as a registry would receive them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Directories of every non-private package under packages/. */
export function publishablePackages() {
  return readdirSync(join(root, "packages"))
    .map((name) => join(root, "packages", name))
    .filter((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return manifest.private !== true;
    });
}

/**
 * `pnpm pack` for every publishable package (which rewrites `workspace:*` to real versions, as
 * `pnpm publish` does); returns the tarball paths.
 */
export function packAll() {
  const destination = mkdtempSync(join(tmpdir(), "payspec-packs-"));
  for (const dir of publishablePackages()) {
    execFileSync("pnpm", ["pack", "--pack-destination", destination], { cwd: dir, stdio: "ignore" });
  }
  return readdirSync(destination).map((file) => join(destination, file));
}
