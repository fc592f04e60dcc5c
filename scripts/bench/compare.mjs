#!/usr/bin/env node
// `pnpm bench`: payspec's Paymnt Cloud client (`POST /payments`, default options) against stripe-node
// (`paymentIntents.create`), with node:http alone and raw fetch as floors. Prints one table, says for
// each row whether payspec is ahead of stripe-node, and writes the table as markdown (bench-results.md
// at the repository root, gitignored) and the raw samples as JSON (.bench/compare.json).
//
//   node scripts/bench/compare.mjs [--rounds 7] [--calls 3000] [--warmup 300] [--in-flight 64] [--out bench-results.md]
//                                  [--no-typecheck]
//
// Method:
// - The stub API (server.mjs) is a keep-alive JSON server in its own process. Before each
//   measurement its counters are reset and afterwards read back: every call must have reached it with
//   a request body, or the run stops.
// - Every measurement is a fresh `node` process (child.mjs) that loads one client: `warmup` calls,
//   then `calls` timed ones, either one at a time (sequential) or `in-flight` outstanding at once.
//   Peak RSS is that in-flight process's high-water mark (ru_maxrss). Cold start is another fresh
//   process: time from its start to the first call's parsed response, the client imported from its
//   built package.
// - Clients alternate within each round (the order rotates from round to round), so drift on a shared
//   machine hits all of them alike. Throughput is the ratio to raw fetch in the same round; each row
//   reports the median over rounds with the range (min–max). Never best-of.
// - Bundle size: a one-call entry per client, bundled by esbuild for the Node platform, minified, then
//   gzipped. Deterministic, so measured once. The hash of payspec's bundle, taken again after the
//   rounds, tells whether its build changed mid-run (another rebuild in the same tree): if so, the run
//   says so and exits 2.
// - Then typecheck.mjs in its own process (`--no-typecheck` skips it): the time to type-check a
//   consumer that calls every Paymnt Cloud operation; it prints its row and adds its section to `--out`.
// - Then resource-sizes.mjs: each provider's one-call bundle through a raw method and through a
//   resource method, and the generated operation table's share (browser platform, one file), and
//   size-floor.mjs: how small the Paymnt Cloud entry would get with optional parts of core stubbed out
//   and its messages emptied (the evidence behind the README's decision on the ≤ 8 kB target).
// - Last, stateful-mock.mjs: @payspec/mock's stateful mode against Prism alone and plain mode (latency
//   per call, with a CPU profile of the mock when the ≤ 20 % target is missed), and 1,000 created
//   objects listed and paged to the end.
import { execFile, execFileSync, fork, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { bundleEntries, factories, maxRetries, payment, payspecDist, root } from "./payments.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = process.argv[index + 1];
  if (typeof fallback === "string") return value;
  const number = Number(value);
  if (!Number.isInteger(number) || number < (name === "warmup" ? 0 : 1)) {
    throw new Error(`--${name} needs a whole number${name === "warmup" ? "" : " above 0"}, got ${value}`);
  }
  return number;
}
const rounds = option("rounds", 7);
const calls = option("calls", 3000);
const warmup = option("warmup", 300);
const inFlight = option("in-flight", 64);
const out = resolve(root, option("out", "bench-results.md"));

if (!existsSync(payspecDist)) {
  console.error(
    `${relative(root, payspecDist)} is missing: build first (npx pnpm exec turbo run build --filter=@payspec/paymnt-cloud...)`,
  );
  process.exit(1);
}

const throughputClients = ["payspec", "stripe-node", "node:http alone", "raw fetch", "payspec, fetch transport"];
const coldClients = ["payspec", "stripe-node", "node:http alone", "raw fetch"];
for (const name of throughputClients) if (!(name in factories)) throw new Error(`unknown client ${name}`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), values });
const rotate = (list, by) => list.map((_, index) => list[(index + by) % list.length]);

/**
 * A one-call entry bundled for Node (esbuild, minified), gzipped; with the minified bytes by package
 * (the last node_modules/<name> or packages/<name> in each input's path) and a hash of the output.
 */
async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: "entry.mjs", loader: "js" },
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const byPackage = {};
  for (const [path, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const [, dependency, workspace] = path.match(/.*(?:node_modules\/((?:@[^/]+\/)?[^/]+)|packages\/([^/]+))/) ?? [];
    const name = dependency ?? (workspace === undefined ? "entry" : `@payspec/${workspace}`);
    byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput / 1024;
  }
  return {
    minKb: code.byteLength / 1024,
    gzipKb: gzipSync(code).byteLength / 1024,
    byPackage,
    sha256: createHash("sha256").update(code).digest("hex").slice(0, 12),
  };
}

