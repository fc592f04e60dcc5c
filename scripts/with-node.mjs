#!/usr/bin/env node
// Runs one of scripts/run.mjs's commands under another Node.js major, installed from the npm
// registry's `node` package into node_modules/.cache (nothing global is touched):
//
//   node scripts/with-node.mjs 24 test
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [major, ...command] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? "") || command.length === 0) {
  console.error("usage: node scripts/with-node.mjs <major> start|test");
  process.exit(2);
}

const prefix = join(root, "node_modules", ".cache", `node${major}`);
const binDir = join(prefix, "node_modules", "node", "bin");
const node = join(binDir, process.platform === "win32" ? "node.exe" : "node");
if (!existsSync(node)) {
  console.log(`$ npm install --prefix ${prefix} node@${major}`);
  const install = spawnSync(
    "npm",
    ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", `node@${major}`],
    {
      stdio: "inherit",
      shell: process.platform === "win32",
    },
  );
  if (install.status !== 0 || !existsSync(node)) {
    console.error(`Could not install Node.js ${major} from the npm registry.`);
    process.exit(1);
  }
}

const result = spawnSync(node, [join(root, "scripts", "run.mjs"), ...command], {
  stdio: "inherit",
  env: { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` },
});
process.exit(result.status ?? 1);
