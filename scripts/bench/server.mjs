// The benchmarks' stub API: a keep-alive JSON server in its own process, so its work never shares an
// event loop with the client being measured. Every request gets 200 and the same small JSON body
// (a payment, shaped like Paymnt Cloud's), whatever the path or method.
//
// It tells its parent its port ({ port }) and answers two IPC messages, so the parent can prove a
// client really sent its request bodies:
//   "reset" → { type: "reset" }            counters back to zero
//   "stats" → { type: "stats", stats }     requests, how many had a body, body bytes, and the first
//                                          request per "METHOD path" (content type, idempotency key
//                                          present, the body's first 300 characters)
import { createServer } from "node:http";

const body = JSON.stringify({
  payment_id: "pay_mbabizu24mvu3mela5njyhpit4",
  merchant_id: "merchant_bench",
  status: "requires_payment_method",
  amount: 6540,
  currency: "USD",
  amount_capturable: 6540,
  amount_received: null,
  customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
  description: "Order #1042",
  metadata: { order_id: "ord_1042" },
  client_secret: "pay_mbabizu24mvu3mela5njyhpit4_secret_bench",
  created: "2026-11-22T09:10:00.000Z",
});
const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };

const fresh = () => ({ requests: 0, withBody: 0, bodyBytes: 0, samples: {} });
let stats = fresh();

const server = createServer((request, response) => {
  const key = `${request.method} ${request.url}`;
  const chunks = key in stats.samples ? undefined : [];
  let bytes = 0;
  request.on("data", (chunk) => {
    bytes += chunk.length;
    chunks?.push(chunk);
  });
  request.on("end", () => {
    stats.requests++;
    if (bytes > 0) {
      stats.withBody++;
      stats.bodyBytes += bytes;
    }
    if (chunks !== undefined && !(key in stats.samples)) {
      stats.samples[key] = {
        contentType: request.headers["content-type"] ?? null,
        idempotencyKey: request.headers["idempotency-key"] !== undefined,
        body: Buffer.concat(chunks).toString("utf8").slice(0, 300),
      };
    }
    response.writeHead(200, headers);
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: server.address().port });
});
process.on("message", (message) => {
  if (message === "reset") {
    stats = fresh();
    process.send({ type: "reset" });
  } else if (message === "stats") {
    process.send({ type: "stats", stats });
  }
});
process.on("disconnect", () => process.exit(0));