// Bundle sizes, deterministic, so measured once, before the rounds. payspec's bundle hash is taken
// again after them: if its build changed during the run (someone rebuilt it), the rounds mix two
// builds and the run says so.
const bundles = {};
for (const [client, contents] of Object.entries(bundleEntries)) bundles[client] = await bundle(contents);

// The stub, and a request/reply over its IPC channel.
const server = fork(join(here, "server.mjs"), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const port = await new Promise((resolve) => server.once("message", (message) => resolve(message.port)));
const ask = (message) =>
  new Promise((resolve) => {
    const listener = (reply) => {
      if (reply?.type !== message) return;
      server.off("message", listener);
      resolve(reply);
    };
    server.on("message", listener);
    server.send(message);
  });

/** One measurement in a fresh process; checks the stub saw exactly the expected calls, each with a body. */
async function measure(mode, client) {
  await ask("reset");
  const args = [join(here, "child.mjs"), mode, client, String(port)];
  if (mode !== "cold") args.push(String(warmup), String(calls), String(inFlight));
  const { stdout } = await run(process.execPath, args, { cwd: root, env: process.env });
  const result = JSON.parse(stdout.trim().split("\n").at(-1));
  const { stats } = await ask("stats");
  const expected = mode === "cold" ? 1 : Math.max(warmup, 1) + calls;
  if (stats.requests !== expected || stats.withBody !== expected) {
    throw new Error(
      `${client} (${mode}): the stub saw ${stats.requests} requests, ${stats.withBody} with a body; expected ${expected} with a body`,
    );
  }
  return { ...result, stats };
}

const startedAt = new Date();
const loadAtStart = loadavg()[0];
let commit = "unknown";
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "--", "packages"], { cwd: root, encoding: "utf8" });
  if (dirty.trim() !== "") commit += " (packages/ has uncommitted changes)";
} catch {}

let samples;
let cold;
let requestsSeen;
try {
  // Preflight: one call per client, to show what each one sends and prove the stub receives the body.
  requestsSeen = {};
  console.log(`stub on port ${port}; what each client sends (one call in a fresh process):`);
  for (const client of throughputClients) {
    const { stats } = await measure("cold", client);
    const [[request, sample]] = Object.entries(stats.samples);
    if (!sample.body.includes(String(payment.amount)) || !sample.body.includes(payment.metadata.order_id)) {
      throw new Error(`${client}: the stub did not receive the payment in the body: ${sample.body}`);
    }
    requestsSeen[client] = { request, ...sample };
    console.log(
      `  ${client.padEnd(26)} ${request}  ${sample.contentType}  idempotency key: ${sample.idempotencyKey ? "yes" : "no"}  body: ${sample.body}`,
    );
  }

  console.log(
    `\n${rounds} rounds; per client and round, fresh processes: ${warmup} warm-up + ${calls} timed calls, sequential and ${inFlight} in flight; one cold start`,
  );
  samples = { sequential: {}, inflight: {} };
  for (const mode of Object.keys(samples)) for (const client of throughputClients) samples[mode][client] = [];
  cold = Object.fromEntries(coldClients.map((client) => [client, []]));
  for (let round = 0; round < rounds; round++) {
    for (const mode of ["sequential", "inflight"]) {
      for (const client of rotate(throughputClients, round)) samples[mode][client].push(await measure(mode, client));
    }
    for (const client of rotate(coldClients, round)) cold[client].push(await measure("cold", client));
    const ratio = (mode, client) =>
      (samples[mode][client][round].perSecond / samples[mode]["raw fetch"][round].perSecond).toFixed(2);
    console.log(
      `  round ${round + 1}/${rounds}: × raw fetch sequential / in flight: ${throughputClients
        .filter((client) => client !== "raw fetch")
        .map((client) => `${client} ${ratio("sequential", client)} / ${ratio("inflight", client)}`)
        .join(", ")}`,
    );
  }
} finally {
  server.disconnect();
}
const payspecAfter = (await bundle(bundleEntries.payspec)).sha256;
const rebuilt =
  payspecAfter === bundles.payspec.sha256
    ? undefined
    : `WARNING: payspec's build changed during the run (bundle ${bundles.payspec.sha256} before, ${payspecAfter} after): the rounds mix two builds; run again.`;
if (rebuilt !== undefined) process.exitCode = 2;

const composition = (client) =>
  Object.entries(bundles[client].byPackage)
    .sort(([, a], [, b]) => b - a)
    .map(([name, kB]) => `${name} ${kB.toFixed(1)}`)
    .join(", ");

