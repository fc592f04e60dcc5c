import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../src/errors.js";
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

  it("refuses a nested value with a typed error where openapi-fetch throws a plain one", () => {
    const nested = { filter: { deep: { x: 1 } } };
    expect(() => createQuerySerializer()(nested)).toThrow(/Deeply-nested/);
    expect(() => serializeQuery(nested)).toThrow(InvalidRequestError);
    expect(() => serializeQuery(nested)).toThrow(/filter\[deep\] holds a nested array or object/);
    expect(() => serializeQuery({ ids: [[1]] })).toThrow(/ids holds a nested/);
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

describe("a call with a nested query value", () => {
  it("is refused with a typed error before anything is sent", async () => {
    const { testClient } = await import("./support/client.js");
    let sent = 0;
    const client = testClient("http://127.0.0.1:9", {
      fetch: async () => {
        sent++;
        return new Response("{}");
      },
    });
    await expect(
      client.request("get", "/things", { params: { query: { filter: { deep: { x: 1 } } } as never } }),
    ).rejects.toThrow(InvalidRequestError);
    expect(sent).toBe(0);
  });
});
