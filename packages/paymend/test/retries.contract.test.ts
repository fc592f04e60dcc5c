import { retrySafetySuite } from "@payspec/mock/vitest";
import { createPaymendClient } from "../src/index.js";
import { createBody, mockUrl, paymentId } from "./support.js";

// Faults injected by @payspec/mock's remembering proxy in front of the Prism mock. Paymend documents
// no idempotency, so a POST that may have arrived is never resent.
retrySafetySuite({
  provider: "paymend",
  target: mockUrl,
  newClient: (baseUrl, { maxRetries, timeoutMs }) =>
    createPaymendClient({ token: "sandbox_retry_tests", baseUrl, maxRetries, timeoutMs, retryBaseDelayMs: 1 }),
  create: {
    path: "/v1/payments",
    call: (client, headers) => client.POST("/v1/payments", { body: createBody, headers }),
  },
  read: {
    path: `/v1/payments/${paymentId}`,
    call: (client) => client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId } } }),
  },
});
