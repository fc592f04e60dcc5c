#!/usr/bin/env node
// Issue 19's figures for @payspec/mock's stateful mode, at the end of `pnpm bench`:
// 1. Latency: per-call time of the same request mix against Prism alone (`proxy: false`), plain mode
//    (the remembering proxy in front of Prism) and stateful mode. Target: stateful ≤ 20 % more per
//    call than plain Prism (Prism alone); the overhead over plain mode is shown as well.
// 2. 1,000 created objects, listed and paginated correctly: every created id listed exactly once,
//    newest first, through each list's own paging (cursor, offset in the query, offset in the body).
// Prints the tables and writes .bench/stateful-mock.json. Run after a build (packages/mock/dist).
//
//   node scripts/bench/stateful-mock.mjs [--rounds 5] [--iterations 300] [--warmup 100] [--objects 1000]
//                                        [--batch 50] [--providers paymnt-cloud,paymentkit]
//                                        [--profile | --no-profile] [--profile-dir DIR]
//
// Method:
// - Every measurement is two fresh processes (stateful-mock-child.mjs): one runs the mock (Prism
//   in-process, as startProviderMock does), the other the client: `warmup` iterations of the mix, then
//   `iterations` timed ones, one call at a time with raw fetch (keep-alive). A mix iteration is create,
//   retrieve, one transition (Paymnt Cloud: create a manual-capture payment confirmed with the
//   engine's success card, retrieve it, capture it; PaymentKit: create a subscription, retrieve it,
//   cancel it), each POST with a fresh Idempotency-Key. Prism modes answer the spec's examples;
//   stateful mode answers from its store, and the client checks every answer is a 200 in the
//   expected state.
// - Modes alternate within each round (the order rotates from round to round); a cell is the median
//   over rounds (min–max) of a round's mean per-call time; overheads are per-round ratios (stateful
//   against Prism alone and against plain mode in the same round). Never best-of.
// - When the target is missed (or with --profile), one more measurement per mode runs with a V8 CPU
//   profile of the mock's process over the timed calls (100 µs sampling), and its CPU time is split by
//   where it was spent (Prism, the proxy and its hop to Prism, the stateful layer's parts).
//   --profile-dir keeps the .cpuprofile files.
// - The 1,000 objects: a fresh stateful mock; objects created in parallel batches (the mock clock moved
//   1 s between batches, so later batches are newer in the provider's timestamps too), then each list
//   paged with limit=100 to its end. "Correct": every created id listed, none twice, none unknown,
//   no page over the limit, total (where the list has one) equal to the count, and newest first (no
//   object listed before one from a later batch, no timestamp rising down the list).
import { execFileSync, fork } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dist = join(root, "packages", "mock", "dist");
const childPath = join(here, "stateful-mock-child.mjs");

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = process.argv[index + 1];
  if (typeof fallback === "string") return value;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} needs a whole number above 0, got ${value}`);
  return number;
}
const rounds = option("rounds", 5);
const iterations = option("iterations", 300);
const warmup = Math.max(2, option("warmup", 100));
const objects = option("objects", 1000);
const batch = option("batch", 50);
const providers = option("providers", "paymnt-cloud,paymentkit").split(",");
const profileDir = option("profile-dir", "");
const profileMode =
  process.argv.includes("--profile") || profileDir !== ""
    ? "always"
    : process.argv.includes("--no-profile")
      ? "never"
      : "auto";
const target = 0.2;
const modes = ["prism", "plain", "stateful"];

if (!existsSync(join(dist, "index.js"))) {
  console.error(`${relative(root, dist)} is missing: build first (cd packages/mock && npm run build)`);
  process.exit(1);
}
/** A hash of the mock's built JavaScript: if it changes during the run, the rounds mix two builds. */
const distHash = () => {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(dist);
  return hash.digest("hex").slice(0, 12);
};
const buildBefore = distHash();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), values });
const rotate = (list, by) => list.map((_, index) => list[(index + by) % list.length]);
const range = (s, digits, unit = "") =>
  `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const percent = (s) =>
  `${s.median >= 0 ? "+" : ""}${(s.median * 100).toFixed(0)} % (${(s.min * 100).toFixed(0)}–${(s.max * 100).toFixed(0)})`;

