import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { serializePath, serializeQuery } from "../src/serialize.js";

// payspec writes URLs with its own serialisers (openapi-fetch's are most of its size); they must
// write exactly what openapi-fetch writes, for every style it supports.
const styles = ["form", "spaceDelimited", "pipeDelimited", "deepObject", "simple", "label", "matrix", undefined];
const explodes = [true, false, undefined];
const query = {
  n: 10,
  flag: false,
  text: "a b/c?d&e=é",
  skipped: undefined,
  nothing: null,
  none: [],
  ids: ["a", "b c", 3],
  filter: { status: "x y", gte: 5 },
  created: { "gte]": "2026-01-01T00:00:00Z" },
};

describe("serializeQuery", () => {
  it("writes the default query as openapi-fetch does", () => {
    expect(serializeQuery(query)).toBe(createQuerySerializer()(query));
    expect(serializeQuery("not an object")).toBe(createQuerySerializer()("not an object" as never));
    expect(serializeQuery(undefined)).toBe("");
  });

  for (const allowReserved of [true, false, undefined]) {
    for (const style of styles) {
      for (const explode of explodes) {
        const options = {
          array: { style, explode },
          object: { style, explode },
          ...(allowReserved === undefined ? {} : { allowReserved }),
        };
        it(`style ${style}, explode ${explode}, allowReserved ${allowReserved}`, () => {
          expect(serializeQuery(query, options as never)).toBe(createQuerySerializer(options as never)(query));
        });
      }
    }
  }

  it("refuses nested objects with openapi-fetch's message", () => {
    const nested = { filter: { deep: { x: 1 } } };
    expect(() => serializeQuery(nested)).toThrow(
      (() => {
        try {
          createQuerySerializer()(nested);
        } catch (error) {
          return (error as Error).message;
        }
        throw new Error("openapi-fetch accepted a nested object");
      })(),
    );
  });
});

describe("serializePath", () => {
  const params = { id: "a b/c", n: 7, list: ["x", "y z"], obj: { k: "v w", n: 1 }, unset: undefined };
  for (const path of [
    "/things/{id}/items/{n}",
    "/things/{.id}/{;id}/{id*}",
    "/a/{list}/{list*}/{.list}/{.list*}/{;list}/{;list*}",
    "/o/{obj}/{obj*}/{.obj}/{.obj*}/{;obj}/{;obj*}",
    "/missing/{unset}/{other}",
    "/twice/{id}/{id}",
  ]) {
    it(path, () => {
      expect(serializePath(path, params)).toBe(defaultPathSerializer(path, params as never));
    });
  }
});
