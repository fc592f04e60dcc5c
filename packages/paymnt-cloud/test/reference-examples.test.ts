import { readFileSync } from "node:fs";
import { describeOperations, resolveSpec, specValidator } from "@payspec/mock";
import { describe, expect, it } from "vitest";

// The Hyperswitch v1 reference Paymnt Cloud's API reference is generated from (pinned copy, see
// /work/shared/reference/hyperswitch-v1/README.md). Every request example it prints for an
// operation of this spec must satisfy our request schema: a body the engine documents must not be
// refused by the mock or be a compile error in the client.
const referencePath = new URL("../../../../shared/reference/hyperswitch-v1/openapi_spec_v1.json", import.meta.url);
const spec = "paymnt-cloud";

type Example = { value?: unknown; $ref?: string };
type Reference = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { examples?: Record<string, Example> }> } }>
  >;
  components: { examples?: Record<string, { value: unknown }> };
};

const reference = ((): Reference | undefined => {
  try {
    return JSON.parse(readFileSync(referencePath, "utf8")) as Reference;
  } catch {
    return undefined;
  }
})();

const operations = new Set(
  (await describeOperations(resolveSpec(spec))).map(
    (operation) => `${operation.method.toUpperCase()} ${operation.path}`,
  ),
);

const segment = (value: string) => value.replaceAll("~", "~0").replaceAll("/", "~1");
const cases = Object.entries(reference?.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, operation]) => {
    if (!operations.has(`${method.toUpperCase()} ${path}`)) return [];
    const examples = operation.requestBody?.content?.["application/json"]?.examples ?? {};
    return Object.entries(examples).map(([name, example]) => ({
      label: `${method.toUpperCase()} ${path}: ${name}`,
      pointer: `#/paths/${segment(path)}/${method}/requestBody/content/application~1json/schema`,
      value:
        example.$ref === undefined
          ? example.value
          : reference?.components.examples?.[example.$ref.split("/").pop() ?? ""]?.value,
    }));
  }),
);

describe.skipIf(reference === undefined)("the reference's request examples satisfy the Paymnt Cloud spec", () => {
  it("has examples for the payment operations", () => {
    expect(cases.filter((example) => example.label.startsWith("POST /payments:")).length).toBeGreaterThanOrEqual(11);
  });

  it.each(cases)("$label", ({ pointer, value }) => {
    const { valid, errors } = specValidator(spec, pointer)(value);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });
});
