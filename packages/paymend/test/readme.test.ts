import { readmeSuite } from "../../../config/provider-tests.js";

// The stateless mock answers each operation's first example (CAPTURED for a payment), whatever
// the payment's status, so the quickstart's flow ends at once.
readmeSuite(import.meta.url, {
  provider: "paymend",
  baseUrlEnv: "PAYMEND_BASE_URL",
  webhookServer: true,
  quickstart: {
    env: { PAYMEND_TOKEN: "sandbox_readme" },
    logs: [
      ["created", "pay_1234567890abcdef", "CAPTURED"],
      ["final", "CAPTURED"],
    ],
  },
  resources: {
    env: { PAYMEND_TOKEN: "sandbox_readme" },
    logs: [
      ["created", "pay_1234567890abcdef", "CAPTURED"],
      ["retrieved", "CAPTURED", 1],
      ["captured", "CAPTURED"],
      ["refunded", "REFUNDED"],
      ["voided", "VOIDED"],
    ],
  },
  more: {
    // The webhook examples only build their apps on import (they listen when PORT is set);
    // test/webhook-http.test.ts serves them on real servers.
    "webhook-express.ts": { env: { PAYMEND_TOKEN: "sandbox_readme" }, logs: [] },
    "webhook-hono.ts": { env: { PAYMEND_TOKEN: "sandbox_readme" }, logs: [] },
    "raw-layer.ts": {
      env: { PAYMEND_TOKEN: "sandbox_readme" },
      logs: [["payment", "pay_1234567890abcdef", "CAPTURED", 200]],
    },
  },
});
