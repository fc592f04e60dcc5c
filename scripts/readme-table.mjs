#!/usr/bin/env node
// Writes each package's version into the root README's package table (run by `pnpm version-packages`,
// so a release never leaves the table behind; a test checks the table in CI).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { publishablePackages, root } from "./packages.mjs";

const readmePath = join(root, "README.md");
let readme = readFileSync(readmePath, "utf8");
for (const dir of publishablePackages()) {
  const { name, version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const escaped = name.replace(/[/@-]/g, "\\$&");
  readme = readme.replace(new RegExp(`(\\| \`${escaped}\` \\| )[^|]+( \\|)`), `$1${version}$2`);
}
writeFileSync(readmePath, readme);
