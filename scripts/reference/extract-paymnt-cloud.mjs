#!/usr/bin/env node
// Extracts the facts payspec holds the Paymnt Cloud spec to from the Hyperswitch v1 OpenAPI
// reference Paymnt Cloud's API reference is generated from, into a committed fixture that the
// conformance test (packages/paymnt-cloud/test/reference-conformance.test.ts) reads, so neither CI
// nor a fresh clone needs the reference itself.
//
//   node scripts/reference/extract-paymnt-cloud.mjs [reference.json] [--accept-sha] [--write-gaps]
//   node scripts/reference/extract-paymnt-cloud.mjs --gaps-only [--write-gaps]
//
// reference.json defaults to ../shared/reference/hyperswitch-v1/openapi_spec_v1.json (relative to
// the repository root); the README.md beside it records release, repository, commit, file path and
// sha256, and the file read must have that sha256 unless --accept-sha is given. The fixture holds
// facts only: the in-scope operations (method, path, reference operationId, first tag, body schema
// names), every request and response example, whether the reference's own schema accepts each
// example (and the Ajv errors when it does not), every enum-like reference schema and which of them
// each operation reaches, and the names of all reference schemas. No descriptions.
//
// After extracting it prints the conformance of specs/paymnt-cloud/openapi.yaml against the fixture
// and what specs/paymnt-cloud/reference/known-gaps.json would have to change; --write-gaps rewrites
// that list (keeping the reasons of entries that stay). --gaps-only skips the extraction and uses
// the committed fixture.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import {
  checkConformance,
  deref,
  describeErrors,
  formatProblems,
  formatTable,
  gapsFileFrom,
  pointerOf,
  pointerSegment,
  readInputs,
  referenceFiles,
  stringifyJson,
} from "./paymnt-cloud-conformance.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The scope payspec's Paymnt Cloud spec covers: what a server SDK does with the merchant's secret key. */
const scope = {
  security: "api_key",
  tags: [
    "Payments",
    "Refunds",
    "Customers",
    "Payment Methods",
    "Mandates",
    "Disputes",
    "Payouts",
    "Relay",
    "Authentication",
    "Subscriptions",
    "Blocklist",
  ],
};
const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
const upstream = "juspay/hyperswitch";

const usage =
  "usage: extract-paymnt-cloud.mjs [reference.json] [--accept-sha] [--write-gaps] [--gaps-only] [--spec=openapi.yaml]";
const args = process.argv.slice(2);
const flags = new Set(args.filter((arg) => arg.startsWith("--") && !arg.startsWith("--spec=")));
for (const flag of flags) {
  if (!["--accept-sha", "--write-gaps", "--gaps-only"].includes(flag)) {
    console.error(`Unknown option ${flag}.\n${usage}`);
    process.exit(2);
  }
}
// Another spec file than specs/paymnt-cloud/openapi.yaml (a scratch copy, or `git show` of a commit).
const specOption = args.find((arg) => arg.startsWith("--spec="))?.slice("--spec=".length);
const positional = args.filter((arg) => !arg.startsWith("--"));
if (positional.length > 1) {
  console.error(usage);
  process.exit(2);
}

if (!flags.has("--gaps-only")) {
  const referencePath = resolve(root, positional[0] ?? "../shared/reference/hyperswitch-v1/openapi_spec_v1.json");
  const facts = extract(referencePath, { acceptSha: flags.has("--accept-sha") });
  mkdirSync(dirname(referenceFiles.facts), { recursive: true });
  writeFileSync(referenceFiles.facts, stringifyJson(facts));
  const rejected = facts.operations.flatMap((operation) => operation.examples).filter((e) => e.referenceRejects);
  console.log(
    `Wrote ${relative(root, referenceFiles.facts)} (${readFileSync(referenceFiles.facts).length} bytes): ` +
      `${facts.operations.length} operations, ${facts.operations.reduce((n, o) => n + o.examples.length, 0)} examples ` +
      `(${rejected.length} rejected by the reference's own schema), ${Object.keys(facts.enums).length} enum-like schemas.`,
  );
}

const inputs = readInputs({ ...referenceFiles, ...(specOption ? { spec: resolve(specOption) } : {}) });
const report = checkConformance(inputs);
console.log(`\n${formatTable(report)}\n`);
if (flags.has("--write-gaps")) {
  writeFileSync(referenceFiles.gaps, stringifyJson(gapsFileFrom(report, inputs.gaps)));
  console.log(`Wrote ${relative(root, referenceFiles.gaps)}. Review the diff: every new entry is a gap to close.`);
} else {
  const problems = formatProblems(report);
  console.log(problems === "" ? "known-gaps.json is up to date." : problems);
}