// Summaries: throughput as the per-round ratio to raw fetch; RSS and cold start as they are.
const ratios = {};
for (const mode of ["sequential", "inflight"]) {
  ratios[mode] = {};
  for (const client of throughputClients) {
    ratios[mode][client] = summary(
      samples[mode][client].map((sample, round) => sample.perSecond / samples[mode]["raw fetch"][round].perSecond),
    );
  }
}
const perSecond = (mode, client) => summary(samples[mode][client].map((sample) => sample.perSecond));
const rss = Object.fromEntries(
  throughputClients.map((client) => [client, summary(samples.inflight[client].map((sample) => sample.peakRssMb))]),
);
const coldMs = Object.fromEntries(coldClients.map((client) => [client, summary(cold[client].map((s) => s.ms))]));

const range = (s, digits, unit = "") =>
  `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const times = (s) => range(s, 2, "×");
/** Rounds in which payspec beat stripe-node, comparing the two samples of the same round. */
const wins = (payspec, stripe, higherIsBetter) =>
  payspec.values.filter((value, round) =>
    higherIsBetter ? value > stripe.values[round] : value < stripe.values[round],
  ).length;

const headToHead = ({ row, short, cell, table, higherIsBetter, digits, unit }) => {
  const payspec = table.payspec;
  const stripe = table["stripe-node"];
  return {
    row,
    short,
    payspec: cell(payspec),
    stripe: cell(stripe),
    http: cell(table["node:http alone"]),
    target: `ahead of stripe-node (${higherIsBetter ? "higher" : "lower"})`,
    met: higherIsBetter ? payspec.median > stripe.median : payspec.median < stripe.median,
    detail: `median ${payspec.median.toFixed(digits)}${unit} vs ${stripe.median.toFixed(digits)}${unit}; ahead in ${wins(payspec, stripe, higherIsBetter)} of ${rounds}`,
  };
};
const rows = [
  headToHead({
    row: "sequential throughput, × raw fetch (higher better)",
    short: "sequential throughput",
    cell: times,
    table: ratios.sequential,
    higherIsBetter: true,
    digits: 2,
    unit: "×",
  }),
  headToHead({
    row: `${inFlight} in flight throughput, × raw fetch (higher better)`,
    short: `${inFlight} in flight throughput`,
    cell: times,
    table: ratios.inflight,
    higherIsBetter: true,
    digits: 2,
    unit: "×",
  }),
  headToHead({
    row: `peak RSS under load (${inFlight} in flight), MB`,
    short: "peak RSS under load",
    cell: (s) => range(s, 1),
    table: rss,
    higherIsBetter: false,
    digits: 1,
    unit: " MB",
  }),
  headToHead({
    row: "cold import + first call, ms",
    short: "cold import + first call",
    cell: (s) => range(s, 0),
    table: coldMs,
    higherIsBetter: false,
    digits: 0,
    unit: " ms",
  }),
  {
    row: "Node bundle of a one-call entry (esbuild, node, minified + gzip), kB",
    short: "Node bundle, one-call entry",
    payspec: bundles.payspec.gzipKb.toFixed(1),
    stripe: bundles["stripe-node"].gzipKb.toFixed(1),
    http: bundles["node:http alone"].gzipKb.toFixed(1),
    target: "ahead of stripe-node (smaller)",
    met: bundles.payspec.gzipKb < bundles["stripe-node"].gzipKb,
    detail: `${bundles.payspec.gzipKb.toFixed(1)} vs ${bundles["stripe-node"].gzipKb.toFixed(1)} kB; minified before gzip ${bundles.payspec.minKb.toFixed(1)} vs ${bundles["stripe-node"].minKb.toFixed(1)} kB`,
  },
  (() => {
    const sequential = ratios.sequential["payspec, fetch transport"];
    const inflight = ratios.inflight["payspec, fetch transport"];
    return {
      row: "`fetch` transport (custom `fetch` option), × raw fetch, sequential / in flight",
      short: "payspec `fetch` transport",
      payspec: `${times(sequential)} / ${times(inflight)}`,
      stripe: "—",
      http: "—",
      target: "≥ 0.95× raw fetch, both",
      met: sequential.median >= 0.95 && inflight.median >= 0.95,
      detail: `median ${sequential.median.toFixed(2)}× sequential, ${inflight.median.toFixed(2)}× in flight`,
    };
  })(),
];

const cpu = cpus();
const header = [
  `Measured ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC at commit ${commit}, payspec build ${bundles.payspec.sha256} (hash of its Node bundle); Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end.`,
  `${rounds} round${rounds === 1 ? "" : "s"}; each measurement a fresh process: ${warmup} warm-up then ${calls} timed calls (\`POST /payments\` / \`paymentIntents.create\`) against a keep-alive JSON stub in its own process. Cells: median over rounds (min–max); throughput as the ratio to raw \`fetch\` in the same round.`,
  ...(rebuilt === undefined ? [] : [`**${rebuilt}**`]),
];
const markdownRows = [
  "| row | payspec | stripe-node | node:http alone | target |",
  "| --- | ---: | ---: | ---: | --- |",
  ...rows.map(
    (row) =>
      `| ${row.row} | ${row.payspec} | ${row.stripe} | ${row.http} | ${row.target}: ${row.met ? "**met**" : "**not met**"} |`,
  ),
];
const verdicts = rows.map(
  (row) =>
    `- ${row.short}: ${row.target.startsWith("ahead") ? "payspec ahead of stripe-node" : row.target} — ${row.met ? "yes" : "no"} (${row.detail})`,
);
const absolute = throughputClients.map((client) => {
  const sequential = perSecond("sequential", client);
  const inflight = perSecond("inflight", client);
  return `| ${client} | ${range(sequential, 0)} | ${range(inflight, 0)} | ${range(rss[client], 1)} | ${coldMs[client] ? range(coldMs[client], 0) : "—"} |`;
});
const stripeOptions = `stripe-node: \`host\`, \`port\`, \`protocol: "http"\` pointed at the stub, \`maxNetworkRetries: ${maxRetries}\` (payspec's default \`maxRetries\`, and stripe-node's own default on Node), \`telemetry: false\`. payspec: default options plus \`baseUrl\`.`;
const markdown = [
  "## payspec vs stripe-node",
  "",
  ...header,
  "",
  ...markdownRows,
  "",
  ...verdicts,
  "",
  "Absolute figures (median over rounds, min–max):",
  "",
  "| client | sequential req/s | in flight req/s | peak RSS MB | cold import + first call ms |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...absolute,
  "",
  `Minified kB by package, before gzip: payspec: ${composition("payspec")}; stripe-node: ${composition("stripe-node")}.`,
  "",
  stripeOptions,
  "",
  "What each client sent (first request, as the stub received it):",
  "",
  ...Object.entries(requestsSeen).map(
    ([client, seen]) =>
      `- ${client}: \`${seen.request}\`, \`${seen.contentType}\`, idempotency key ${seen.idempotencyKey ? "sent" : "not sent"}, body \`${seen.body}\``,
  ),
  "",
].join("\n");

