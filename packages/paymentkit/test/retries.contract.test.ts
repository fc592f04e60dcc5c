import { retrySafetySuite } from "@payspec/mock/vitest";
import { createPaymentKitClient } from "../src/index.js";
import { accountId, mockUrl, token } from "./support.js";

const customer_id = "cus_prod_x9y8z7w6";

// Faults injected by @payspec/mock's remembering proxy in front of the Prism mock.
retrySafetySuite({
  provider: "paymentkit",
  target: mockUrl,
  newClient: (baseUrl, { maxRetries, timeoutMs }) =>
    createPaymentKitClient({ token, accountId, baseUrl, maxRetries, timeoutMs, retryBaseDelayMs: 1 }),
  // Refund creation is the one call PaymentKit documents deduplicating by Idempotency-Key.
  create: {
    path: `/api/${accountId}/payments/refunds`,
    call: (client, headers) =>
      client.POST("/api/{account_id}/payments/refunds", {
        body: { payment_intent_id: "pi_abc123", amount_atom: 1500, reason: "requested_by_customer" },
        headers,
      }),
  },
  createOtherBody: (client, headers) =>
    client.POST("/api/{account_id}/payments/refunds", {
      body: { payment_intent_id: "pi_abc123", amount_atom: 500, reason: "requested_by_customer" },
      headers,
    }),
  // Any other POST is not documented as deduplicated: it is never sent twice.
  unkeyedCreate: {
    path: `/api/${accountId}/customers`,
    call: (client, headers) =>
      client.POST("/api/{account_id}/customers", { body: { email: "jane@example.com", name: "Jane Smith" }, headers }),
  },
  read: {
    path: `/api/${accountId}/customers/${customer_id}`,
    call: (client) => client.GET("/api/{account_id}/customers/{customer_id}", { params: { path: { customer_id } } }),
  },
});
