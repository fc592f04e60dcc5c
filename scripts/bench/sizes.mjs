#!/usr/bin/env node
// Size and start-up: minified+gzipped bundle of a one-call entry per package (esbuild, browser
// platform, undici left out since only Node loads it), cold import time over an empty Node
// process, and the time to type-check a consumer that uses every provider. Prints a table and
// writes .bench/sizes.json. Run after a build.
//
// Each entry is bundled twice: as one file (everything reachable, lazy imports inlined), and with
// code splitting, where "initial" counts the entry chunk and what it imports statically, i.e. what
// a browser or edge bundle loads up front; lazily imported chunks (such as core's Node-only
// transport, fetched on the first request made on Node) are left out of "initial".
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "../packages.mjs";
import { browserBundleOptions } from "./browser-bundle.mjs";

const entries = {
  "@payspec/paymnt-cloud": `import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
    const c = createPaymntCloudClient({ apiKey: "k", environment: "sandbox" }); await c.GET("/customers/list");`,
  "@payspec/paymentkit": `import { createPaymentKitClient } from "@payspec/paymentkit";
    const c = createPaymentKitClient({ token: "t", environment: "production" }); await c.GET("/api/customers");`,
  "@payspec/vaiipay": `import { createVaiiPayClient } from "@payspec/vaiipay";
    const c = createVaiiPayClient({ token: "t", baseUrl: "https://x" }); await c.GET("/api/payment-applications");`,
  "@payspec/paymend": `import { createPaymendClient } from "@payspec/paymend";
    const c = createPaymendClient({ token: "t", environment: "sandbox" }); await c.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: "p" } } });`,
  "openapi-fetch (reference)": `import createClient from "openapi-fetch"; await createClient({ baseUrl: "https://x" }).GET("/a");`,
  "stripe (reference)": `import Stripe from "stripe"; await new Stripe("sk_test").customers.retrieve("cus_1");`,
  "openai (reference)": `import OpenAI from "openai"; await new OpenAI({ apiKey: "k" }).models.list();`,
};

const work = mkdtempSync(join(root, "node_modules", ".cache", "bench-"));
const rows = [];
for (const [name, source] of Object.entries(entries)) {
  const entry = join(work, `${rows.length}.mjs`);
  writeFileSync(entry, source);
  const result = await build(browserBundleOptions(entry));
  const code = result.outputFiles[0].contents;
  const split = await build(
    browserBundleOptions(entry, { splitting: true, outdir: join(work, `split-${rows.length}`), metafile: true }),
  );
  const outputs = split.metafile.outputs;
  const entryChunk = Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined);
  const initial = new Set([entryChunk]);
  for (const path of initial) {
    for (const { path: imported, kind } of outputs[path].imports) {
      if (kind === "import-statement" && imported in outputs) initial.add(imported);
    }
  }
  const gzipOf = (path) =>
    gzipSync(split.outputFiles.find((file) => file.path === join(root, path)).contents).byteLength;
  const chunks = Object.keys(outputs).filter((path) => path.endsWith(".js"));
  rows.push({
    package: name,
    "min kB": +(code.byteLength / 1024).toFixed(1),
    "min+gz kB": +(gzipSync(code).byteLength / 1024).toFixed(1),
    "initial min+gz kB": +([...initial].reduce((sum, path) => sum + gzipOf(path), 0) / 1024).toFixed(1),
    "lazy chunks": chunks.length - initial.size,
  });
}

// Cold import: median over runs of `node -e import(…)` minus an empty process.
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function timeNode(code, runs = 9) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: join(root, "apps", "flows") });
    times.push(performance.now() - started);
  }
  return median(times);
}
const empty = timeNode("");
const imports = {};
for (const name of ["@payspec/paymnt-cloud", "@payspec/paymentkit", "@payspec/vaiipay", "@payspec/paymend"]) {
  imports[name] = +(timeNode(`await import("${name}")`) - empty).toFixed(1);
}
const flowsDir = join(root, "apps", "flows");
imports["openapi-fetch (reference)"] = +(
  timeNode(`await import("${join(root, "node_modules", "openapi-fetch", "dist", "index.mjs")}")`) - empty
).toFixed(1);
imports["stripe (reference)"] = +(
  timeNode(
    `await import("${join(root, "node_modules", "stripe", "esm", "stripe.esm.node.js")}").catch(() => import("stripe"))`,
  ) - empty
).toFixed(1);
for (const row of rows) row["cold import ms over empty node"] = imports[row.package] ?? "—";

// Type-check time of one consumer file that uses every provider (the consumer fixture).
const tsconfig = join(work, "tsconfig.json");
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: join(root, "tsconfig.base.json"),
    compilerOptions: { noEmit: true, types: ["node"], typeRoots: [join(root, "node_modules", "@types")] },
    files: [join(root, "apps", "flows", "src", "main.ts")],
  }),
);
const started = performance.now();
execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", tsconfig], { cwd: flowsDir, stdio: "ignore" });
const typecheckMs = Math.round(performance.now() - started);

console.log(`Node ${process.version}; empty process ${empty.toFixed(0)} ms`);
console.table(rows);
console.log(`type-check of a consumer using every provider (apps/flows/src/main.ts): ${typecheckMs} ms`);
const providerRows = rows.filter((row) => row.package.startsWith("@payspec/"));
const target = 8;
const targets = [];
const check = (met, target, detail) => {
  targets.push({ target, met, detail });
  console.log(`${met ? "met    " : "NOT MET"}  ${target}: ${detail}`);
};
const gap = (kB) => (kB > target ? `, ${(kB - target).toFixed(1)} kB over` : "");
for (const row of providerRows) {
  check(
    row["min+gz kB"] <= target,
    `${row.package} ≤ ${target} kB min+gz, one file`,
    `${row["min+gz kB"]} kB${gap(row["min+gz kB"])}`,
  );
  check(
    row["initial min+gz kB"] <= target,
    `${row.package} ≤ ${target} kB min+gz, initial chunk`,
    `${row["initial min+gz kB"]} kB${gap(row["initial min+gz kB"])}`,
  );
}
const fetchImport = imports["openapi-fetch (reference)"];
for (const [name, ms] of Object.entries(imports).filter(([name]) => name.startsWith("@payspec/"))) {
  check(ms <= fetchImport + 15, `${name} cold import ≤ openapi-fetch + 15 ms`, `${ms} vs ${fetchImport} ms`);
}
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "sizes.json"),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, typecheckMs, targets }, null, 2)}\n`,
);
rmSync(work, { recursive: true, force: true });
