import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startProviderMock } from "@payspec/mock";
import { beforeAll, describe, expect, it } from "vitest";
import { type Outcome, runFlow } from "../src/flows.js";
import { runPaymntCloudFlow } from "../src/paymnt-cloud.js";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [main, ...args], { timeout: 60_000, env: { ...process.env, ...env } }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const expected = {
  "paymnt-cloud": {
    statuses: [
      ["create customer", "created"],
      ["create payment 10.00", "requires_payment_method"],
      ["confirm with a card", "requires_capture"],
      ["capture 5.00 of 10.00", "partially_captured"],
      ["capture again", "refused IR_14"],
      ["refund 5.00", "succeeded"],
      ["webhook payment_authorized", "requires_capture"],
      ["webhook payment_captured", "partially_captured"],
      ["webhook refund_succeeded", "succeeded"],
    ],
    amounts: { "capture 5.00 of 10.00": "amount=1000 received=500 capturable=0", "refund 5.00": "amount=500" },
  },
  paymentkit: {
    statuses: [
      ["create customer", "created"],
      ["create product", "active"],
      ["create price", "active"],
      ["create subscription", "active"],
      ["create invoice", "draft"],
      ["finalize invoice", "open"],
      ["finalize again", "refused"],
      ["collect invoice", "paid"],
      ["refund the invoice", "pending"],
      ["cancel subscription", "cancelled"],
      ["list invoices (paginated)", "2 listed"],
      ["webhook customer.subscription.created", "active"],
      ["webhook invoice.created", "draft"],
      ["webhook invoice.finalized", "open"],
      ["webhook invoice.paid", "paid"],
      ["webhook customer.subscription.deleted", "cancelled"],
    ],
    // The one-off invoice's 500.00 in atoms, collected once.
    amounts: { "collect invoice": "total=50000 due=0 paid=50000" },
  },
  vaiipay: {
    statuses: [
      ["create checkout 100.00", "open link"],
      ["read payment", "OPEN"],
      ["payment instructions", "shown"],
      ["payer's transaction found", "FOUND"],
      ["webhook payment.received", "RECEIVED"],
      ["webhook payment.completed", "RECEIVED"],
      ["read payment", "CONFIRMED"],
    ],
    amounts: { "read payment": "amount=100 USD received=0" },
  },
  paymend: {
    statuses: [
      ["create payment", "PENDING"],
      ["wait for final status", "AUTHORIZED"],
      ["capture", "CAPTURED"],
      ["capture again", "refused INVALID_STATE"],
      ["refund 20.00", "REFUNDED"],
      ["webhook PAYMENT_CREATED", "PENDING"],
      ["webhook PAYMENT_AUTHORIZED", "AUTHORIZED"],
      ["webhook PAYMENT_CAPTURED", "CAPTURED"],
      ["webhook PAYMENT_REFUNDED", "REFUNDED"],
    ],
    amounts: { "refund 20.00": "amount=12997 transactions=AUTHORIZATION:12997,CAPTURE:12997,REFUND:2000" },
  },
} as const;

