import { expect } from "vitest";
import { readmeSuite } from "../../../config/provider-tests.js";

readmeSuite(import.meta.url, {
  provider: "vaiipay",
  baseUrlEnv: "VAIIPAY_BASE_URL",
  webhookServer: true,
  quickstart: {
    env: { VAIIPAY_TOKEN: "client_token_readme" },
    logs: [
      ["send the payer to", expect.stringMatching(/^https:\/\/yourdomain\.com\/checkout\/550e8400-/)],
      ["payment", "550e8400-e29b-41d4-a716-446655440000", "CONFIRMED", "$100.00"],
    ],
  },
  resources: {
    env: { VAIIPAY_OAUTH_TOKEN: "oauth_readme" },
    logs: [
      ["application", "550e8400-e29b-41d4-a716-446655440000", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"],
      ["listed", "550e8400-e29b-41d4-a716-446655440000", "My E-commerce Store"],
      ["payment", "550e8400-e29b-41d4-a716-446655440000", "CONFIRMED"],
      // The docs show no instructions or payment-methods bodies, so the mock's are empty.
      ["instructions", {}],
      ["payment methods", 0],
    ],
  },
  more: {
    // The webhook examples only build their apps on import (they listen when PORT is set);
    // test/webhook-http.test.ts serves them on real servers.
    "webhook-express.ts": { env: {}, logs: [] },
    "webhook-hono.ts": { env: {}, logs: [] },
    "raw-layer.ts": {
      env: { VAIIPAY_TOKEN: "client_token_readme" },
      logs: [["payment", "550e8400-e29b-41d4-a716-446655440000", "CONFIRMED", 200]],
    },
  },
});
