import { describe, expect, it } from "vitest";

// The generator of the resource layer's types (scripts/generate/resources.mjs). Imported by a
// computed path: it is a script beside the packages, without type declarations.
const generator = new URL("../../../scripts/generate/resources.mjs", import.meta.url).href;
const { resourcesModule } = (await import(generator)) as { resourcesModule: (spec: unknown) => string };

const multipart = (schema: unknown) => ({ content: { "multipart/form-data": { schema } }, required: true });
const spec = {
  openapi: "3.1.0",
  info: { title: "files", version: "1" },
  paths: {
    "/evidence": {
      put: {
        tags: ["Evidence"],
        operationId: "attachEvidence",
        requestBody: multipart({
          type: "object",
          required: ["file", "kind"],
          properties: {
            file: { type: "string", contentMediaType: "application/octet-stream" },
            scan: { $ref: "#/components/schemas/Binary" },
            kind: { type: "string" },
          },
        }),
        responses: { "200": { description: "Stored." } },
      },
    },
    "/imports": {
      post: {
        tags: ["Imports"],
        operationId: "createImport",
        requestBody: multipart({
          allOf: [{ type: "object", properties: { csv: { type: "string", format: "binary" } } }],
        }),
        responses: { "202": { description: "Started." } },
      },
    },
    "/notes": {
      post: {
        tags: ["Notes"],
        operationId: "createNote",
        requestBody: multipart({ type: "object", properties: { text: { type: "string" } } }),
        responses: { "200": { description: "Stored." } },
      },
      put: {
        tags: ["Notes"],
        operationId: "replaceNote",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { file: { type: "string", contentMediaType: "text/plain" } } },
            },
          },
        },
        responses: { "200": { description: "Stored." } },
      },
    },
  },
  components: { schemas: { Binary: { type: "string", format: "binary" } } },
};

const signatureOf = (source: string, method: string) => source.split("\n").find((line) => line.includes(` ${method}(`));

describe("the generated type of a multipart body", () => {
  const source = resourcesModule(spec);

  it("takes a Blob for each file field (a string with a media type, or binary), directly or by $ref", () => {
    const body = 'operations["attachEvidence"]["requestBody"]["content"]["multipart/form-data"]';
    expect(signatureOf(source, "attach")).toContain(
      `attach(body: { [Field in keyof ${body}]: Field extends "file" | "scan" ? Blob : ${body}[Field] }, options?: CallOptions)`,
    );
  });

  it("finds the file fields of an allOf", () => {
    expect(signatureOf(source, "create")).toMatch(/Field extends "csv" \? Blob/);
  });

  it("keeps the spec's type for a form without files, and for JSON", () => {
    const notes = source.slice(source.indexOf("readonly notes"));
    expect(signatureOf(notes, "create")).toContain(
      'body: operations["createNote"]["requestBody"]["content"]["multipart/form-data"], options',
    );
    expect(signatureOf(notes, "replace")).toContain(
      'body: operations["replaceNote"]["requestBody"]["content"]["application/json"], options',
    );
  });
});
