// One memory measurement, in its own process so nothing else shares its heap: loads one client,
// sends `requests` calls with `inFlight` outstanding against the bench server, and reports the
// process's peak resident set size. Run by memory.mjs:
//
//   node scripts/bench/memory-child.mjs <client> <port> <requests> <inFlight>
import { clientFactories, concurrently } from "./clients.mjs";

const [name, port, requests, inFlight] = process.argv.slice(2);
const baseUrl = `http://127.0.0.1:${port}`;
const mb = (bytes) => bytes / 1024 / 1024;

const idleRss = process.memoryUsage().rss;
const send = await clientFactories[name](baseUrl, Number(port));
await send(); // load lazily imported transports and open a connection before the baseline
const loadedRss = process.memoryUsage().rss;
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 5);
const started = performance.now();
await concurrently(send, Number(requests), Number(inFlight));
const ms = performance.now() - started;
clearInterval(sampler);

process.stdout.write(
  `${JSON.stringify({
    client: name,
    idleRssMb: mb(idleRss),
    loadedRssMb: mb(loadedRss),
    // ru_maxrss: the kernel's high-water mark for the whole process, in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapUsedMb: mb(peakHeap),
    requestsPerSecond: Number(requests) / (ms / 1000),
  })}\n`,
);
process.exit(0);
