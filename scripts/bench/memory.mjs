#!/usr/bin/env node
// Peak memory under load: for each client, a fresh child process (memory-child.mjs) sends
// `--requests` calls with 64 in flight against the keep-alive bench server (itself a separate
// process), and reports its peak RSS (ru_maxrss). Runs alternate between clients; each client's
// median run is reported. Prints a table and writes .bench/memory.json.
//
//   node scripts/bench/memory.mjs [--requests 20000] [--runs 3]
//
// Not a test: numbers vary by machine. Peak RSS includes Node itself and every module the client
// loads. node:http on its own (no SDK above it) is the floor: stripe-node and payspec's default Node
// transport are both built on it.
import { execFileSync, fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clientFactories, root } from "./clients.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const requests = argument("requests", 20_000);
const runs = argument("runs", 3);
const inFlight = 64;
const names = [
  "node:http alone",
  "raw fetch",
  "stripe-node",
  "openai-node",
  "payspec paymnt-cloud",
  "payspec paymentkit",
  "payspec vaiipay",
  "payspec paymend",
];
for (const name of names) if (!(name in clientFactories)) throw new Error(`unknown client ${name}`);

const server = fork(join(here, "server.mjs"), { stdio: "inherit" });
const port = await new Promise((resolve) => server.once("message", (message) => resolve(message.port)));

const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let run = 0; run < runs; run++) {
  for (const name of names) {
    const output = execFileSync(
      process.execPath,
      [join(here, "memory-child.mjs"), name, String(port), String(requests), String(inFlight)],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    samples[name].push(JSON.parse(output.trim().split("\n").at(-1)));
  }
}
server.disconnect();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = Object.fromEntries(
  names.map((name) => {
    const runsOf = samples[name];
    const field = (key) => median(runsOf.map((sample) => sample[key]));
    return [
      name,
      {
        idleRssMb: field("idleRssMb"),
        loadedRssMb: field("loadedRssMb"),
        peakRssMb: field("peakRssMb"),
        peakHeapUsedMb: field("peakHeapUsedMb"),
        requestsPerSecond: field("requestsPerSecond"),
        peakRssRunsMb: runsOf.map((sample) => +sample.peakRssMb.toFixed(1)),
      },
    ];
  }),
);

const stripe = results["stripe-node"];
const rows = names.map((name) => {
  const result = results[name];
  return {
    client: name,
    "peak RSS MB": +result.peakRssMb.toFixed(1),
    "× stripe": +(result.peakRssMb / stripe.peakRssMb).toFixed(2),
    "RSS after load, before traffic MB": +result.loadedRssMb.toFixed(1),
    "growth under load MB": +(result.peakRssMb - result.loadedRssMb).toFixed(1),
    "peak heap used MB": +result.peakHeapUsedMb.toFixed(1),
    "req/s": Math.round(result.requestsPerSecond),
  };
});
console.log(
  `Node ${process.version}; ${requests} requests, ${inFlight} in flight, one process per run; median of ${runs} runs`,
);
console.table(rows);

const targets = names
  .filter((name) => name.startsWith("payspec "))
  .map((name) => {
    const peak = results[name].peakRssMb;
    const gap = peak - stripe.peakRssMb;
    return {
      target: `${name} peak RSS ≤ stripe-node's`,
      met: gap <= 0,
      detail: `${peak.toFixed(1)} vs ${stripe.peakRssMb.toFixed(1)} MB (${gap > 0 ? "+" : ""}${gap.toFixed(1)} MB)`,
    };
  });
for (const { target, met, detail } of targets) console.log(`${met ? "met    " : "NOT MET"}  ${target}: ${detail}`);

let commit;
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
} catch {
  commit = undefined;
}
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "memory.json"),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, commit, requests, inFlight, runs, results, targets }, null, 2)}\n`,
);
