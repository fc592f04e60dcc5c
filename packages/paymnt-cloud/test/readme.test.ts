import { expect } from "vitest";
import { readmeSuite } from "../../../config/provider-tests.js";

readmeSuite(import.meta.url, {
  provider: "paymnt-cloud",
  baseUrlEnv: "PAYMNT_BASE_URL",
  webhookServer: true,
  quickstart: {
    env: { PAYMNT_API_KEY: "sk_sandbox_readme" },
    logs: [
      // The last argument is the idempotency key the client generated.
      ["created", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded", expect.stringMatching(/^[0-9a-f-]{36}$/)],
      ["captured", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
    ],
  },
  resources: {
    env: { PAYMNT_API_KEY: "sk_sandbox_readme" },
    logs: [
      ["customer", "cus_y3oqhf46pyzuxjbcn2giaqnb44"],
      ["payment", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
      ["refund", "ref_mbabizu24mvu3mela5njyhpit4", "succeeded"],
      // The mock's list has one refund, so `for await` stops after the first page.
      ["listed", "ref_mbabizu24mvu3mela5njyhpit4", 1000, "succeeded"],
    ],
  },
  more: {
    // The webhook examples only build their apps on import (they listen when PORT is set);
    // test/webhook-http.test.ts serves them on real servers.
    "webhook-express.ts": { env: {}, logs: [] },
    "webhook-hono.ts": { env: {}, logs: [] },
    "saved-card-mit.ts": {
      env: { PAYMNT_API_KEY: "sk_sandbox_readme" },
      logs: [
        ["customer", "cus_y3oqhf46pyzuxjbcn2giaqnb44"],
        ["first payment", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
        ["mandate", "man_mbabizu24mvu3mela5njyhpit4", "pm_mbabizu24mvu3mela5njyhpit4", "4242"],
        ["renewal", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
      ],
    },
    "disputes.ts": {
      env: { PAYMNT_API_KEY: "sk_sandbox_readme" },
      logs: [
        ["accepted", "dp_mbabizu24mvu3mela5njyhpit4", "dispute_accepted"],
        ["challenged", "dp_mbabizu24mvu3mela5njyhpit4", "dispute_challenged", "file_mbabizu24mvu3mela5njyh"],
      ],
    },
    "raw-layer.ts": {
      env: { PAYMNT_API_KEY: "sk_sandbox_readme" },
      logs: [["payment", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded", 200]],
    },
    "payout.ts": {
      env: { PAYMNT_API_KEY: "sk_sandbox_readme" },
      logs: [
        ["payout", "payout_mbabizu24mvu3mela5njyhp", "success"],
        ["retrieved", "payout_mbabizu24mvu3mela5njyhp", "success", 2500, "EUR"],
      ],
    },
  },
});
