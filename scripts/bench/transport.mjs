#!/usr/bin/env node
// Transport throughput: payspec clients against raw fetch, openapi-fetch and stripe-node, on a
// local keep-alive server in a separate process. Prints a table and writes .bench/transport.json.
//
//   node scripts/bench/transport.mjs [--requests 3000] [--rounds 3]
//
// Rounds alternate between clients so drift on a shared machine hits all of them alike; each
// client's best round is reported. Not a test: numbers vary by machine.
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
import createClient from "openapi-fetch";
import Stripe from "stripe";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
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
const id = "cus_y3oqhf46pyzuxjbcn2giaqnb44";

const openapi = createClient({ baseUrl });
const payspecUndici = createPaymntCloudClient({ apiKey: "sk_sandbox_bench", baseUrl });
const payspecFetch = createPaymntCloudClient({
  apiKey: "sk_sandbox_bench",
  baseUrl,
  fetch: (request) => fetch(request),
});
const stripe = new Stripe("sk_test_bench", {
  host: "127.0.0.1",
  port,
  protocol: "http",
  maxNetworkRetries: 0,
  telemetry: false,
});

const clients = {
  "raw fetch": async () => {
    const response = await fetch(`${baseUrl}/customers/${id}`, { headers: { "api-key": "sk_sandbox_bench" } });
    await response.json();
  },
  "openapi-fetch": async () => {
    await openapi.GET("/customers/{customer_id}", { params: { path: { customer_id: id } } });
  },
  "stripe-node": async () => {
    await stripe.customers.retrieve(id);
  },
  "payspec (fetch transport)": async () => {
    await payspecFetch.GET("/customers/{customer_id}", { params: { path: { customer_id: id } } });
  },
  "payspec (undici, default on Node)": async () => {
    await payspecUndici.GET("/customers/{customer_id}", { params: { path: { customer_id: id } } });
  },
};

async function sequential(send) {
  const started = performance.now();
  for (let i = 0; i < requests; i++) await send();
  return requests / ((performance.now() - started) / 1000);
}

async function concurrent(send) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < requests) await send();
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

const best = {};
for (const name of Object.keys(clients)) {
  for (let i = 0; i < 200; i++) await clients[name](); // warm up connections and JIT
  best[name] = { sequential: 0, concurrent: 0 };
}
for (let round = 0; round < rounds; round++) {
  for (const [name, send] of Object.entries(clients)) {
    best[name].sequential = Math.max(best[name].sequential, await sequential(send));
    best[name].concurrent = Math.max(best[name].concurrent, await concurrent(send));
  }
}
server.disconnect();

const base = best["raw fetch"];
const rows = Object.entries(best).map(([name, result]) => ({
  client: name,
  "sequential req/s": Math.round(result.sequential),
  "× raw fetch": Number((result.sequential / base.sequential).toFixed(2)),
  [`${inFlight} in flight req/s`]: Math.round(result.concurrent),
  "× raw fetch ": Number((result.concurrent / base.concurrent).toFixed(2)),
}));
console.log(`Node ${process.version}, ${requests} requests per round, best of ${rounds} rounds`);
console.table(rows);

const stripeResult = best["stripe-node"];
const undiciResult = best["payspec (undici, default on Node)"];
const fetchResult = best["payspec (fetch transport)"];
const targets = [
  ["payspec (undici) ≥ stripe-node, sequential", undiciResult.sequential >= stripeResult.sequential],
  [`payspec (undici) ≥ stripe-node, ${inFlight} in flight`, undiciResult.concurrent >= stripeResult.concurrent],
  ["payspec (fetch) ≥ 0.95× raw fetch, sequential", fetchResult.sequential >= 0.95 * base.sequential],
  [`payspec (fetch) ≥ 0.95× raw fetch, ${inFlight} in flight`, fetchResult.concurrent >= 0.95 * base.concurrent],
];
for (const [target, met] of targets) console.log(`${met ? "met    " : "NOT MET"}  ${target}`);

mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "transport.json"),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, requests, rounds, inFlight, results: best, targets: Object.fromEntries(targets) }, null, 2)}\n`,
);
