import { describe, expect, it } from "vitest";
import { type CheckedSchema, schemaProblems } from "../src/index.js";

// The subset of JSON Schema the webhook verifiers check events with (schema-check.ts). Each
// provider's webhook tests also run every example of its spec through it.
const schemas: Record<string, CheckedSchema> = {
  Money: { type: "integer", minimum: 0 },
  Payment: {
    type: "object",
    required: ["id", "amount", "status"],
    properties: {
      id: { type: "string", pattern: "^pay_", minLength: 5, maxLength: 30 },
      amount: { $ref: "Money" },
      status: { enum: ["succeeded", "failed"] },
      note: { type: ["string", "null"] },
      tags: { type: "array", items: { type: "string" } },
      metadata: {
        type: "object",
        maxProperties: 2,
        propertyNames: { maxLength: 5 },
        additionalProperties: { type: "string" },
      },
    },
    additionalProperties: true,
  },
  Event: {
    type: "object",
    required: ["type", "object"],
    properties: { type: { type: "string" }, object: { $ref: "Payment" } },
    oneOf: [
      { properties: { type: { const: "payment_succeeded" } } },
      { properties: { type: { const: "payment_failed" } } },
    ],
    additionalProperties: false,
  },
};
const valid = { type: "payment_succeeded", object: { id: "pay_12345", amount: 100, status: "succeeded", note: null } };
const problems = (value: unknown) => schemaProblems({ $ref: "Event" }, value, schemas);

describe("schemaProblems", () => {
  it("accepts a conforming value, with fields the open schemas do not name", () => {
    expect(problems(valid)).toEqual([]);
    expect(problems({ ...valid, object: { ...valid.object, added_later: { any: 1 } } })).toEqual([]);
  });

  it.each([
    ["a null object", { ...valid, object: null }, "$.object: expected object, got null"],
    ["a missing field", { type: "payment_succeeded" }, "$: missing object"],
    [
      "a wrong type",
      { ...valid, object: { ...valid.object, amount: "100" } },
      '$.object.amount: expected integer, got "100"',
    ],
    [
      "a number that is not an integer",
      { ...valid, object: { ...valid.object, amount: 1.5 } },
      "$.object.amount: expected integer, got 1.5",
    ],
    ["a value below the minimum", { ...valid, object: { ...valid.object, amount: -1 } }, "$.object.amount: below 0"],
    [
      "an enum value it does not list",
      { ...valid, object: { ...valid.object, status: "exploded" } },
      '$.object.status: expected one of "succeeded", "failed", got "exploded"',
    ],
    [
      "a pattern mismatch",
      { ...valid, object: { ...valid.object, id: "ref_12345" } },
      '$.object.id: "ref_12345" does not match ^pay_',
    ],
    ["a field a closed schema does not allow", { ...valid, extra: 1 }, "$.extra: not allowed"],
    [
      "a bad array item",
      { ...valid, object: { ...valid.object, tags: ["a", 1] } },
      "$.object.tags[1]: expected string, got 1",
    ],
    ["no oneOf branch", { ...valid, type: "payment_exploded" }, "$: matches none of the 2 allowed shapes"],
    [
      "too many properties",
      { ...valid, object: { ...valid.object, metadata: { a: "1", b: "2", c: "3" } } },
      "$.object.metadata: more than 2 properties",
    ],
    [
      "a property name too long",
      { ...valid, object: { ...valid.object, metadata: { toolong: "1" } } },
      "$.object.metadata.toolong (name): longer than 5 characters",
    ],
    [
      "an additional property of the wrong type",
      { ...valid, object: { ...valid.object, metadata: { a: 1 } } },
      "$.object.metadata.a: expected string, got 1",
    ],
  ])("reports %s", (_case, value, problem) => {
    expect(problems(value)).toContain(problem);
  });

  it("requires exactly one oneOf branch, and caps the problems it lists", () => {
    const both: CheckedSchema = { oneOf: [{ type: "integer" }, { type: "number" }] };
    expect(schemaProblems(both, 1, {})).toEqual(["$: matches 2 of the allowed shapes, where exactly one must match"]);
    expect(schemaProblems(both, 1.5, {})).toEqual([]);
    const many = {
      type: "object",
      properties: Object.fromEntries([..."abcdefghijkl"].map((name) => [name, { type: "string" }])),
    } as CheckedSchema;
    expect(schemaProblems(many, Object.fromEntries([..."abcdefghijkl"].map((name) => [name, 1])), {}, 5)).toHaveLength(
      5,
    );
  });
});
