import { readmeSuite } from "../../../config/provider-tests.js";

// The stateless mock answers each operation's first example (CAPTURED for a payment), whatever
// the payment's status, so the quickstart's flow ends at once.
readmeSuite(import.meta.url, {
  provider: "paymend",
  baseUrlEnv: "PAYMEND_BASE_URL",
  webhookServer: false,
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
    "raw-layer.ts": {
      env: { PAYMEND_TOKEN: "sandbox_readme" },
      logs: [["payment", "pay_1234567890abcdef", "CAPTURED", 200]],
    },
  },
});
