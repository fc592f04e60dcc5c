// One measurement in a fresh process, run by compare.mjs; prints one JSON line on stdout.
//
//   node scripts/bench/child.mjs cold <client> <port>
//     loads the client, makes one call; `ms` is the time from this process's start
//     (performance.timeOrigin) to that call's parsed response.
//   node scripts/bench/child.mjs <sequential|inflight> <client> <port> <warmup> <calls> <inFlight>
//     `warmup` calls, then `calls` timed ones, one at a time or `inFlight` outstanding at any time
//     (the warm-up runs the same way, so the connection pool is open before the clock starts);
//     `perSecond` over the timed calls, `peakRssMb` the process's high-water mark (ru_maxrss).
//
// Static imports are kept to the one small module of client factories, so a cold run loads little
// besides the client it measures.
import { expectedPaymentId, factories } from "./payments.mjs";

const [mode, name, port, warmup, calls, inFlight] = process.argv.slice(2);
const factory = factories[name];
if (factory === undefined) throw new Error(`unknown client ${name}`);

const check = (result, when) => {
  if (result?.payment_id !== expectedPaymentId) {
    throw new Error(`${name}: ${when} call did not return the stub's payment: ${JSON.stringify(result)}`);
  }
};
const report = (result) => process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));

const send = await factory(Number(port));
if (mode === "cold") {
  const result = await send();
  const ms = performance.now();
  check(result, "first");
  report({ ms });
} else {
  const width = mode === "inflight" ? Number(inFlight) : 1;
  const run = async (count) => {
    let next = 0;
    let last;
    await Promise.all(
      Array.from({ length: Math.max(0, Math.min(width, count)) }, async () => {
        while (next++ < count) last = await send();
      }),
    );
    return last;
  };
  check(await send(), "first");
  await run(Number(warmup) - 1);
  const started = performance.now();
  const last = await run(Number(calls));
  const ms = performance.now() - started;
  check(last, "last");
  report({ perSecond: Number(calls) / (ms / 1000), ms, peakRssMb: process.resourceUsage().maxRSS / 1024 });
}
