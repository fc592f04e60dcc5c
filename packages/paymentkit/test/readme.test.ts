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
    vi.stubEnv("PAYMENTKIT_TOKEN", "st_prod_readme");
    vi.stubEnv("PAYMENTKIT_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/quickstart.js");
    expect(log.mock.calls).toEqual([
      ["subscription", "sub_prod_m3n4o5p6", "active"],
      ["invoice", "in_prod_q1r2s3t4", "open", 4900],
    ]);
  });

  it("shows examples/resources.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${resources}\`\`\``);
  });

  it("runs examples/resources.ts against the mock: one call per resource", async () => {
    vi.stubEnv("PAYMENTKIT_TOKEN", "st_prod_readme");
    vi.stubEnv("PAYMENTKIT_BASE_URL", mockUrl());
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/resources.js");
    expect(log.mock.calls).toEqual([
      ["customer", "cus_prod_x9y8z7w6"],
      ["product", "prod_prod_u5v6w7x8"],
      ["price", "price_prod_a9b8c7d6", 4900],
      ["subscription", "sub_prod_m3n4o5p6", "active"],
      ["change request", "scr_prod_c1d2e3f4", "DRAFT"],
      ["invoice", "in_prod_q1r2s3t4", "draft"],
      ["checkout session", "cs_prod_f1g2h3i4", "open"],
      ["refund", "re_prod_r5s6t7u8", "pending"],
      ["webhook endpoint", "we_prod_k4l5m6n7"],
    ]);
  });
});
