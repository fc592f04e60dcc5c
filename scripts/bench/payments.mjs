// The clients `pnpm bench` compares, each making one "create a payment" call against the stub
// (server.mjs) with the same payment in its body: payspec's Paymnt Cloud client (`POST /payments`,
// default options, and again with a custom `fetch`), stripe-node (`paymentIntents.create`), and two
// floors with no SDK above them: node:http (what stripe-node is built on) and the global fetch.
//
// Every factory imports lazily, so a measuring process (child.mjs) loads only the client it measures,
// and payspec is loaded from its built dist through its public API only.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const payspecDist = join(root, "packages", "paymnt-cloud", "dist", "index.js");

/** The payment every client creates (stripe-node's parameter names differ, the content does not). */
export const payment = {
  amount: 6540,
  currency: "USD",
  customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
  description: "Order #1042",
  metadata: { order_id: "ord_1042" },
};
/** What the stub answers with; a call's result must carry it. */
export const expectedPaymentId = "pay_mbabizu24mvu3mela5njyhpit4";

/** payspec's default `maxRetries`; stripe-node gets the same (which is also its own default on Node). */
export const maxRetries = 2;

const payspec =
  (options = {}) =>
  async (port) => {
    const { createPaymntCloudClient } = await import(pathToFileURL(payspecDist).href);
    const client = createPaymntCloudClient({
      apiKey: "sk_sandbox_bench",
      baseUrl: `http://127.0.0.1:${port}`,
      ...options,
    });
    return async () => (await client.POST("/payments", { body: payment })).data;
  };

/** name → async (port) => send, where send() makes one call and resolves to the parsed payment. */
export const factories = {
  payspec: payspec(),
  "payspec, fetch transport": payspec({ fetch: (input, init) => globalThis.fetch(input, init) }),
  "stripe-node": async (port) => {
    const { default: Stripe } = await import("stripe");
    const stripe = new Stripe("sk_test_bench", {
      host: "127.0.0.1",
      port,
      protocol: "http",
      maxNetworkRetries: maxRetries,
      // Off: no telemetry header, no telemetry id file; stripe-node at its leanest.
      telemetry: false,
    });
    return () =>
      stripe.paymentIntents.create({
        amount: payment.amount,
        currency: payment.currency.toLowerCase(),
        customer: payment.customer_id,
        description: payment.description,
        metadata: payment.metadata,
      });
  },
  "node:http alone": async (port) => {
    const http = await import("node:http");
    const agent = new http.Agent({ keepAlive: true });
    return () =>
      new Promise((resolve, reject) => {
        const json = JSON.stringify(payment);
        const request = http.request(
          {
            host: "127.0.0.1",
            port,
            path: "/payments",
            method: "POST",
            agent,
            headers: {
              "api-key": "sk_sandbox_bench",
              "content-type": "application/json",
              "content-length": Buffer.byteLength(json),
            },
          },
          (response) => {
            const chunks = [];
            response.on("data", (chunk) => chunks.push(chunk));
            response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
            response.on("error", reject);
          },
        );
        request.on("error", reject);
        request.end(json);
      });
  },
  "raw fetch": async (port) => {
    const url = `http://127.0.0.1:${port}/payments`;
    return async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "api-key": "sk_sandbox_bench", "content-type": "application/json" },
        body: JSON.stringify(payment),
      });
      return response.json();
    };
  },
};

/**
 * One-call entries for the bundle-size row: what an app that makes a single call would ship. Bundled
 * with esbuild for the Node platform (minified, everything but Node's built-ins included), then gzipped.
 */
export const bundleEntries = {
  payspec: `import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
    const client = createPaymntCloudClient({ apiKey: process.env.KEY });
    console.log(await client.POST("/payments", { body: ${JSON.stringify(payment)} }));`,
  "stripe-node": `import Stripe from "stripe";
    const stripe = new Stripe(process.env.KEY);
    console.log(await stripe.paymentIntents.create({ amount: 6540, currency: "usd", customer: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
      description: "Order #1042", metadata: { order_id: "ord_1042" } }));`,
  "node:http alone": `import { request } from "node:http";
    const json = JSON.stringify(${JSON.stringify(payment)});
    const req = request("http://127.0.0.1:8080/payments", { method: "POST", headers: { "api-key": process.env.KEY,
      "content-type": "application/json", "content-length": Buffer.byteLength(json) } }, (res) => {
      const chunks = []; res.on("data", (c) => chunks.push(c)); res.on("end", () => console.log(JSON.parse(Buffer.concat(chunks))));
    });
    req.end(json);`,
};
