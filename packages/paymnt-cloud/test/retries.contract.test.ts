import { retrySafetySuite } from "@payspec/mock/vitest";
import { createPaymntCloudClient } from "../src/index.js";
import { mockUrl } from "./support.js";

const payment_id = "pay_mbabizu24mvu3mela5njyhpit4";

// Faults injected by @payspec/mock's remembering proxy in front of the Prism mock.
retrySafetySuite({
  provider: "paymnt-cloud",
  target: mockUrl,
  newClient: (baseUrl, { maxRetries, timeoutMs }) =>
    createPaymntCloudClient({ apiKey: "sk_sandbox_retry_tests", baseUrl, maxRetries, timeoutMs, retryBaseDelayMs: 1 }),
  create: {
    path: "/payments",
    call: (client, headers) => client.POST("/payments", { body: { amount: 1000, currency: "USD" }, headers }),
  },
  createOtherBody: (client, headers) => client.POST("/payments", { body: { amount: 2000, currency: "USD" }, headers }),
  read: {
    path: `/payments/${payment_id}`,
    call: (client) => client.GET("/payments/{payment_id}", { params: { path: { payment_id } } }),
  },
});
