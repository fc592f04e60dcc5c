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

  it("runs against the mock", async () => {
    vi.stubEnv("PAYMEND_TOKEN", "sandbox_readme");
    vi.stubEnv("PAYMEND_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/quickstart.js");
    // The stateless mock answers its first example (CAPTURED) everywhere, so the flow ends there.
    expect(log.mock.calls).toEqual([
      ["created", "pay_1234567890abcdef", "CAPTURED"],
      ["final", "CAPTURED"],
    ]);
  });

  it("shows examples/resources.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${resources}\`\`\``);
  });

  it("runs examples/resources.ts against the mock: one call per resource", async () => {
    vi.stubEnv("PAYMEND_TOKEN", "sandbox_readme");
    vi.stubEnv("PAYMEND_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/resources.js");
    // The stateless mock answers each operation's first example, whatever the payment's status.
    expect(log.mock.calls).toEqual([
      ["created", "pay_1234567890abcdef", "CAPTURED"],
      ["retrieved", "CAPTURED"],
      ["captured", "CAPTURED"],
      ["refunded", "REFUNDED"],
      ["voided", "VOIDED"],
    ]);
  });
});
