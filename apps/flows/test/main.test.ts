import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type MockServer, startMock } from "@payspec/mock";
import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPaymntCloudFlow } from "../src/paymnt-cloud.js";
import { FlowError } from "../src/step.js";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("Paymnt Cloud flow", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ spec: "paymnt-cloud" });
  });
  afterAll(() => mock.close());

  it("runs create → confirm → capture → refund with one idempotency key per step", async () => {
    const client = createPaymntCloudClient({ apiKey: "sk_sandbox_test", baseUrl: mock.url });
    const steps = await runPaymntCloudFlow(client, { mock: true });
    expect(steps.map((step) => [step.name, step.httpStatus, step.status])).toEqual([
      ["create payment", 200, "requires_payment_method"],
      ["confirm payment", 200, "requires_capture"],
      ["capture payment", 200, "succeeded"],
      ["refund payment", 200, "succeeded"],
    ]);
    const keys = steps.map((step) => step.idempotencyKey);
    for (const key of keys) expect(key).toMatch(uuidV4);
    expect(new Set(keys).size).toBe(keys.length);
    expect(steps[3]?.ids.refund_id).toMatch(/^ref_/);
    for (const step of steps) expect(step.requestId).toBeTruthy();
  });

  it("stops with a FlowError when a step fails", async () => {
    const client = createPaymntCloudClient({
      apiKey: "sk_sandbox_test",
      baseUrl: mock.url,
      headers: { Prefer: "code=401" },
    });
    await expect(runPaymntCloudFlow(client, { mock: false })).rejects.toThrow(FlowError);
    await expect(runPaymntCloudFlow(client, { mock: false })).rejects.toThrow(/create payment failed with HTTP 401/);
  });

  it("stops when a step leaves the wrong status", async () => {
    const client = createPaymntCloudClient({ apiKey: "sk_sandbox_test", baseUrl: mock.url });
    // Without the mock's per-step examples every payment comes back "succeeded" at once.
    await expect(runPaymntCloudFlow(client, { mock: false })).rejects.toThrow(
      /create payment left status succeeded, expected requires_payment_method/,
    );
  });
});

describe("the main job command", () => {
  it("prints every step and exits 0", { timeout: 60_000 }, async () => {
    const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [main], { timeout: 60_000 });
    expect(stdout).toMatch(/mock at http:\/\/127\.0\.0\.1:\d+/);
    for (const name of ["create payment", "confirm payment", "capture payment", "refund payment"]) {
      expect(stdout).toMatch(new RegExp(`✓ ${name}.*idempotency-key=[0-9a-f-]{36}`));
    }
    expect(stdout).toContain("4 steps passed, 0 failed");
  });
});
