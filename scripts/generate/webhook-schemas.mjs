// Writes a provider's webhook payload schemas (src/generated/webhook-schemas.ts): the JSON Schema
// of every webhook in the spec's `webhooks`, with the component schemas they reach, stripped of
// annotations. The package's verifier checks each event against them (core's schema-check.ts)
// before returning it, so a signed body that breaks the spec is refused, not typed.

// What core's checker implements; anything else in a reachable schema stops the generator.
const assertions = new Set([
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "allOf",
  "oneOf",
  "anyOf",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "maxProperties",
  "pattern",
  "propertyNames",
  "$ref",
]);
const annotations = new Set([
  "description",
  "examples",
  "example",
  "default",
  "format",
  "title",
  "deprecated",
  "readOnly",
  "writeOnly",
  "contentMediaType",
]);

export function webhookSchemasModule(spec) {
  const schemas = {};
  const strip = (node, where) => {
    if (Array.isArray(node)) return node.map((item) => strip(item, where));
    if (node === null || typeof node !== "object") return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-") || annotations.has(key)) continue;
      if (!assertions.has(key))
        throw new Error(`${where}: webhook schemas use ${key}, which core's schema check does not implement.`);
      if (key === "$ref") {
        const name = value.split("/").pop();
        if (!value.startsWith("#/components/schemas/")) throw new Error(`${where}: unsupported $ref ${value}.`);
        if (!(name in schemas)) {
          schemas[name] = null;
          schemas[name] = strip(spec.components.schemas[name], name);
        }
        out.$ref = name;
      } else if (key === "properties") {
        out.properties = Object.fromEntries(
          Object.entries(value).map(([name, schema]) => [name, strip(schema, `${where}.${name}`)]),
        );
      } else if (["items", "additionalProperties", "propertyNames"].includes(key) && typeof value === "object") {
        out[key] = strip(value, where);
      } else if (["allOf", "oneOf", "anyOf"].includes(key)) {
        out[key] = value.map((item) => strip(item, where));
      } else out[key] = value;
    }
    return out;
  };
  const webhooks = {};
  for (const [name, item] of Object.entries(spec.webhooks ?? {})) {
    const schema = item?.post?.requestBody?.content?.["application/json"]?.schema;
    if (schema !== undefined) webhooks[name] = strip(schema, `webhooks.${name}`);
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((name) => [name, schemas[name]]),
  );
  return [
    'import type { WebhookSchemas } from "@payspec/core";',
    "",
    "/** Every webhook's payload schema (`webhooks`), and the component schemas they reach, without annotations. */",
    `export const webhookSchemas: WebhookSchemas = ${JSON.stringify({ webhooks, schemas: sorted })};`,
    "",
  ].join("\n");
}
