// The clients the benchmarks compare, each as a function that makes one "retrieve" call against
// the bench server (server.mjs answers every path with the same small JSON object). Shared by
// transport.mjs (throughput, in-process) and memory-child.mjs (peak RSS, one process per client).
//
// Modules load lazily, so a memory child only ever loads the one client it measures.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const id = "cus_y3oqhf46pyzuxjbcn2giaqnb44";
const provider = (name) => import(pathToFileURL(join(root, "packages", name, "dist", "index.js")).href);

/**
 * name → async (baseUrl, port, options) => send(), where `options.fetch` (optional) selects
 * payspec's fetch transport instead of its default Node one.
 */
export const clientFactories = {
  // Floor: Node's HTTP stack on its own, with no SDK above it.
  "node:http alone": async (baseUrl) => {
    const http = await import("node:http");
    const agent = new http.Agent({ keepAlive: true });
    return () =>
      new Promise((resolve, reject) => {
        http
          .get(`${baseUrl}/customers/${id}`, { agent, headers: { "api-key": "sk_sandbox_bench" } }, (response) => {
            const chunks = [];
            response.on("data", (chunk) => chunks.push(chunk));
            response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
            response.on("error", reject);
          })
          .on("error", reject);
      });
  },
  "raw fetch": async (baseUrl) => async () => {
    const response = await fetch(`${baseUrl}/customers/${id}`, { headers: { "api-key": "sk_sandbox_bench" } });
    await response.json();
  },
  "openapi-fetch": async (baseUrl) => {
    const { default: createClient } = await import("openapi-fetch");
    const client = createClient({ baseUrl });
    return () => client.GET("/customers/{customer_id}", { params: { path: { customer_id: id } } });
  },
  "stripe-node": async (_baseUrl, port) => {
    const { default: Stripe } = await import("stripe");
    const stripe = new Stripe("sk_test_bench", {
      host: "127.0.0.1",
      port,
      protocol: "http",
      maxNetworkRetries: 0,
      telemetry: false,
    });
    return () => stripe.customers.retrieve(id);
  },
  "openai-node": async (baseUrl) => {
    const { default: OpenAI } = await import("openai");
    const openai = new OpenAI({ apiKey: "sk-bench", baseURL: baseUrl, maxRetries: 0 });
    return () => openai.models.retrieve(id);
  },
  "payspec paymnt-cloud": async (baseUrl, _port, options = {}) => {
    const { createPaymntCloudClient } = await provider("paymnt-cloud");
    const client = createPaymntCloudClient({ apiKey: "sk_sandbox_bench", baseUrl, ...options });
    return () => client.GET("/customers/{customer_id}", { params: { path: { customer_id: id } } });
  },
  "payspec paymentkit": async (baseUrl, _port, options = {}) => {
    const { createPaymentKitClient } = await provider("paymentkit");
    const client = createPaymentKitClient({ token: "st_prod_bench", baseUrl, ...options });
    return () => client.GET("/api/customers/{customer_id}", { params: { path: { customer_id: id } } });
  },
  "payspec vaiipay": async (baseUrl, _port, options = {}) => {
    const { createVaiiPayClient } = await provider("vaiipay");
    const client = createVaiiPayClient({ token: "bench_client_token", baseUrl, ...options });
    return () => client.GET("/api/payment/{paymentId}", { params: { path: { paymentId: id } } });
  },
  "payspec paymend": async (baseUrl, _port, options = {}) => {
    const { createPaymendClient } = await provider("paymend");
    const client = createPaymendClient({ token: "bench_token", baseUrl, ...options });
    return () => client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: id } } });
  },
};

/** Sends `requests` calls with `inFlight` of them outstanding at any time. */
export async function concurrently(send, requests, inFlight) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < requests) await send();
    }),
  );
}