/** A forked child and a way to wait for its next message of a type (or its failure). */
function spawn(args) {
  const child = fork(childPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = [];
  let failure;
  child.on("message", (message) => {
    const index = waiting.findIndex((entry) => entry.type === message?.type);
    if (index !== -1) waiting.splice(index, 1)[0].resolve(message);
  });
  child.on("exit", (code) => {
    if (code === 0) return;
    failure = new Error(`${relative(root, childPath)} ${args.join(" ")} exited with ${code}`);
    for (const entry of waiting.splice(0)) entry.reject(failure);
  });
  return {
    child,
    wait: (type) =>
      failure !== undefined
        ? Promise.reject(failure)
        : new Promise((resolve, reject) => waiting.push({ type, resolve, reject })),
    send: (message) => child.send(message),
  };
}

/** One latency measurement: a fresh mock process, a fresh client process; optionally a CPU profile of the mock. */
async function measure(provider, mode, profilePath) {
  const server = spawn(["serve", provider, mode]);
  const { url } = await server.wait("ready");
  try {
    const client = spawn(["latency", provider, mode, url, String(warmup), String(iterations)]);
    await client.wait("warm");
    if (profilePath !== undefined) {
      server.send({ type: "profile-start", intervalUs: 100 });
      await server.wait("profile-started");
    }
    server.send({ type: "cpu" });
    const cpuBefore = (await server.wait("cpu")).usage;
    client.send({ type: "go" });
    const result = await client.wait("result");
    server.send({ type: "cpu" });
    const cpuAfter = (await server.wait("cpu")).usage;
    if (profilePath !== undefined) {
      server.send({ type: "profile-stop", path: profilePath });
      await server.wait("profile-stopped");
    }
    const mockCpuMs = (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000;
    const byOperation = Object.fromEntries(
      Object.entries(result.times).map(([operation, times]) => [
        operation,
        { meanMs: times.reduce((a, b) => a + b, 0) / times.length, p50Ms: median(times) },
      ]),
    );
    server.send({ type: "close" });
    const { peakRssMb } = await server.wait("closed");
    return {
      p50Ms: median(Object.values(result.times).flat()),
      perCallMs: result.perCallMs,
      mockCpuPerCallMs: mockCpuMs / result.calls,
      clientCpuPerCallMs: result.clientCpuMs / result.calls,
      calls: result.calls,
      ms: result.ms,
      byOperation,
      serverPeakRssMb: peakRssMb,
    };
  } catch (error) {
    server.child.kill();
    throw error;
  }
}

/**
 * Splits a CPU profile's samples by where the time went: each sample goes to the first rule its stack
 * (leaf to root) matches, the stateful layer's part named after the innermost file of the layer.
 */
function attribute(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const layerPart = {
    "router.js": "stateful layer: routing",
    "engine.js": "stateful layer: lifecycle engine and store",
    "transition.js": "stateful layer: lifecycle engine and store",
    "expressions.js": "stateful layer: lifecycle engine and store",
    "store.js": "stateful layer: lifecycle engine and store",
    "list-page.js": "stateful layer: lifecycle engine and store",
    "clock.js": "stateful layer: lifecycle engine and store",
    "events.js": "stateful layer: event building",
    "webhook-delivery.js": "stateful layer: webhook dispatch",
    "response-validation.js": "stateful layer: response validation (ajv)",
    "stateful-layer.js": "stateful layer: its own glue (URL, JSON parse/stringify, headers)",
  };
  const memo = new Map();
  const categoryOf = (id) => {
    if (memo.has(id)) return memo.get(id);
    const frames = [];
    for (let at = id; at !== undefined; at = parent.get(at)) frames.push(nodes.get(at).callFrame);
    const leaf = frames[0];
    const innermost = frames.find((frame) => frame.url !== "")?.url ?? "";
    const layer = frames.find((frame) => /packages\/mock\/dist\/(stateful\/|response-validation\.js)/.test(frame.url));
    let category;
    if (leaf.functionName === "(idle)") category = "(idle: waiting for the client)";
    else if (frames.some((frame) => frame.url === "node:inspector")) category = "(the profiler itself)";
    else if (leaf.functionName === "(garbage collector)") category = "garbage collection";
    else if (leaf.functionName === "(program)") category = "V8 and native code outside JS frames";
    else if (layer !== undefined) category = layerPart[layer.url.split("/").at(-1)] ?? "stateful layer: other";
    // The client runs in another process: fetch (undici) here is the proxy's hop to Prism.
    else if (frames.some((frame) => frame.url.includes("undici"))) category = "proxy: fetch (undici) hop to Prism";
    else if (innermost.startsWith("node:")) category = "Node built-ins: every server's HTTP parsing and socket I/O";
    else if (frames.some((frame) => frame.url.includes("/node_modules/")))
      category = "Prism's JS (routing, validation, examples)";
    else if (frames.some((frame) => frame.url.endsWith("packages/mock/dist/proxy.js"))) category = "proxy: its own JS";
    else category = "other";
    memo.set(id, category);
    return category;
  };
  const microseconds = {};
  profile.samples.forEach((id, index) => {
    const category = categoryOf(id);
    microseconds[category] = (microseconds[category] ?? 0) + (profile.timeDeltas[index] ?? 0);
  });
  return microseconds;
}

let commit = "unknown";
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "--", "packages/mock"], { cwd: root, encoding: "utf8" });
  if (dirty.trim() !== "") commit += " (packages/mock has uncommitted changes)";
} catch {}
const startedAt = new Date();
const loadAtStart = loadavg()[0];

