import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TestProject } from "vitest/node";
import { parse } from "yaml";
import { providerSpecPath, providers } from "../src/specs.js";

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

describe("the README's stateful example", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is examples/stateful.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example("stateful.ts")}\`\`\``);
  });

  it("runs, and prints what the README says it prints", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/stateful.js");
    expect(log.mock.calls).toEqual([
      ["created:", "requires_capture", "capturable:", 1000],
      ["captured:", "partially_captured", "received:", 400],
      ["captured again:", 400, "IR_14"],
      ["retrieved:", "partially_captured", 1000, 400, 0],
      ["webhooks:", "payment_authorized, payment_captured"],
      ["clock:", "2026-01-02T00:00:00.000Z"],
    ]);
    const printed = log.mock.calls.map((args) => args.join(" ")).join("\n");
    expect(readme).toContain(`It prints:\n\n\`\`\`text\n${printed}\n\`\`\``);
  });
});

// The README's lifecycle and webhook tables, rendered from the specs by scripts/lifecycle-tables.mjs
// (imported by a computed path: a script beside the package, without type declarations).
const tables = new URL("../scripts/lifecycle-tables.mjs", import.meta.url).href;
const { providerName, regenerate, renderLifecycleTables, renderReadme, renderWebhookTable } = (await import(
  tables
)) as {
  providerName: (document: unknown, fallback: string) => string;
  regenerate: string;
  renderLifecycleTables: () => string;
  renderReadme: (readme: string) => string;
  renderWebhookTable: () => string;
};

describe("the README's lifecycle and webhook tables", () => {
  it("are what the specs' x-payspec-lifecycle renders today", () => {
    expect(readme, `packages/mock/README.md is stale: run \`${regenerate}\``).toBe(renderReadme(readme));
  });

  it("have a row for every transition of every object, and each refusal with its status and code", () => {
    const rendered = renderLifecycleTables();
    for (const provider of providers()) {
      const spec = parse(readFileSync(providerSpecPath(provider), "utf8")) as {
        "x-payspec-lifecycle": { objects: Record<string, { transitions: { name: string }[] }> };
      };
      const heading = (kind: string) => `${providerName(spec, provider)}: \`${kind}\``;
      for (const [kind, object] of Object.entries(spec["x-payspec-lifecycle"].objects)) {
        const table = rendered.split(/^#### /m).find((part) => part.split("\n")[0] === heading(kind));
        expect(table, `a table for ${heading(kind)}`).toBeDefined();
        for (const { name } of object.transitions) expect(table, `${provider} ${kind}`).toContain(`| \`${name}\` |`);
      }
    }
    expect(rendered).toContain(
      "other states: `cannotCapture` 400 IR_14; `captureMethodAutomatic` 400 IR_14; `captureTooMuch` 400 IR_06",
    );
    expect(rendered).toContain("other states: `cannotCapture` 409 INVALID_STATE");
    expect(rendered).toContain(
      "| `webhookDelivered` | delivery of `payment.completed` acknowledged | `RECEIVED` | `CONFIRMED` |",
    );
    expect(renderWebhookTable()).toContain(
      "| 1 min, 2 × 5 min, 5 × 10 min, 5 × 1 h, 3 × 6 h (16 retries) | any failure | any 2xx within 10 s |",
    );
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
