#!/usr/bin/env node
// Wall time of the full contract suite: each provider package's and the mock's `vitest run`, one
// after another (never in parallel, so one package's mock servers and workers do not slow
// another's), timed separately and summed. Equivalent to `pnpm --filter <package> test` without
// pnpm's own start-up. Prints a table and writes .bench/suite.json. Run after a build (the
// provider suites start the mocks from @payspec/mock's dist/).
//
//   node scripts/bench/suite.mjs
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./clients.mjs";

const packages = ["paymnt-cloud", "paymentkit", "vaiipay", "paymend", "mock"];
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");

const rows = [];
let failed = false;
for (const name of packages) {
  const dir = join(root, "packages", name);
  const started = performance.now();
  const result = spawnSync(process.execPath, [vitest, "run"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CI: "1", FORCE_COLOR: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  // The packages' vitest configs write a JSON report next to them; read the test counts from it.
  const report = join(dir, "test-results.json");
  let tests = "?";
  if (existsSync(report)) {
    const { numTotalTests, numPassedTests } = JSON.parse(readFileSync(report, "utf8"));
    tests = `${numPassedTests}/${numTotalTests}`;
  }
  const ok = result.status === 0;
  failed ||= !ok;
  if (!ok) process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
  rows.push({
    package: `@payspec/${name}`,
    "wall s": +seconds.toFixed(1),
    "tests passed": tests,
    result: ok ? "pass" : "FAIL",
  });
}
const total = rows.reduce((sum, row) => sum + row["wall s"], 0);
rows.push({ package: "total", "wall s": +total.toFixed(1), "tests passed": "", result: failed ? "FAIL" : "pass" });

console.log(`Node ${process.version}; contract suites run one after another`);
console.table(rows);
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "suite.json"),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, totalSeconds: +total.toFixed(1) }, null, 2)}\n`,
);
if (failed) process.exitCode = 1;