console.log(`\n${header.join("\n")}\n\n${markdownRows.join("\n")}\n\n${verdicts.join("\n")}\n`);
console.log(
  `Absolute figures (median, min–max): client | sequential req/s | in flight req/s | peak RSS MB | cold ms\n${absolute.join("\n")}\n`,
);
console.log(
  `Bundle, minified kB by package: payspec: ${composition("payspec")}; stripe-node: ${composition("stripe-node")}`,
);
writeFileSync(out, markdown);
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "compare.json"),
  `${JSON.stringify({ date: startedAt.toISOString(), node: process.version, commit, rounds, calls, warmup, inFlight, requestsSeen, samples, cold, bundles, rows }, null, 2)}\n`,
);
console.log(`wrote ${relative(root, out)} and .bench/compare.json`);
if (!process.argv.includes("--no-typecheck")) {
  console.log("");
  const typecheck = spawnSync(process.execPath, [join(here, "typecheck.mjs"), "--markdown", out], {
    cwd: root,
    stdio: "inherit",
  });
  if (typecheck.status !== 0) process.exitCode ??= typecheck.status ?? 1;
}
// The resource layer's bundle cost per provider (every provider package was built by `pnpm bench`).
const resourceSizes = spawnSync(process.execPath, [join(here, "resource-sizes.mjs")], { cwd: root, stdio: "inherit" });
if (resourceSizes.status !== 0) process.exitCode ??= resourceSizes.status ?? 1;
const sizeFloor = spawnSync(process.execPath, [join(here, "size-floor.mjs")], { cwd: root, stdio: "inherit" });
if (sizeFloor.status !== 0) process.exitCode ??= sizeFloor.status ?? 1;
// The stateful mock's latency against Prism, and 1,000 created objects listed and paged (issue 19).
const statefulMock = spawnSync(process.execPath, [join(here, "stateful-mock.mjs")], { cwd: root, stdio: "inherit" });
if (statefulMock.status !== 0) process.exitCode ??= statefulMock.status ?? 1;
if (rebuilt !== undefined) console.error(rebuilt);
