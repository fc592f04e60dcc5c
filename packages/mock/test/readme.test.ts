import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";

const example = readFileSync(new URL("../examples/faults.ts", import.meta.url), "utf8");
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("the README example", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is examples/faults.ts, verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
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
