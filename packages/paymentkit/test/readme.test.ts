import { readmeSuite } from "../../../config/provider-tests.js";

readmeSuite(import.meta.url, {
  provider: "paymentkit",
  baseUrlEnv: "PAYMENTKIT_BASE_URL",
  webhookServer: true,
  quickstart: {
    env: { PAYMENTKIT_TOKEN: "st_prod_readme" },
    logs: [
      ["subscription", "sub_prod_m3n4o5p6", "active"],
      ["invoice", "in_prod_q1r2s3t4", "open", 4900],
    ],
  },
  resources: {
    env: { PAYMENTKIT_TOKEN: "st_prod_readme" },
    logs: [
      ["customer", "cus_prod_x9y8z7w6"],
      ["product", "prod_prod_u5v6w7x8"],
      ["price", "price_prod_a9b8c7d6", 4900],
      ["subscription", "sub_prod_m3n4o5p6", "active"],
      ["change request", "scr_prod_c1d2e3f4", "DRAFT"],
      ["invoice", "in_prod_q1r2s3t4", "draft"],
      ["checkout session", "cs_prod_f1g2h3i4", "open"],
      ["refund", "re_prod_r5s6t7u8", "pending", "in_prod_q1r2s3t4/refund-1", 1],
      ["webhook endpoint", "we_prod_k4l5m6n7"],
    ],
  },
  more: {
    // The webhook examples only build their apps on import (they listen when PORT is set);
    // test/webhook-http.test.ts serves them on real servers.
    "webhook-express.ts": { env: {}, logs: [] },
    "webhook-hono.ts": { env: {}, logs: [] },
    "raw-layer.ts": {
      env: { PAYMENTKIT_TOKEN: "st_prod_readme" },
      logs: [["customer", "cus_prod_x9y8z7w6", "customer@example.com", 200]],
    },
  },
});
