import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TestProject } from "vitest/node";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = (path: string) => readFileSync(new URL(`../examples/${path}`, import.meta.url), "utf8");

describe("the README example", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is examples/faults.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example("faults.ts")}\`\`\``);
  });

  it("runs, and prints what the README says it prints", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/faults.js");
    expect(log.mock.calls).toEqual([
      ["first attempt:", "connection dropped"],
      ["retry:", 200, "replayed:", "true"],
      ["attempts:", "fault, replayed"],
    ]);
  });
});

// The consumer check (scripts/consumer.mjs) installs these files, verbatim, into a vitest project
// and a CommonJS jest project built from the packed packages, and runs them there.
describe("the README's test-runner recipes", () => {
  it.each([
    ["ts", "vitest/vitest.config.ts"],
    ["ts", "vitest/global-setup.ts"],
    ["js", "jest/jest.config.js"],
    ["ts", "jest/jest.global-setup.ts"],
    ["ts", "jest/jest.global-teardown.ts"],
  ])("has examples/%s, verbatim", (language, path) => {
    expect(readme).toContain(`\`\`\`${language}\n${example(path)}\`\`\``);
  });

  it("vitest: the global setup provides mock:<provider> for each provider and tears the mocks down", async () => {
    const { default: globalSetup } = await import("../examples/vitest/global-setup.js");
    const provided = new Map<string, string>();
    const project = { provide: (key: string, value: string) => provided.set(key, value) };
    const teardown = await globalSetup(project as unknown as TestProject);
    expect([...provided.keys()]).toEqual(["mock:paymnt-cloud", "mock:paymentkit", "mock:vaiipay", "mock:paymend"]);
    const url = provided.get("mock:paymend") ?? "";
    const answer = await fetch(`${url}/v1/payments/pay_1234567890abcdef`, { headers: { Authorization: "Bearer t" } });
    expect(answer.status).toBe(200);
    await teardown();
    await expect(fetch(url)).rejects.toThrow();
  });

  it("jest: the global setup puts each mock's URL in process.env and the teardown closes the mocks", async () => {
    const names = ["PAYMNT_CLOUD", "PAYMENTKIT", "VAIIPAY", "PAYMEND"].map((name) => `PAYSPEC_MOCK_${name}_URL`);
    const { default: globalSetup } = await import("../examples/jest/jest.global-setup.js");
    const { default: globalTeardown } = await import("../examples/jest/jest.global-teardown.js");
    let url = "";
    try {
      await globalSetup();
      expect(names.map((name) => process.env[name])).toEqual(names.map(() => expect.stringMatching(/^http:\/\//)));
      url = process.env.PAYSPEC_MOCK_PAYMEND_URL ?? "";
      const answer = await fetch(`${url}/v1/payments/pay_1234567890abcdef`, { headers: { Authorization: "Bearer t" } });
      expect(answer.status).toBe(200);
    } finally {
      await globalTeardown();
      for (const name of names) delete process.env[name];
      delete (globalThis as { payspecMocks?: unknown }).payspecMocks;
    }
    await expect(fetch(url)).rejects.toThrow();
  });
});
