#!/usr/bin/env node
// Keeps the root README's package table in step: each package's version, and for each provider its
// spec's version, operation count and provenance (operations sourced from a provider page or engine
// file, and operations whose existence is inferred). Run by `pnpm version-packages` and after spec
// changes (`node scripts/readme-table.mjs`); apps/flows/test/readme-table.test.ts checks the table.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { publishablePackages, root } from "./packages.mjs";

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Operations of a spec, with how each is known: `inferred` when it says so, else `documented`. */
export function provenanceOf(specPath) {
  const spec = parse(readFileSync(specPath, "utf8"));
  let documented = 0;
  let inferred = 0;
  for (const item of Object.values(spec.paths ?? {})) {
    for (const method of methods) {
      const operation = item?.[method];
      if (operation === undefined) continue;
      if (operation["x-payspec-inferred"] !== undefined) inferred++;
      else documented++;
    }
  }
  return { version: spec.info.version, operations: documented + inferred, documented, inferred };
}

const cell = (row, index, value) => {
  const cells = row.split("|");
  cells[index] = ` ${value} `;
  return cells.join("|");
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const readmePath = join(root, "README.md");
  const lines = readFileSync(readmePath, "utf8").split("\n");
  for (const dir of publishablePackages()) {
    const { name, version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const index = lines.findIndex((line) => line.startsWith("| ") && line.includes(`| \`${name}\` |`));
    if (index === -1) continue;
    let row = cell(lines[index], 3, version);
    const specPath = join(root, "specs", basename(dir), "openapi.yaml");
    if (existsSync(specPath)) {
      const spec = provenanceOf(specPath);
      row = cell(cell(cell(row, 4, spec.version), 5, spec.operations), 6, `${spec.documented} / ${spec.inferred}`);
    }
    lines[index] = row;
  }
  writeFileSync(readmePath, lines.join("\n"));
}
