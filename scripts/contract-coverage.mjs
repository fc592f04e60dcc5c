#!/usr/bin/env node
// The contract-coverage gate (`pnpm coverage:contract`, run by `npm test` after the test task):
// for every provider, prints which (operation, status) pairs the contract tests exercised through
// the typed client and fails when an operation lacks a passing success test, a passing negative
// test, or a documented status. The hits come from each package's `.contract-coverage/`, written
// by @payspec/mock's coverage recorder during `vitest run`.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { coverageOf, describeOperations, formatCoverage, readCoverage, resolveSpec } = await import(
  join(root, "packages", "mock", "dist", "index.js")
);

let failing = 0;
for (const provider of readdirSync(join(root, "specs")).sort()) {
  const hits = readCoverage(join(root, "packages", provider));
  const coverage = coverageOf(await describeOperations(resolveSpec(provider)), hits);
  console.log(`${formatCoverage(provider, coverage)}\n`);
  if (hits.length === 0) console.log(`  no hits recorded: did ${provider}'s contract tests run?\n`);
  failing += coverage.filter((operation) => operation.gaps.length > 0).length;
}
if (failing > 0) {
  console.error(`Contract coverage gate: ${failing} operation(s) have gaps (listed above as GAP).`);
  process.exit(1);
}
console.log("Contract coverage gate: every operation has a passing success test, negative test and documented status.");
