import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockUrl } from "./support.js";

const example = readFileSync(new URL("../examples/quickstart.ts", import.meta.url), "utf8");
const resources = readFileSync(new URL("../examples/resources.ts", import.meta.url), "utf8");
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("the README example", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("is examples/quickstart.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("shows examples/webhook-server.ts, verbatim", () => {
    const server = readFileSync(new URL("../examples/webhook-server.ts", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${server}\`\`\``);
  });

  it("runs against the mock", async () => {
    vi.stubEnv("PAYMNT_API_KEY", "sk_sandbox_readme");
    vi.stubEnv("PAYMNT_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/quickstart.js");
    expect(log.mock.calls.map((call) => call.slice(0, 3))).toEqual([
      ["created", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
      ["captured", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
    ]);
    expect(log.mock.calls[0]?.[3]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows examples/resources.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${resources}\`\`\``);
  });

  it("runs examples/resources.ts against the mock: one call per resource", async () => {
    vi.stubEnv("PAYMNT_API_KEY", "sk_sandbox_readme");
    vi.stubEnv("PAYMNT_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/resources.js");
    expect(log.mock.calls).toEqual([
      ["customer", "cus_y3oqhf46pyzuxjbcn2giaqnb44"],
      ["payment", "pay_mbabizu24mvu3mela5njyhpit4", "succeeded"],
      ["refund", "ref_mbabizu24mvu3mela5njyhpit4", "succeeded"],
    ]);
  });
});
