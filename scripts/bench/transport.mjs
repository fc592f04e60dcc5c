#!/usr/bin/env node
// Transport throughput: payspec against raw fetch, openapi-fetch, stripe-node and openai-node, on a
// local keep-alive server in a separate process, with node:http on its own as the floor (no SDK above
// it). Prints a table and writes .bench/transport.json.
//
//   node scripts/bench/transport.mjs [--requests 3000] [--rounds 3]
//
// Rounds alternate between clients so drift on a shared machine hits all of them alike; each
// client's median over rounds is reported, with the client process's CPU time per request (user +
// system, from process.cpuUsage, also a median), which shared-machine noise disturbs less than req/s.
// All clients share this one process; `pnpm bench` (compare.mjs) is the stricter payspec-vs-stripe
// comparison, with a fresh process per measurement.
// Not a test: numbers vary by machine.
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clientFactories, concurrently, root } from "./clients.mjs";

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const requests = argument("requests", 3000);
const rounds = argument("rounds", 3);
const inFlight = 64;

const server = fork(join(dirname(fileURLToPath(import.meta.url)), "server.mjs"), { stdio: "inherit" });
const port = await new Promise((resolve) => server.once("message", (message) => resolve(message.port)));
const baseUrl = `http://127.0.0.1:${port}`;

const defaultName = "payspec (default transport)";
const fetchName = "payspec (fetch transport)";
const clients = {
  "raw fetch": await clientFactories["raw fetch"](baseUrl, port),
  "openapi-fetch": await clientFactories["openapi-fetch"](baseUrl, port),
  "stripe-node": await clientFactories["stripe-node"](baseUrl, port),
  "openai-node": await clientFactories["openai-node"](baseUrl, port),
  "node:http alone": await clientFactories["node:http alone"](baseUrl, port),
  [fetchName]: await clientFactories["payspec paymnt-cloud"](baseUrl, port, { fetch: (request) => fetch(request) }),
  [defaultName]: await clientFactories["payspec paymnt-cloud"](baseUrl, port),
};

async function measure(run) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { perSecond: requests / seconds, cpuMicros: (user + system) / requests };
}
const sequential = (send) =>
  measure(async () => {
    for (let i = 0; i < requests; i++) await send();
  });
const concurrent = (send) => measure(() => concurrently(send, requests, inFlight));

const samples = {};
for (const name of Object.keys(clients)) {
  for (let i = 0; i < 200; i++) await clients[name](); // warm up connections and JIT
  samples[name] = [];
}
for (let round = 0; round < rounds; round++) {
  for (const [name, send] of Object.entries(clients)) {
    samples[name].push({ one: await sequential(send), many: await concurrent(send) });
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
// Each figure is its median over rounds (never the best round).
const medians = Object.fromEntries(
  Object.entries(samples).map(([name, runs]) => [
    name,
    {
      sequential: median(runs.map((run) => run.one.perSecond)),
      concurrent: median(runs.map((run) => run.many.perSecond)),
      sequentialCpuMicros: median(runs.map((run) => run.one.cpuMicros)),
      concurrentCpuMicros: median(runs.map((run) => run.many.cpuMicros)),
    },
  ]),
);
server.disconnect();

const base = medians["raw fetch"];
const rows = Object.entries(medians).map(([name, result]) => ({
  client: name,
  "sequential req/s": Math.round(result.sequential),
  "× raw fetch": Number((result.sequential / base.sequential).toFixed(2)),
  "CPU µs/req": Math.round(result.sequentialCpuMicros),
  [`${inFlight} in flight req/s`]: Math.round(result.concurrent),
  "× raw fetch ": Number((result.concurrent / base.concurrent).toFixed(2)),
  "CPU µs/req ": Math.round(result.concurrentCpuMicros),
}));
console.log(`Node ${process.version}, ${requests} requests per round, median of ${rounds} rounds`);
console.table(rows);

const stripe = medians["stripe-node"];
const payspec = medians[defaultName];
const payspecFetch = medians[fetchName];
const ratio = (value, reference) => `${(value / reference).toFixed(2)}×`;
const targets = [
  {
    target: "payspec (default transport) ≥ stripe-node, sequential",
    met: payspec.sequential >= stripe.sequential,
    detail: `${Math.round(payspec.sequential)} vs ${Math.round(stripe.sequential)} req/s (${ratio(payspec.sequential, stripe.sequential)})`,
  },
  {
    target: `payspec (default transport) ≥ stripe-node, ${inFlight} in flight`,
    met: payspec.concurrent >= stripe.concurrent,
    detail: `${Math.round(payspec.concurrent)} vs ${Math.round(stripe.concurrent)} req/s (${ratio(payspec.concurrent, stripe.concurrent)})`,
  },
  {
    target: "payspec (fetch) ≥ 0.95× raw fetch, sequential",
    met: payspecFetch.sequential >= 0.95 * base.sequential,
    detail: ratio(payspecFetch.sequential, base.sequential),
  },
  {
    target: `payspec (fetch) ≥ 0.95× raw fetch, ${inFlight} in flight`,
    met: payspecFetch.concurrent >= 0.95 * base.concurrent,
    detail: ratio(payspecFetch.concurrent, base.concurrent),
  },
];
for (const { target, met, detail } of targets) console.log(`${met ? "met    " : "NOT MET"}  ${target}: ${detail}`);

mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "transport.json"),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, requests, rounds, inFlight, results: medians, targets }, null, 2)}\n`,
);