// 1. Latency, modes alternating within each round.
console.log(
  `\nStateful mock (issue 19): ${rounds} rounds; per provider, mode and round a fresh mock process and a fresh client process: ${warmup} warm-up + ${iterations} timed iterations of create, retrieve, transition (${iterations * 3} calls), one at a time`,
);
const samples = Object.fromEntries(
  providers.map((provider) => [provider, Object.fromEntries(modes.map((mode) => [mode, []]))]),
);
for (let round = 0; round < rounds; round++) {
  for (const provider of providers) {
    for (const mode of rotate(modes, round)) samples[provider][mode].push(await measure(provider, mode));
    const ms = (mode) =>
      `${samples[provider][mode][round].p50Ms.toFixed(3)} / ${samples[provider][mode][round].perCallMs.toFixed(3)}`;
    console.log(
      `  round ${round + 1}/${rounds} ${provider}: ms per call, median / mean: ${modes.map((mode) => `${mode} ${ms(mode)}`).join(", ")}`,
    );
  }
}

// Per provider and measure: each mode's summary over rounds, and per-round ratios (stateful against
// Prism alone and against plain mode, plain against Prism alone, all from the same round).
const measures = {
  p50Ms: "median ms per call",
  perCallMs: "mean ms per call",
  mockCpuPerCallMs: "mock process CPU ms per call",
  clientCpuPerCallMs: "client process CPU ms per call",
};
const latency = {};
for (const provider of providers) {
  latency[provider] = { byMeasure: {} };
  for (const measure of Object.keys(measures)) {
    const of = (mode) => samples[provider][mode].map((sample) => sample[measure]);
    const ratio = (a, b) => of(a).map((value, round) => value / of(b)[round] - 1);
    latency[provider].byMeasure[measure] = {
      ...Object.fromEntries(modes.map((mode) => [mode, summary(of(mode))])),
      overPrism: summary(ratio("stateful", "prism")),
      overPlain: summary(ratio("stateful", "plain")),
      plainOverPrism: summary(ratio("plain", "prism")),
    };
  }
  latency[provider].byOperation = Object.fromEntries(
    Object.keys(samples[provider].prism[0].byOperation).map((operation) => [
      operation,
      Object.fromEntries(
        modes.map((mode) => [
          mode,
          summary(samples[provider][mode].map((sample) => sample.byOperation[operation].p50Ms)),
        ]),
      ),
    ]),
  );
  // The target is on the median per-call time, the measure a busy shared machine disturbs least.
  latency[provider].met = latency[provider].byMeasure.p50Ms.overPrism.median <= target;
}