describe.each(Object.keys(expected) as (keyof typeof expected)[])("the %s flow on its stateful mock", (provider) => {
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await runFlow(provider, false);
    // Starting Prism on a large spec and running a whole flow can outlast the 10 s default on a busy machine.
  }, 60_000);

  it("reaches each state in order, the provider's own refusal included", () => {
    expect(outcome.error).toBeUndefined();
    expect(outcome.steps.map((step) => [step.name, step.status])).toEqual(expected[provider].statuses);
    for (const step of outcome.steps) {
      if (step.status.startsWith("refused")) expect(step.httpStatus).toBeGreaterThanOrEqual(400);
      else expect(step.httpStatus).toBe(200);
    }
  });

  it("carries the request's own amounts through the provider's state", () => {
    for (const [name, detail] of Object.entries(expected[provider].amounts)) {
      expect(outcome.steps.find((step) => step.name === name)?.detail).toBe(detail);
    }
  });

  it("receives each webhook at the flow's endpoint, about the objects the flow made", () => {
    const made = new Set(
      outcome.steps.flatMap((step) => (step.name.startsWith("webhook ") ? [] : Object.values(step.ids))),
    );
    const webhooks = outcome.steps.filter((step) => step.name.startsWith("webhook "));
    expect(webhooks.length).toBeGreaterThan(0);
    for (const webhook of webhooks) {
      expect(made.has(webhook.ids.object ?? "")).toBe(true);
      expect(webhook.note).toMatch(/delivered by the mock, verified by the package/);
    }
  });

  it("retries the one injected fault safely", () => {
    const retried = outcome.steps.filter((step) => step.attempts > 1);
    expect(retried).toHaveLength(1);
    expect(retried[0]?.attempts).toBe(2);
    if (provider === "paymnt-cloud" || provider === "paymentkit") {
      // Providers with an idempotency key: the provider acted on the first attempt, the connection
      // dropped, and the retry carried the same key and was answered from the proxy's memory.
      expect(retried[0]?.idempotencyKey).toMatch(uuidV4);
      const dropped = outcome.attempts.filter(
        (attempt) => attempt.outcome === "fault" || attempt.outcome === "replayed",
      );
      expect(dropped.map((attempt) => [attempt.outcome, attempt.idempotencyKey])).toEqual([
        ["fault", retried[0]?.idempotencyKey],
        ["replayed", retried[0]?.idempotencyKey],
      ]);
      expect(retried[0]?.note).toMatch(/the same Idempotency-Key: fault → replayed/);
    } else {
      // No idempotency key exists: only a request that provably never left was resent.
      expect(retried[0]?.idempotencyKey).toBeUndefined();
      expect(retried[0]?.note).toMatch(/provably unsent/);
    }
  });
});

describe("a flow against a stateless mock", () => {
  it("stops when a step leaves the wrong status", { timeout: 60_000 }, async () => {
    const mock = await startProviderMock({ spec: "paymnt-cloud", proxy: false });
    try {
      // Prism answers every create with its example, whose status is not the one a new intent has.
      await expect(
        runPaymntCloudFlow({ mock: false, baseUrl: mock.url, credential: "sk_sandbox_test" }),
      ).rejects.toThrow(/create payment 10\.00 left status \w+, expected requires_payment_method/);
    } finally {
      await mock.close();
    }
  });
});

describe("the main job command", () => {
  it("runs every provider's flow, prints a summary and exits 0", { timeout: 120_000 }, async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    for (const title of ["Paymnt Cloud", "PaymentKit", "VaiiPay", "Paymend"])
      expect(stdout).toContain(`${title} — stateful mock at http://127.0.0.1:`);
    expect(stdout).toMatch(/✓ capture 5\.00 of 10\.00 .*received=500 .*idempotency-key=[0-9a-f-]{36} attempts=2/);
    expect(stdout).toMatch(/✓ capture again +HTTP 400 +status=refused IR_14/);
    expect(stdout).toMatch(/✓ webhook refund_succeeded .*verified by the package/);
    expect(stdout).toContain("4 flows passed, 0 failed.");
  });

  it("runs one provider with --provider", { timeout: 60_000 }, async () => {
    const { code, stdout } = await run(["--provider", "vaiipay"]);
    expect(code).toBe(0);
    expect(stdout).toContain("VaiiPay — stateful mock at");
    expect(stdout).not.toContain("Paymnt Cloud —");
    expect(stdout).toContain("1 flows passed, 0 failed.");
  });

  it("refuses an unknown provider and a live run without credentials", { timeout: 60_000 }, async () => {
    const unknown = await run(["--provider", "stripe"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--provider takes one of paymnt-cloud, paymentkit, vaiipay, paymend");
    const live = await run(["--live", "--provider", "paymnt-cloud"], { PAYMNT_API_KEY: "" });
    expect(live.code).toBe(1);
    expect(live.stderr).toContain("--live needs PAYMNT_API_KEY in the environment");
  });
});
