import { retrySafetySuite } from "@payspec/mock/vitest";
import { createVaiiPayClient } from "../src/index.js";
import { clientId, mockUrl, paymentId } from "./support.js";

// Faults injected by @payspec/mock's remembering proxy in front of the Prism mock. VaiiPay documents
// no idempotency, so a POST that may have arrived is never resent.
retrySafetySuite({
  provider: "vaiipay",
  target: mockUrl,
  newClient: (baseUrl, { maxRetries, timeoutMs }) =>
    createVaiiPayClient({
      token: "oauth_retry_tests",
      tokenKind: "oauth2",
      baseUrl,
      maxRetries,
      timeoutMs,
      retryBaseDelayMs: 1,
    }),
  create: {
    path: "/api/payment/checkout",
    call: (client, headers) =>
      client.POST("/api/payment/checkout", {
        body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123", clientId },
        headers,
      }),
  },
  read: {
    path: `/api/payment/${paymentId}`,
    call: (client) => client.GET("/api/payment/{paymentId}", { params: { path: { paymentId } } }),
  },
});
