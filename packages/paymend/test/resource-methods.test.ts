import { readFileSync } from "node:fs";
import { describeOperations, resolveSpec } from "@payspec/mock";
import { methodsCalledBy } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { resourceTable } from "../src/generated/resources.js";
import { validCalls } from "./calls.js";

// Issue 17: every operation of the spec has exactly one generated resource method, and the example
// sweep and negative suite exercise each of them through the mock (validCalls calls only those).
const methods = Object.entries(resourceTable).flatMap(([resource, entries]) =>
  Object.entries(entries).map(([name, entry]) => {
    const [method, path, operationId] = (typeof entry === "string" ? entry : entry[0]).split(" ");
    return { name: `${resource}.${name}`, method, path, operationId };
  }),
);
const operations = await describeOperations(resolveSpec("paymend"));

describe("the Paymend resource layer", () => {
  it("has exactly one method for every operation of the spec, with its method and path", () => {
    const specOperations = operations.map(({ operationId, method, path }) => `${operationId} ${method} ${path}`);
    const tableOperations = methods.map(({ operationId, method, path }) => `${operationId} ${method} ${path}`);
    expect(tableOperations.sort()).toEqual(specOperations.sort());
    expect(new Set(methods.map(({ operationId }) => operationId)).size).toBe(methods.length);
  });

  it.each(Object.keys(validCalls))(
    "the valid call of %s goes through its resource method only",
    async (operationId) => {
      const call = validCalls[operationId];
      if (call === undefined) throw new Error(`no valid call for ${operationId}`);
      const method = methods.find((entry) => entry.operationId === operationId);
      expect(await methodsCalledBy(call)).toEqual([method?.name]);
    },
  );

  it("has valid calls that use no openapi-fetch method", () => {
    const source = readFileSync(new URL("./calls.ts", import.meta.url), "utf8");
    expect(source.match(/\.(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|request)\(/g) ?? []).toEqual([]);
  });
});
