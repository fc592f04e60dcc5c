import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type ProviderMock, startProviderMock } from "@payspec/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPaymendFlow } from "../src/paymend.js";
import { runPaymentKitFlow } from "../src/paymentkit.js";
import { runPaymntCloudFlow } from "../src/paymnt-cloud.js";
import type { FlowOptions, Step } from "../src/step.js";
import { runVaiiPayFlow } from "../src/vaiipay.js";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [main, ...args], { timeout: 60_000, env: { ...process.env, ...env } }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const flows = [
  ["paymnt-cloud", runPaymntCloudFlow, "sk_sandbox_test"],
  ["paymentkit", runPaymentKitFlow, "st_prod_test"],
  ["vaiipay", runVaiiPayFlow, "client_token_test"],
  ["paymend", runPaymendFlow, "token_test"],
] as const;

describe.each(flows)("the %s flow against its mock", (provider, flow, credential) => {
  let mock: ProviderMock;
  let steps: Step[];
  beforeAll(async () => {
    mock = await startProviderMock({ spec: provider });
    const options: FlowOptions = { mock: true, baseUrl: mock.url, credential, proxy: mock };
    steps = await flow(options);
    // Starting Prism on a large spec and running a whole flow can outlast the 10 s default on a busy machine.
  }, 60_000);
  afterAll(() => mock.close());

  it("completes every step", () => {
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const step of steps) expect(step.httpStatus).toBe(200);
  });

  it("retries the one injected fault safely", () => {
    const retried = steps.filter((step) => step.attempts > 1);
    expect(retried).toHaveLength(1);
    expect(retried[0]?.attempts).toBe(2);
    if (provider === "paymnt-cloud" || provider === "paymentkit") {
      // Providers with an idempotency key: the provider acted on the first attempt, the connection
      // dropped, and the retry carried the same key and was answered from the proxy's memory.
      expect(retried[0]?.idempotencyKey).toMatch(uuidV4);
      const dropped = mock.attempts.filter((attempt) => attempt.outcome === "fault" || attempt.outcome === "replayed");
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

  it("handles one webhook", () => {
    const webhook = steps.at(-1);
    expect(webhook?.name).toBe("verify webhook");
    expect(webhook?.status).toBe(provider === "paymend" ? "parsed (unsigned)" : "verified");
  });
});

describe("the Paymnt Cloud flow's statuses", () => {
  // Each starts a Prism mock: seconds on a loaded machine, so more than vitest's default 5 s.
  it("go customer → requires_payment_method → requires_capture → succeeded → refund succeeded", {
    timeout: 60_000,
  }, async () => {
    const mock = await startProviderMock({ spec: "paymnt-cloud", proxy: false });
    try {
      const steps = await runPaymntCloudFlow({ mock: true, baseUrl: mock.url, credential: "sk_sandbox_test" });
      expect(steps.map((step) => [step.name, step.status])).toEqual([
        ["create customer", "created"],
        ["create payment", "requires_payment_method"],
        ["confirm payment", "requires_capture"],
        ["capture 5.00 of 10.00", "succeeded"],
        ["refund 5.00", "succeeded"],
        ["verify webhook", "verified"],
      ]);
    } finally {
      await mock.close();
    }
  });

  it("stops when a step leaves the wrong status", { timeout: 60_000 }, async () => {
    const mock = await startProviderMock({ spec: "paymnt-cloud", proxy: false });
    try {
      // Without the mock's per-step examples every payment comes back "succeeded" at once.
      await expect(
        runPaymntCloudFlow({ mock: false, baseUrl: mock.url, credential: "sk_sandbox_test" }),
      ).rejects.toThrow(/create payment left status succeeded, expected requires_payment_method/);
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
      expect(stdout).toContain(`${title} — mock at http://127.0.0.1:`);
    expect(stdout).toMatch(/✓ capture 5\.00 of 10\.00 .*idempotency-key=[0-9a-f-]{36} attempts=2/);
    expect(stdout).toContain("4 flows passed, 0 failed.");
  });

  it("runs one provider with --provider", { timeout: 60_000 }, async () => {
    const { code, stdout } = await run(["--provider", "vaiipay"]);
    expect(code).toBe(0);
    expect(stdout).toContain("VaiiPay — mock at");
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
