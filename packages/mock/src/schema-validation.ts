import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { resolveSpec } from "./specs.js";

/** Validates data against one schema of a spec, with JSON Schema 2020-12 and formats. */
export type SpecValidator = (data: unknown) => { valid: boolean; errors: string[] };

/**
 * Ajv (JSON Schema 2020-12, formats, OpenAPI's int32/int64) holding a whole spec under the id
 * `spec`, so any schema in it is reachable as `spec#/…`. Returns the parsed document too.
 */
export function specAjv(spec: string): { ajv: Ajv2020; document: unknown } {
  const document = parse(readFileSync(resolveSpec(spec), "utf8")) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  for (const format of ["int32", "int64"]) ajv.addFormat(format, true);
  ajv.addSchema(document, "spec");
  return { ajv, document };
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