/** Reads the reference and its README, checks the sha256 and returns the fixture's content. */
function extract(referencePath, { acceptSha }) {
  if (!existsSync(referencePath)) {
    console.error(`No reference at ${referencePath}. Pass its path: extract-paymnt-cloud.mjs <openapi_spec_v1.json>`);
    process.exit(1);
  }
  const bytes = readFileSync(referencePath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const readme = readReadme(join(dirname(referencePath), "README.md"));
  if (readme.sha256 !== sha256) {
    const message = `${referencePath} has sha256 ${sha256}, but its README.md records ${readme.sha256}.`;
    if (!acceptSha) {
      console.error(`${message} Refusing: update the README, or pass --accept-sha to extract it anyway.`);
      process.exit(1);
    }
    console.warn(`${message} Extracting anyway (--accept-sha).`);
  }
  const document = JSON.parse(bytes.toString("utf8"));
  const validator = referenceValidator(document);

  const operations = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method];
      if (operation === undefined || !inScope(document, operation)) continue;
      operations.push(operationFacts(document, validator, path, method, item, operation));
    }
  }

  const schemas = document.components?.schemas ?? {};
  const enums = {};
  for (const name of Object.keys(schemas).sort()) {
    const fact = enumFactOf(document, schemas[name]);
    if (fact !== undefined) enums[name] = fact;
  }
  for (const operation of operations) {
    operation.enums = [...reachableSchemas(document, operation.roots)].filter((name) => name in enums).sort();
    delete operation.roots;
  }

  return {
    provenance: {
      release: readme.release,
      repository: readme.repository,
      upstream,
      commit: readme.commit,
      path: readme.path,
      sha256,
      ...(readme.sha256 === sha256 ? {} : { readmeSha256: readme.sha256 }),
      bytes: bytes.length,
      openapi: document.openapi,
      scope: `every operation whose security accepts ${scope.security} and whose first tag is one of: ${scope.tags.join(", ")}`,
      validator:
        "Ajv (draft-07) over the reference document with OpenAPI 3.0 semantics: nullable: true admits null (Ajv's own keyword where the schema has a plain type, otherwise anyOf with {type: null}), discriminator and example ignored, formats from ajv-formats",
    },
    operations,
    enums,
    schemas: Object.keys(schemas).sort(),
  };
}

/** Release, repository, commit, file path and sha256 as the reference's README records them. */
function readReadme(path) {
  if (!existsSync(path)) {
    console.error(`No README.md beside the reference (${path}): it records the release, commit and sha256.`);
    process.exit(1);
  }
  const text = readFileSync(path, "utf8");
  const fields = {
    release: text.match(/release\s+(\d{4}\.\d{2}\.\d{2}\.\d+)/)?.[1],
    repository: text.match(/`([\w.-]+\/[\w.-]+)`,?\s+commit/)?.[1],
    commit: text.match(/commit\s+`([0-9a-f]{40})`/)?.[1],
    path: text.match(/file\s+`([^`]+\.json)`/)?.[1],
    sha256: text.match(/sha256\s+`([0-9a-f]{64})`/)?.[1],
  };
  const missing = Object.entries(fields).filter(([, value]) => value === undefined);
  if (missing.length > 0) {
    console.error(`${path} does not say: ${missing.map(([key]) => key).join(", ")}.`);
    process.exit(1);
  }
  return fields;
}

function inScope(document, operation) {
  const security = operation.security ?? document.security ?? [];
  const accepted = security.some((requirement) => scope.security in requirement);
  return accepted && scope.tags.includes(operation.tags?.[0]);
}

/** One operation's facts; `roots` (removed later) are the schemas enum reachability starts from. */
function operationFacts(document, validator, path, method, item, operation) {
  const facts = {
    method: method.toUpperCase(),
    path,
    operationId: operation.operationId,
    tag: operation.tags[0],
    request: {},
    responses: {},
    examples: [],
    roots: [],
  };
  for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const resolved = deref(document, parameter).node;
    if (resolved.schema !== undefined) facts.roots.push(resolved.schema);
  }
  if (operation.requestBody !== undefined) {
    const { node: body, pointer } = deref(
      document,
      operation.requestBody,
      pointerOf("paths", path, method, "requestBody"),
    );
    for (const [mediaType, media] of Object.entries(body.content ?? {})) {
      facts.request[mediaType] = schemaName(media.schema);
      if (media.schema !== undefined) facts.roots.push(media.schema);
      const schemaPointer = `${pointer}/content/${pointerSegment(mediaType)}/schema`;
      for (const example of examplesOf(document, media)) {
        facts.examples.push({
          kind: "request",
          mediaType,
          ...example,
          ...verdict(validator, media, schemaPointer, example),
        });
      }
    }
  }
  for (const [status, reference] of Object.entries(operation.responses ?? {})) {
    const { node: response, pointer } = deref(
      document,
      reference,
      pointerOf("paths", path, method, "responses", status),
    );
    facts.responses[status] = {};
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      facts.responses[status][mediaType] = schemaName(media.schema);
      if (media.schema !== undefined) facts.roots.push(media.schema);
      const schemaPointer = `${pointer}/content/${pointerSegment(mediaType)}/schema`;
      for (const example of examplesOf(document, media)) {
        facts.examples.push({
          kind: "response",
          status,
          mediaType,
          ...example,
          ...verdict(validator, media, schemaPointer, example),
        });
      }
    }
  }
  if (Object.keys(facts.request).length === 0) delete facts.request;
  return facts;
}

/** A media type's `example` (named "example") and each of its `examples`, `$ref`s resolved. */
function examplesOf(document, media) {
  const examples = [];
  if (media.example !== undefined) examples.push({ name: "example", value: media.example });
  for (const [name, entry] of Object.entries(media.examples ?? {})) {
    const example = deref(document, entry).node;
    if (example.value !== undefined) examples.push({ name, value: example.value });
    else console.warn(`Skipped example "${name}": it has no inline value (externalValue is not fetched).`);
  }
  return examples;
}

/** Whether the reference's own schema accepts the example, and Ajv's errors when it does not. */
function verdict(validator, media, schemaPointer, example) {
  if (media.schema === undefined) return {};
  const errors = validator(schemaPointer, example.value);
  return errors.length === 0 ? {} : { referenceRejects: errors };
}

/**
 * Ajv (draft-07, as close to OpenAPI 3.0's schema dialect as Ajv gets) over a copy of the whole
 * reference in which every `nullable: true` admits null; returns the errors for a pointer.
 */
function referenceValidator(document) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, verbose: true });
  addFormats(ajv);
  for (const format of ["int32", "int64", "float", "double"]) ajv.addFormat(format, true);
  ajv.addSchema(withNullable(document), "reference");
  return (pointer, data) => {
    const validate = ajv.getSchema(`reference#${pointer}`);
    if (validate === undefined) throw new Error(`The reference has no schema at ${pointer}`);
    return validate(data) ? [] : describeErrors(validate.errors ?? []);
  };
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: Ajv implements the keyword for a schema with a
 * plain `type`; anything else (most often `allOf: [$ref]` with `nullable`, which Ajv refuses)
 * becomes `anyOf: [schema, {type: null}]`. Example payloads are left alone.
 */
