import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specAjv } from "./schema-validation.js";

/**
 * One example a provider's documentation prints, kept verbatim as a fixture
 * (`specs/<provider>/doc-examples/*.json`) with the page it was printed on.
 */
export interface DocExample {
  /** The page that prints it (https URL). */
  readonly source: string;
  /** Where on the page, in a few words: "Example request", "200 response", "payment.completed". */
  readonly label: string;
  /** What it is, and so which schema of the spec it must satisfy. */
  readonly kind: "request" | "response" | "object" | "webhook";
  /** For `request` and `response`: the operation. */
  readonly operationId?: string;
  /** For `response`: the status (default 200). */
  readonly status?: number;
  /** For `object`: a schema under `#/components/schemas`. */
  readonly schema?: string;
  /** For `webhook`: a key of the spec's `webhooks`. */
  readonly webhook?: string;
  /** Media type of a request or response body (default `application/json`). */
  readonly mediaType?: string;
  /** The example exactly as the page prints it. */
  readonly example: unknown;
}

const pointerSegment = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");
const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

/** The JSON pointer of the schema a fixture must satisfy, or a reason it has none. */
export function schemaPointerOf(document: unknown, fixture: DocExample): string {
  const spec = document as {
    paths?: Record<string, Record<string, { operationId?: string }>>;
    webhooks?: Record<string, unknown>;
  };
  const media = pointerSegment(fixture.mediaType ?? "application/json");
  if (fixture.kind === "object") return `#/components/schemas/${pointerSegment(fixture.schema ?? "")}`;
  if (fixture.kind === "webhook") {
    return `#/webhooks/${pointerSegment(fixture.webhook ?? "")}/post/requestBody/content/${media}/schema`;
  }
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of methods) {
      if (item[method]?.operationId !== fixture.operationId) continue;
      const operation = `#/paths/${pointerSegment(path)}/${method}`;
      return fixture.kind === "request"
        ? `${operation}/requestBody/content/${media}/schema`
        : `${operation}/responses/${fixture.status ?? 200}/content/${media}/schema`;
    }
  }
  throw new Error(`${fixture.label}: no operation ${fixture.operationId ?? "(missing operationId)"} in the spec`);
}

/** Reads every fixture in `directory` (`*.json`, each one example or an array of them). */
export function readDocExamples(directory: string): { file: string; fixture: DocExample }[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .flatMap((file) => {
      const parsed = JSON.parse(readFileSync(join(directory, file), "utf8")) as DocExample | DocExample[];
      return (Array.isArray(parsed) ? parsed : [parsed]).map((fixture) => ({ file, fixture }));
    });
}

/**
 * Validates every example the provider's pages print (requests, responses, objects, webhook
 * events), kept as fixtures with their page, against the schema the spec gives it, with Ajv
 * (JSON Schema 2020-12, formats), independently of Prism. A spec that refuses what the provider
 * itself prints is wrong.
 */
export function docExamplesSuite(options: { readonly provider: string; readonly directory: string }): void {
  const { ajv, document } = specAjv(options.provider);
  const fixtures = readDocExamples(options.directory);

  describe(`${options.provider}: every example the provider's pages print satisfies the spec`, () => {
    it("has fixtures, each naming its page", () => {
      expect(fixtures.length).toBeGreaterThan(0);
      for (const { file, fixture } of fixtures) {
        expect(fixture.source, file).toMatch(/^https:\/\//);
        expect(fixture.label, file).toBeTruthy();
        expect(["request", "response", "object", "webhook"], file).toContain(fixture.kind);
      }
    });

    it.each(fixtures.map(({ file, fixture }) => [`${file}: ${fixture.label}`, fixture] as const))(
      "%s",
      (_name, fixture) => {
        const pointer = schemaPointerOf(document, fixture);
        const validate = ajv.getSchema(`spec${pointer}`);
        if (validate === undefined) throw new Error(`The spec has no schema at ${pointer}`);
        const valid = validate(fixture.example) as boolean;
        const errors = (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`);
        expect(errors, `${fixture.source} (${pointer})`).toEqual([]);
        expect(valid).toBe(true);
      },
    );
  });
}
