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
    vi.stubEnv("VAIIPAY_TOKEN", "client_token_readme");
    vi.stubEnv("VAIIPAY_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/quickstart.js");
    expect(log.mock.calls).toEqual([
      ["send the payer to", expect.stringMatching(/^https:\/\/yourdomain\.com\/checkout\/550e8400-/)],
      ["payment", "550e8400-e29b-41d4-a716-446655440000", "CONFIRMED", "$100.00"],
    ]);
  });

  it("shows examples/resources.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${resources}\`\`\``);
  });

  it("runs examples/resources.ts against the mock: one call per resource", async () => {
    vi.stubEnv("VAIIPAY_OAUTH_TOKEN", "oauth_readme");
    vi.stubEnv("VAIIPAY_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/resources.js");
    expect(log.mock.calls).toEqual([
      ["application", "550e8400-e29b-41d4-a716-446655440000", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"],
      ["payment", "550e8400-e29b-41d4-a716-446655440000", "CONFIRMED"],
      // The docs show no instructions or payment-methods bodies, so the mock's are empty.
      ["instructions", {}],
      ["payment methods", 0],
    ]);
  });
});
