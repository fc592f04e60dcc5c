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
    ],
  },
});