function withNullable(node) {
  if (Array.isArray(node)) return node.map(withNullable);
  if (node === null || typeof node !== "object") return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === "example" || key === "examples" || key === "enum" || key === "default" ? value : withNullable(value);
  }
  if (copy.nullable !== true) return copy;
  const composite = ["allOf", "anyOf", "oneOf", "not", "$ref", "enum"].some((key) => key in copy);
  if (typeof copy.type === "string" && !composite) return copy;
  const { nullable: _nullable, ...rest } = copy;
  return { anyOf: [rest, { type: "null" }] };
}

/**
 * The values of an enum-like schema: a plain `enum`; a union of single-value string branches
 * (`otherVariants` counts branches that are not such strings, e.g. objects); or a union of objects
 * that all carry a single-value tag property (`discriminator` names it).
 */
function enumFactOf(document, schema) {
  if (Array.isArray(schema.enum)) return { values: schema.enum };
  const branches = (schema.oneOf ?? schema.anyOf ?? []).map((branch) => deref(document, branch).node);
  if (branches.length === 0) return undefined;
  const values = [];
  let others = 0;
  for (const branch of branches) {
    if (Array.isArray(branch.enum) && branch.type !== "object") values.push(...branch.enum);
    else others++;
  }
  if (values.length > 0) return others === 0 ? { values } : { values, otherVariants: others };
  const properties = branches.map((branch) => propertiesOf(document, branch));
  const candidates = [schema.discriminator?.propertyName, ...Object.keys(properties[0] ?? {})].filter(Boolean);
  for (const tag of candidates) {
    const tags = properties.map((props) => {
      const property = props[tag] === undefined ? undefined : deref(document, props[tag]).node;
      return Array.isArray(property?.enum) && property.enum.length === 1 ? property.enum[0] : undefined;
    });
    if (tags.every((value) => value !== undefined)) return { discriminator: tag, values: tags };
  }
  return undefined;
}

/** An object schema's properties, merged through `allOf` and `$ref`. */
function propertiesOf(document, schema) {
  const resolved = deref(document, schema).node;
  const merged = { ...(resolved.properties ?? {}) };
  for (const part of resolved.allOf ?? []) Object.assign(merged, propertiesOf(document, part));
  return merged;
}

/** Names of the component schemas reachable from `roots` through `$ref`s. */
function reachableSchemas(document, roots) {
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const name = typeof node.$ref === "string" ? node.$ref.match(/^#\/components\/schemas\/(.+)$/)?.[1] : undefined;
    if (name !== undefined && !seen.has(name)) {
      seen.add(name);
      visit(document.components.schemas[name]);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== "example" && key !== "examples" && key !== "enum" && key !== "default") visit(value);
    }
  };
  visit(roots);
  return seen;
}

/** `Name` for a `$ref` to a component schema, `Name[]` for an array of them, else `inline`. */
function schemaName(schema) {
  if (schema === undefined) return null;
  const name = (node) => node?.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
  if (name(schema)) return name(schema);
  if (schema.type === "array" && name(schema.items)) return `${name(schema.items)}[]`;
  return "inline";
}
