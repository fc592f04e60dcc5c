import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { resolveSpec } from "./specs.js";

/** Validates data against one schema of a spec, with JSON Schema 2020-12 and formats. */
export type SpecValidator = (data: unknown) => { valid: boolean; errors: string[] };

const ajvByDocument = new WeakMap<object, Ajv2020>();
const bySpec = new Map<string, { ajv: Ajv2020; document: unknown }>();

/**
 * Ajv (JSON Schema 2020-12, formats, OpenAPI's int32/int64) holding a parsed spec under the id
 * `spec`, so any schema in it is reachable as `spec#/…`. One per document: its compiled schemas
 * are shared by everything that validates against that document.
 */
export function documentAjv(document: object): Ajv2020 {
  let ajv = ajvByDocument.get(document);
  if (ajv === undefined) {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
    for (const format of ["int32", "int64"]) ajv.addFormat(format, true);
    ajv.addSchema(document, "spec");
    ajvByDocument.set(document, ajv);
  }
  return ajv;
}

/**
 * The spec (a provider name or a path) parsed once per process, with its {@link documentAjv}: the
 * response checks, the event builder and the stateful engine read the same document.
 */
export function specAjv(spec: string): { ajv: Ajv2020; document: unknown } {
  const path = resolveSpec(spec);
  let loaded = bySpec.get(path);
  if (loaded === undefined) {
    const document = parse(readFileSync(path, "utf8")) as object;
    loaded = { ajv: documentAjv(document), document };
    bySpec.set(path, loaded);
  }
  return loaded;
}

/**
 * A validator for `pointer` (such as `#/components/schemas/WebhookEvent`) in a provider's spec,
 * independent of Prism: Prism ignores the `webhooks` section, so webhook fixtures are checked here.
 */
export function specValidator(spec: string, pointer: string): SpecValidator {
  const { ajv } = specAjv(spec);
  const validate = ajv.getSchema(`spec${pointer}`);
  if (validate === undefined) throw new Error(`No schema at ${pointer} in ${spec}`);
  return (data) => {
    const valid = validate(data) as boolean;
    const errors = (validate.errors ?? []).map(
      (error: ErrorObject) => `${error.instancePath || "/"} ${error.message ?? ""}`,
    );
    return { valid, errors };
  };
}
