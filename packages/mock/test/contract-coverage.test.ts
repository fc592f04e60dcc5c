import { describe, expect, it } from "vitest";
import { type CoverageHit, coverageOf, formatCoverage } from "../src/contract-coverage.js";
import type { DocumentedOperation } from "../src/operations.js";

const operation: DocumentedOperation = {
  operationId: "createPayment",
  method: "POST",
  path: "/payments",
  secured: true,
  responses: [
    { status: "200", examples: [] },
    { status: "400", examples: [] },
    { status: "5XX", examples: [] },
    { status: "default", examples: [] },
  ],
};

const hit = (status: number, overrides: Partial<CoverageHit> = {}): CoverageHit => ({
  method: "POST",
  path: "/payments",
  status,
  forced: false,
  test: "a test",
  passed: true,
  ...overrides,
});

describe("the contract coverage gate", () => {
  it("passes an operation with a success, a real rejection and every documented status", () => {
    const [coverage] = coverageOf([operation], [hit(200), hit(400), hit(503, { forced: true })]);
    expect(coverage).toMatchObject({ success: [200], negative: [400], missing: [], gaps: [] });
  });

  it("does not count a 4xx forced with Prefer as a negative test", () => {
    const [coverage] = coverageOf([operation], [hit(200), hit(400, { forced: true }), hit(500, { forced: true })]);
    expect(coverage?.gaps).toEqual(["no passing negative test (a 4xx for a bad request)"]);
  });

  it("ignores hits of failing tests and of other operations", () => {
    const [coverage] = coverageOf(
      [operation],
      [hit(200, { passed: false }), hit(400, { path: "/refunds" }), hit(401, { method: "GET" })],
    );
    expect(coverage?.gaps).toEqual([
      "no passing success test",
      "no passing negative test (a 4xx for a bad request)",
      "documented status never exercised: 200, 400, 5XX",
    ]);
  });

  it("names undocumented-status gaps in the table", () => {
    const coverage = coverageOf([operation], [hit(200), hit(422)]);
    const table = formatCoverage("paymnt-cloud", coverage);
    expect(table).toContain("paymnt-cloud: 0/1 operations pass the gate (0 %)");
    expect(table).toMatch(/GAP {2}createPayment .*documented status never exercised: 400, 5XX/);
  });
});
