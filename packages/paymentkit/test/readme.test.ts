import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockUrl } from "./support.js";

const example = readFileSync(new URL("../examples/quickstart.ts", import.meta.url), "utf8");
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
});