// 2. Where the time goes, from a CPU profile of the mock's process per mode.
const profiles = {};
const toProfile = providers.filter(
  (provider) => profileMode === "always" || (profileMode === "auto" && !latency[provider].met),
);
if (toProfile.length > 0) {
  const dir = profileDir === "" ? mkdtempSync(join(tmpdir(), "payspec-stateful-profile-")) : resolve(root, profileDir);
  mkdirSync(dir, { recursive: true });
  console.log(`\nCPU profiles of the mock's process (one more measurement per mode): ${toProfile.join(", ")}`);
  try {
    for (const provider of toProfile) {
      profiles[provider] = {};
      for (const mode of modes) {
        const path = join(dir, `${provider}-${mode}.cpuprofile`);
        const result = await measure(provider, mode, path);
        const split = attribute(JSON.parse(readFileSync(path, "utf8")));
        const perCall = Object.fromEntries(
          Object.entries(split).map(([category, us]) => [category, us / 1000 / result.calls]),
        );
        const busy = Object.entries(perCall)
          .filter(([category]) => !category.startsWith("("))
          .reduce((sum, [, ms]) => sum + ms, 0);
        profiles[provider][mode] = { wallPerCallMs: result.perCallMs, cpuPerCallMs: busy, perCall };
      }
    }
  } finally {
    if (profileDir === "") rmSync(dir, { recursive: true, force: true });
    else
      console.log(
        `CPU profiles kept in ${relative(root, dir) || "."} (open them in Chrome DevTools' Performance panel)`,
      );
  }
}

// 3. 1,000 objects in stateful mode, listed and paged.
console.log(`\n${objects} objects per provider in stateful mode, created ${batch} at a time, then listed 100 a page`);
const lists = [];
for (const provider of providers) {
  const server = spawn(["serve", provider, "stateful"]);
  const { url } = await server.wait("ready");
  try {
    const client = spawn(["objects", provider, url, String(objects), String(batch)]);
    const result = await client.wait("result");
    for (const list of result.lists) lists.push({ provider, ...list });
  } finally {
    server.send({ type: "close" });
    await server.wait("closed");
  }
}

const buildAfter = distHash();
const rebuilt =
  buildAfter === buildBefore
    ? undefined
    : `WARNING: packages/mock/dist changed during the run (${buildBefore} before, ${buildAfter} after): the rounds mix two builds; run again.`;

