import { describe, expect, it } from "vitest";
import {
  checkConformance,
  formatTable,
  type Inputs,
  readInputs,
  type SpecDocument,
} from "../../../scripts/reference/paymnt-cloud-conformance.mjs";

// The spec held to the Hyperswitch v1 reference Paymnt Cloud's API reference is generated from,
// through the facts committed in specs/paymnt-cloud/reference/hyperswitch-v1.facts.json (written
// by `pnpm reference:extract`; the reference itself is not read here). What does not conform yet
// is listed in known-gaps.json, and that list may only shrink: a gap that is not listed fails, and
// so does a listed one that has been closed. Each failure names the entry to add or remove.
const inputs = readInputs();
const report = checkConformance(inputs);

const rewrite =
  "Or run `pnpm reference:gaps` to rewrite specs/paymnt-cloud/reference/known-gaps.json, and review its diff.";

function expectNone(problems: readonly string[], heading: string, footer = rewrite): void {
  if (problems.length === 0) return;
  throw new Error(`${heading}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\n${footer}`);
}

describe("the Paymnt Cloud spec against the Hyperswitch v1 reference", () => {
  it("reports, per operation, presence, upstream examples passing and enums mirrored", () => {
    console.log(formatTable(report));
    expect(report.rows).toHaveLength(inputs.facts.operations.length);
    expect(report.rows.some((row) => row.present)).toBe(true);
  });

  it("has every in-scope reference operation, apart from the known gaps", () => {
    expectNone(report.problems.operations, "In-scope operations (matched by method and path)");
  });

  it("accepts every upstream example the reference's own schema accepts, apart from the known gaps", () => {
    expectNone(
      report.problems.examples,
      "Upstream examples against our schema for the same operation, status and media type",
    );
  });

  it("gives each schema that mirrors a reference enum the same values", () => {
    expectNone(
      report.problems.mirrors,
      "Schemas with x-payspec-reference",
      "Make the values equal to the reference's (or drop x-payspec-reference if the schema does not mirror it).",
    );
  });

  it("mirrors every reference enum its operations reach, apart from the known gaps", () => {
    expectNone(report.problems.enums, "Reference enums reached from our operations");
  });

  it("gives a one-line reason for every known failing example", () => {
    for (const [id, reason] of Object.entries(inputs.gaps.examples)) {
      expect(reason.trim(), id).not.toBe("");
      expect(reason, id).not.toContain("\n");
    }
  });

  it("reads a fixture of facts, not prose, from the pinned reference", () => {
    const { provenance } = inputs.facts;
    expect(provenance.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(inputs.facts.operations.length).toBeGreaterThan(0);
    const prose: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node)) {
        if (key === "description" || key === "summary") prose.push(`${path}/${key}`);
        // Example payloads are the provider's data, kept verbatim.
        if (key !== "value") visit(value, `${path}/${key}`);
      }
    };
    visit(inputs.facts, "");
    expect(prose).toEqual([]);
  });
});

// The check must be able to fail: each case breaks a copy of today's spec or gaps list.
describe("the reference conformance check", () => {
  const mutated = (change: (copy: Inputs & { spec: SpecDocument; gaps: MutableGaps }) => void) => {
    const copy = structuredClone(inputs) as Inputs & { spec: SpecDocument; gaps: MutableGaps };
    change(copy);
    return checkConformance(copy).problems;
  };
  const presentRow = report.rows.find((row) => row.present && row.examples.passed > 0);
  const [method = "", path = ""] = presentRow?.key.split(" ") ?? [];
  const schemas = inputs.spec.components?.schemas ?? {};
  const mirror = report.mirrors.find(
    (candidate) =>
      candidate.status === "equal" &&
      candidate.reached &&
      candidate.pointer.startsWith("/components/schemas/") &&
      Array.isArray(schemas[candidate.pointer.split("/").pop() ?? ""]?.enum),
  );
  const mirrorName = mirror?.pointer.split("/").pop() ?? "";

  it("fails on an in-scope operation missing from the spec, naming it", () => {
    expect(presentRow).toBeDefined();
    const problems = mutated(({ spec }) => {
      delete spec.paths?.[path]?.[method.toLowerCase()];
    });
    expect(problems.operations.join("\n")).toContain(
      `${method} ${path}: in the reference's scope but not in our spec.`,
    );
  });

  it("fails on a listed gap that is closed, saying which entry to remove", () => {
    const problems = mutated(({ gaps }) => {
      gaps.operations.push(`${method} ${path}`);
    });
    expect(problems.operations).toContain(
      `${method} ${path}: in our spec now. Remove "${method} ${path}" from "operations" in specs/paymnt-cloud/reference/known-gaps.json.`,
    );
  });

  it("fails on an upstream example our schema refuses, naming the example", () => {
    const problems = mutated(({ spec }) => {
      const operation = spec.paths?.[path]?.[method.toLowerCase()] as Record<string, unknown>;
      operation.requestBody = { content: { "application/json": { schema: { type: "string" } } } };
      operation.responses = { "200": { description: "nothing", content: { "application/json": { schema: false } } } };
    });
    expect(problems.examples.join("\n")).toContain(`${method} ${path} | `);
  });

  it("fails on a mirrored enum whose values differ, naming the values", () => {
    expect(mirror).toBeDefined();
    const [first] = (schemas[mirrorName]?.enum ?? []) as unknown[];
    const problems = mutated(({ spec }) => {
      const schema = spec.components?.schemas?.[mirrorName] as { enum: unknown[] };
      schema.enum = ["not_a_reference_value", ...schema.enum.slice(1)];
    });
    expect(problems.mirrors.join("\n")).toContain(
      `missing ${JSON.stringify(first)}; not in the reference "not_a_reference_value"`,
    );
  });

  it("fails on a reached enum that nothing mirrors any more, naming it", () => {
    const problems = mutated(({ spec }) => {
      delete spec.components?.schemas?.[mirrorName]?.["x-payspec-reference"];
    });
    expect(problems.enums.join("\n")).toContain(`${String(mirror?.name)} (reached from `);
  });
});

type MutableGaps = { operations: string[]; examples: Record<string, string>; enums: string[] };
