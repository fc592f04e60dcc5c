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
  create: {
    path: `/api/${accountId}/customers`,
    call: (client, headers) =>
      client.POST("/api/{account_id}/customers", { body: { email: "jane@example.com", name: "Jane Smith" }, headers }),
  },
  createOtherBody: (client, headers) =>
    client.POST("/api/{account_id}/customers", { body: { email: "john@example.com", name: "John Smith" }, headers }),
  read: {
    path: `/api/${accountId}/customers/${customer_id}`,
    call: (client) => client.GET("/api/{account_id}/customers/{customer_id}", { params: { path: { customer_id } } }),
  },
});