// Output.
const cpu = cpus();
const header = `Measured ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC at commit ${commit}, mock build ${buildBefore}; Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end. ${rounds} rounds × ${iterations * 3} timed calls per mode; cells: median over rounds (min–max) of each round's figure; percentages: median (min–max) of per-round ratios.`;
console.log(`\n${header}\n`);
const latencyRows = providers.flatMap((provider) =>
  Object.entries(measures).map(([measure, label]) => {
    const m = latency[provider].byMeasure[measure];
    return {
      provider,
      measure: label,
      "Prism alone": range(m.prism, 3),
      "plain (proxy + Prism)": range(m.plain, 3),
      stateful: range(m.stateful, 3),
      "stateful vs Prism alone": percent(m.overPrism),
      "stateful vs plain": percent(m.overPlain),
      "plain vs Prism alone": percent(m.plainOverPrism),
    };
  }),
);
console.log(
  `Latency, same request mix, one call at a time. Target: stateful ≤ ${target * 100} % more per call than plain Prism (Prism alone, proxy: false), on the median per call; "vs plain" is over the proxy + Prism, for reference`,
);
console.table(latencyRows);
const operationRows = providers.flatMap((provider) =>
  Object.entries(latency[provider].byOperation).map(([operation, byMode]) => ({
    provider,
    operation,
    ...Object.fromEntries(modes.map((mode) => [`${mode} ms`, range(byMode[mode], 3)])),
  })),
);
console.log("Per operation, median ms per call (median over rounds, min–max)");
console.table(operationRows);
for (const [provider, byMode] of Object.entries(profiles)) {
  const cell = (mode, category) => byMode[mode].perCall[category] ?? 0;
  const categories = [...new Set(modes.flatMap((mode) => Object.keys(byMode[mode].perCall)))].filter(
    (category) => !category.startsWith("(") && modes.some((mode) => cell(mode, category) >= 0.0005),
  );
  const rows = categories
    .map((category) => ({
      "where (CPU of the mock's process)": category,
      ...Object.fromEntries(modes.map((mode) => [`${mode} ms/call`, +cell(mode, category).toFixed(3)])),
      "stateful − plain": +(cell("stateful", category) - cell("plain", category)).toFixed(3),
    }))
    .sort((a, b) => b["stateful ms/call"] - a["stateful ms/call"]);
  rows.push({
    "where (CPU of the mock's process)": "total CPU (wall per call while profiled)",
    ...Object.fromEntries(
      modes.map((mode) => [
        `${mode} ms/call`,
        `${byMode[mode].cpuPerCallMs.toFixed(3)} (${byMode[mode].wallPerCallMs.toFixed(3)})`,
      ]),
    ),
    "stateful − plain": +(byMode.stateful.cpuPerCallMs - byMode.plain.cpuPerCallMs).toFixed(3),
  });
  console.log(`Where the mock's time goes, ${provider} (V8 CPU profile, 100 µs sampling, one run per mode)`);
  console.table(rows);
}
console.log(`${objects} created objects, listed and paginated (stateful mode)`);
console.table(
  lists.map((list) => ({
    provider: list.provider,
    list: list.list,
    paging: list.paging,
    created: list.created,
    "listed (unique)": `${list.listed} (${list.unique})`,
    pages: list.pages,
    "create ms": list.createMs === undefined ? "—" : Math.round(list.createMs),
    "page through ms": Math.round(list.pageMs),
    correct: list.correct ? "yes" : `NO: ${list.problems.join("; ")}`,
  })),
);
const verdicts = [
  ...providers.map((provider) => {
    const { p50Ms, perCallMs } = latency[provider].byMeasure;
    return `- ${provider}: stateful ≤ ${target * 100} % more per call than plain Prism (Prism alone) — ${latency[provider].met ? "met" : "NOT MET"} (median per call ${percent(p50Ms.overPrism)}, mean ${percent(perCallMs.overPrism)}; over plain mode, the proxy + Prism: ${percent(p50Ms.overPlain)}, mean ${percent(perCallMs.overPlain)})`;
  }),
  `- ${objects} created objects listed and paginated correctly — ${lists.every((list) => list.correct) ? "met" : "NOT MET"} (${lists.map((list) => `${list.provider} ${list.list}: ${list.correct ? "correct" : "wrong"}`).join("; ")})`,
];
console.log(verdicts.join("\n"));

mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "stateful-mock.json"),
  `${JSON.stringify({ date: startedAt.toISOString(), node: process.version, commit, build: buildBefore, rounds, iterations, warmup, target, latency, profiles, lists, samples }, null, 2)}\n`,
);
console.log("wrote .bench/stateful-mock.json");
if (!lists.every((list) => list.correct)) process.exitCode = 1;
if (rebuilt !== undefined) {
  console.error(rebuilt);
  process.exitCode = 2;
}
