#!/usr/bin/env node
// Entry point of the README's two commands, so they work on a machine with only Node.js and npm:
//
//   npm start   install, then run the main job (the Paymnt Cloud flow against its local mock)
//   npm test    install, check generated code is fresh, then run every task through turbo
//
// It uses the pnpm on PATH when it is the pinned major, and otherwise runs the pinned pnpm
// through npx (from the npm registry), so nothing has to be installed by hand.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmVersion = manifest.packageManager.replace(/^pnpm@/, "");
const command = process.argv[2];
console.log(`payspec ${command ?? ""}: Node.js ${process.version}`);

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`payspec needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

function run(executable, args, options = {}) {
  console.log(`$ ${[executable, ...args].join(" ")}`);
  const result = spawnSync(executable, args, { cwd: root, stdio: "inherit", shell: false, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function findPnpm() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
  if (probe.status === 0 && probe.stdout.trim().split(".")[0] === pnpmVersion.split(".")[0]) return ["pnpm"];
  return ["npx", "--yes", `pnpm@${pnpmVersion}`];
}

const [pnpm, ...pnpmPrefix] = findPnpm();
// Turbo's cache key does not include the Node.js version; this makes runs on Node 20 and Node 24
// separate cache entries, so one can never replay the other's results.
const env = { ...process.env, PAYSPEC_NODE_VERSION: process.version };
const runPnpm = (...args) => run(pnpm, [...pnpmPrefix, ...args], { shell: process.platform === "win32", env });

runPnpm("install", "--frozen-lockfile");

switch (command) {
  case "start":
    runPnpm("exec", "turbo", "run", "build", "--filter=@payspec/flows...", "--output-logs=errors-only");
    run(process.execPath, [join(root, "apps", "flows", "dist", "main.js"), ...process.argv.slice(3)]);
    break;
  case "test":
    run(process.execPath, [join(root, "scripts", "generate.mjs"), "--check"]);
    runPnpm("exec", "redocly", "lint", "--format=summary");
    // Workspace packages lint themselves in turbo; this covers the root's own scripts and configs.
    runPnpm(
      "exec",
      "biome",
      "check",
      "scripts",
      ".ci",
      "package.json",
      "turbo.json",
      "biome.json",
      ".dependency-cruiser.mjs",
    );
    // No import cycle inside any package's src/ (.dependency-cruiser.mjs); prints the files of each one.
    runPnpm("run", "check:cycles");
    runPnpm("exec", "turbo", "run", "test", "--output-logs=new-only");
    printTotals();
    // Every operation of every spec: a passing success test, negative test and documented status.
    run(process.execPath, [join(root, "scripts", "contract-coverage.mjs")]);
    break;
  default:
    console.error("usage: node scripts/run.mjs start|test");
    process.exit(2);
}

// One closing line for every package's vitest run (including ones turbo replayed from cache).
function printTotals() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(root, group))) {
      const report = join(root, group, name, "test-results.json");
      if (!existsSync(report)) continue;
      const results = JSON.parse(readFileSync(report, "utf8"));
      passed += results.numPassedTests;
      failed += results.numFailedTests;
      skipped += results.numPendingTests + results.numTodoTests;
    }
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
  if (passed === 0 || failed > 0) process.exit(1);
}
