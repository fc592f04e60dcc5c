// How specs/paymnt-cloud/openapi.yaml conforms to the facts extracted from the Hyperswitch v1
// reference (specs/paymnt-cloud/reference/hyperswitch-v1.facts.json), and how that compares with
// the committed list of known gaps (known-gaps.json). Shared by the conformance test
// (packages/paymnt-cloud/test/reference-conformance.test.ts) and extract-paymnt-cloud.mjs, which
// prints the same table and can rewrite the list. Types: paymnt-cloud-conformance.d.mts.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
const dataKeys = new Set(["example", "examples", "enum", "const", "default"]);

/** Where the fixture, the gaps list and our spec live. */
export const referenceFiles = {
  facts: join(root, "specs/paymnt-cloud/reference/hyperswitch-v1.facts.json"),
  gaps: join(root, "specs/paymnt-cloud/reference/known-gaps.json"),
  spec: join(root, "specs/paymnt-cloud/openapi.yaml"),
};

const gapsFile = "specs/paymnt-cloud/reference/known-gaps.json";
const rewrite = "Or run `pnpm reference:gaps` to rewrite the list, and review its diff.";

/** The fixture, our parsed spec and the known gaps (empty when the file does not exist yet). */
export function readInputs(files = referenceFiles) {
  const gaps = existsSync(files.gaps)
    ? JSON.parse(readFileSync(files.gaps, "utf8"))
    : { operations: [], examples: {}, enums: [] };
  return {
    facts: JSON.parse(readFileSync(files.facts, "utf8")),
    spec: parse(readFileSync(files.spec, "utf8")),
    gaps,
  };
}

/** `POST /payments | request application/json | <name>` or `POST /payments | 200 application/json | <name>`. */
export function exampleId(operation, example) {
  const where = example.kind === "request" ? "request" : example.status;
  return `${operation.method} ${operation.path} | ${where} ${example.mediaType} | ${example.name}`;
}

/** Compares our spec with the facts, and both with the known gaps. */
export function checkConformance({ facts, spec, gaps }) {
  const listed = {
    operations: new Set(gaps.operations ?? []),
    examples: new Map(Object.entries(gaps.examples ?? {})),
    enums: new Set(gaps.enums ?? []),
  };
  const ours = indexOperations(spec);
  const validate = ourValidator(spec);
  const mirrors = mirrorsOf(spec);
  const mirrorOf = new Map(mirrors.map((mirror) => [mirror.name, mirror]));
  const enumResults = new Map(mirrors.map((mirror) => [mirror, compareEnum(spec, facts, mirror)]));
  const citations = citationsOf(spec);

  const rows = [];
  const current = { operations: [], examples: new Map(), enums: new Map() };
  const evaluated = new Set();
  const matched = new Set();
  const reached = new Set();
  for (const operation of facts.operations) {
    const key = `${operation.method} ${operation.path}`;
    const match = ours.get(normalisedKey(operation.method, operation.path));
    const row = {
      key,
      tag: operation.tag,
      present: match !== undefined,
      ourOperationId: match?.operation.operationId,
      examples: {
        total: operation.examples.length,
        passed: 0,
        failed: [],
        rejectedByReference: 0,
        rejectedByReferenceOursAccepts: 0,
        unchecked: 0,
      },
      enums: { reachable: operation.enums.length, mirrored: 0, differing: 0 },
    };
    rows.push(row);
    if (match === undefined) {
      current.operations.push(key);
      row.examples.unchecked = operation.examples.length;
      continue;
    }
    matched.add(match.key);
    for (const example of operation.examples) {
      if (example.referenceRejects !== undefined) {
        // Not held against us; counted for information only.
        row.examples.rejectedByReference++;
        if (validateExample(spec, validate, match, example).length === 0) row.examples.rejectedByReferenceOursAccepts++;
        continue;
      }
      const id = exampleId(operation, example);
      evaluated.add(id);
      const errors = validateExample(spec, validate, match, example);
      if (errors.length === 0) row.examples.passed++;
      else {
        row.examples.failed.push({ id, errors });
        current.examples.set(id, errors);
      }
    }
    for (const name of operation.enums) {
      reached.add(name);
      const mirror = mirrorOf.get(name);
      if (mirror === undefined) {
        const reachedFrom = current.enums.get(name) ?? [];
        current.enums.set(name, [...reachedFrom, key]);
      } else {
        row.enums.mirrored++;
        if (enumResults.get(mirror)?.problem !== undefined) row.enums.differing++;
      }
    }
  }

  const problems = { operations: [], examples: [], enums: [], mirrors: [] };
  for (const key of current.operations) {
    if (!listed.operations.has(key)) {
      problems.operations.push(
        `${key}: in the reference's scope but not in our spec. Add it to the spec, or add "${key}" to "operations" in ${gapsFile}.`,
      );
    }
  }
  const inScope = new Set(facts.operations.map((operation) => `${operation.method} ${operation.path}`));
  for (const key of listed.operations) {
    if (!inScope.has(key)) {
      problems.operations.push(
        `Remove "${key}" from "operations" in ${gapsFile}: not an in-scope reference operation.`,
      );
    } else if (!current.operations.includes(key)) {
      problems.operations.push(`${key}: in our spec now. Remove "${key}" from "operations" in ${gapsFile}.`);
    }
  }

  for (const [id, errors] of current.examples) {
    if (!listed.examples.has(id)) {
      problems.examples.push(
        `${id}\n    fails against our spec: ${errors.join("; ")}\n    Fix the spec, or add ${JSON.stringify(id)}: "<one-line reason>" to "examples" in ${gapsFile}.`,
      );
    }
  }
  for (const id of listed.examples.keys()) {
    if (current.examples.has(id)) continue;
    problems.examples.push(
      evaluated.has(id)
        ? `${id}\n    passes now. Remove it from "examples" in ${gapsFile}.`
        : `${id}\n    is not checked (no such example, its operation is not in our spec, or the reference rejects it). Remove it from "examples" in ${gapsFile}.`,
    );
  }

  for (const [name, reachedFrom] of current.enums) {
    if (listed.enums.has(name)) continue;
    const hint = citations.has(name)
      ? ` ${citations.get(name).join(", ")} cites it in x-payspec-source: declare \`x-payspec-reference: ${name}\` there.`
      : "";
    problems.enums.push(
      `${name} (reached from ${reachedFrom.slice(0, 3).join(", ")}${reachedFrom.length > 3 ? ", …" : ""}): no schema of ours declares \`x-payspec-reference: ${name}\`. Mirror it, or add "${name}" to "enums" in ${gapsFile}.${hint}`,
    );
  }
  for (const name of listed.enums) {
    if (current.enums.has(name)) continue;
    problems.enums.push(
      mirrorOf.has(name)
        ? `${name}: mirrored by ${mirrorOf.get(name).pointer} now. Remove "${name}" from "enums" in ${gapsFile}.`
        : `Remove "${name}" from "enums" in ${gapsFile}: no operation in our spec reaches it.`,
    );
  }
  for (const [, result] of enumResults) {
    if (result.problem !== undefined) problems.mirrors.push(result.problem);
  }

  const extra = [...ours.values()].filter((operation) => !matched.has(operation.key)).map((operation) => operation.key);
  return {
    provenance: facts.provenance,
    rows,
    extra,
    mirrors: mirrors.map((mirror) => ({ pointer: mirror.pointer, name: mirror.name, ...enumResults.get(mirror) })),
    reached: [...reached].sort(),
    current,
    problems,
  };
}

/** Every ratchet and enum problem, as one text; empty when there are none. */
export function formatProblems(report) {
  const sections = [
    ["Operations", report.problems.operations],
    ["Examples", report.problems.examples],
    ["Unmirrored enums", report.problems.enums],
    ["Mirrored enums that differ", report.problems.mirrors],
  ].filter(([, problems]) => problems.length > 0);
  if (sections.length === 0) return "";
  const text = sections
    .map(([title, problems]) => `${title}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`)
    .join("\n");
  const ratchet = report.problems.operations.length + report.problems.examples.length + report.problems.enums.length;
  return ratchet > 0 ? `${text}\n${rewrite}` : text;
}

/** A table per operation: present, examples passing / checked, enums mirrored / reached. */
export function formatTable(report) {
  const { provenance, rows } = report;
  const present = rows.filter((row) => row.present);
  const sum = (pick) => rows.reduce((total, row) => total + pick(row), 0);
  const checked = sum((row) => row.examples.total - row.examples.rejectedByReference - row.examples.unchecked);
  const mirroredNames = new Set(report.mirrors.map((mirror) => mirror.name));
  const lines = [
    `Paymnt Cloud spec vs Hyperswitch v1 reference ${provenance.release} (${provenance.repository}@${provenance.commit.slice(0, 12)})`,
    `operations: ${present.length}/${rows.length} present; examples: ${sum((row) => row.examples.passed)}/${checked} passing ` +
      `(${sum((row) => row.examples.rejectedByReference)} rejected by the reference itself, ${sum((row) => row.examples.unchecked)} of missing operations); ` +
      `enums reached by present operations: ${report.reached.filter((name) => mirroredNames.has(name)).length}/${report.reached.length} mirrored, ` +
      `${report.mirrors.filter((mirror) => mirror.problem !== undefined).length} mirrors differ`,
    "",
  ];
  const table = [["operation", "present", "examples", "enums"]];
  for (const row of rows) {
    const examples = row.present
      ? `${row.examples.passed}/${row.examples.total - row.examples.rejectedByReference}` +
        (row.examples.rejectedByReference > 0
          ? ` (+${row.examples.rejectedByReference} ref-rejected, ours accepts ${row.examples.rejectedByReferenceOursAccepts})`
          : "")
      : row.examples.total > 0
        ? `- (${row.examples.total} unchecked)`
        : "-";
    const enums = row.present
      ? `${row.enums.mirrored}/${row.enums.reachable} mirrored${row.enums.differing > 0 ? `, ${row.enums.differing} DIFFER` : ""}`
      : row.enums.reachable > 0
        ? `- (${row.enums.reachable} reached)`
        : "-";
    table.push([row.key, row.present ? `yes (${row.ourOperationId})` : "NO", examples, enums]);
  }
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  lines.push(
    ...table.map((cells) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column]))
        .join("  ")
        .trimEnd(),
    ),
  );
  if (report.extra.length > 0)
    lines.push("", `Also in our spec, outside the reference's scope: ${report.extra.join(", ")}`);
  return lines.join("\n");
}

/** What known-gaps.json should say now; reasons of entries that stay are kept. */
export function gapsFileFrom(report, previous = {}) {
  const reasons = previous.examples ?? {};
  return {
    $comment: [
      "Ratchet for packages/paymnt-cloud/test/reference-conformance.test.ts: what our spec does not match in",
      "hyperswitch-v1.facts.json yet. The test fails on a gap not listed here and on a listed one that is closed.",
      "operations: in-scope reference operations missing from openapi.yaml (METHOD path, as the reference writes it).",
      "examples: upstream examples that fail against our schema, each with a one-line reason (edit the reason freely).",
      "enums: reference enums reached from our operations that no schema of ours mirrors with x-payspec-reference.",
      "Regenerate with `pnpm reference:gaps`; see CONTRIBUTING.md.",
    ],
    operations: report.current.operations,
    examples: Object.fromEntries(
      [...report.current.examples].map(([id, errors]) => [id, reasons[id] ?? oneLineReason(errors)]),
    ),
    enums: [...report.current.enums.keys()].sort(),
  };
}

/** The most telling of Ajv's errors on one line, with a count of the rest. */
export function oneLineReason(errors) {
  const telling =
    errors.find((error) => !/must match (exactly one|a) schema in (oneOf|anyOf)/.test(error)) ?? errors[0];
  const rest = errors.length - 1;
  const line = `${telling}${rest > 0 ? ` (+${rest} more)` : ""}`;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** Ajv's errors as `path message (detail)` lines, deduplicated, at most 12. */
export function describeErrors(errors) {
  const lines = errors.map((error) => {
    const where = error.instancePath || "/";
    let detail = "";
    if (error.keyword === "additionalProperties") detail = `: ${error.params.additionalProperty}`;
    else if (error.keyword === "unevaluatedProperties") detail = `: ${error.params.unevaluatedProperty}`;
    else if (["enum", "const", "format", "pattern", "type"].includes(error.keyword) && "data" in error) {
      const data = JSON.stringify(error.data);
      detail = ` (got ${data.length > 60 ? `${data.slice(0, 57)}...` : data})`;
    }
    return `${where} ${error.message ?? error.keyword}${detail}`;
  });
  return [...new Set(lines)].slice(0, 12);
}

/**
 * Stable JSON for the committed files, as Biome formats it: two-space indent, and an array of
 * scalars on one line when that line fits in 120 columns.
 */
export function stringifyJson(value) {
  const text = JSON.stringify(value, null, 2);
  const collapsed = text.replace(
    /^([^\n]*)\[\n(\s+)([^[\]{}]*?)\n\s*\](,?)$/gm,
    (whole, prefix, indent, body, comma) => {
      const line = `${prefix}[${body.split(`,\n${indent}`).join(", ")}]${comma}`;
      return line.length <= 120 && !line.includes("\n") ? line : whole;
    },
  );
  return `${collapsed}\n`;
}

/** Our operations by `METHOD /path/{}` (parameter names ignored). */
function indexOperations(spec) {
  const index = new Map();
  for (const [path, reference] of Object.entries(spec.paths ?? {})) {
    const { node: item, pointer } = deref(spec, reference, pointerOf("paths", path));
    for (const method of methods) {
      const operation = item[method];
      if (operation === undefined) continue;
      const key = `${method.toUpperCase()} ${path}`;
      index.set(normalisedKey(method, path), { key, operation, pointer: `${pointer}/${method}` });
    }
  }
  return index;
}

function normalisedKey(method, path) {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}").replace(/(.)\/$/, "$1")}`;
}

/** Ajv 2020-12 over our whole spec, as @payspec/mock's specAjv builds it; errors for a pointer. */
function ourValidator(spec) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, verbose: true });
  addFormats(ajv);
  for (const format of ["int32", "int64"]) ajv.addFormat(format, true);
  ajv.addSchema(spec, "spec");
  return (pointer, data) => {
    const validate = ajv.getSchema(`spec#${pointer}`);
    if (validate === undefined) throw new Error(`Our spec has no schema at ${pointer}`);
    return validate(data) ? [] : describeErrors(validate.errors ?? []);
  };
}

/** Errors of one upstream example against our schema for the same operation, status and media type. */
function validateExample(spec, validate, match, example) {
  const { operation, pointer: operationPointer } = match;
  let content;
  let at;
  if (example.kind === "request") {
    if (operation.requestBody === undefined) return ["our operation declares no request body"];
    const body = deref(spec, operation.requestBody, `${operationPointer}/requestBody`);
    content = body.node.content ?? {};
    at = body.pointer;
  } else {
    const responses = operation.responses ?? {};
    const status = matchStatus(Object.keys(responses), example.status);
    if (status === undefined) {
      return [`our operation declares no ${example.status} response (it has ${Object.keys(responses).join(", ")})`];
    }
    const response = deref(spec, responses[status], `${operationPointer}/responses/${pointerSegment(status)}`);
    content = response.node.content ?? {};
    at = response.pointer;
  }
  const mediaType = matchMediaType(Object.keys(content), example.mediaType);
  if (mediaType === undefined) {
    const declared = Object.keys(content).join(", ") || "no content";
    return [
      `our ${example.kind === "request" ? "request body" : `${example.status} response`} has no ${example.mediaType} (it has ${declared})`,
    ];
  }
  const media = deref(spec, content[mediaType], `${at}/content/${pointerSegment(mediaType)}`);
  if (media.node.schema === undefined) return [];
  return validate(`${media.pointer}/schema`, example.value);
}

/** Our response key for an upstream status: the same code, else its range (`2XX`), else `default`. */
function matchStatus(keys, status) {
  return (
    keys.find((key) => key === status) ??
    keys.find((key) => key.toUpperCase() === `${status[0]}XX`) ??
    keys.find((key) => key === "default")
  );
}

/** Our media type for an upstream one: the same (ignoring case and parameters), else `type/*`, else `*\/*`. */
function matchMediaType(keys, mediaType) {
  const bare = (type) => type.split(";")[0].trim().toLowerCase();
  const wanted = bare(mediaType);
  return (
    keys.find((key) => bare(key) === wanted) ??
    keys.find((key) => bare(key) === `${wanted.split("/")[0]}/*`) ??
    keys.find((key) => bare(key) === "*/*")
  );
}

/** Every node of our spec that declares `x-payspec-reference`, with its pointer. */
function mirrorsOf(spec) {
  const mirrors = [];
  walk(spec, "", (node, pointer) => {
    if ("x-payspec-reference" in node) mirrors.push({ pointer, name: node["x-payspec-reference"], node });
  });
  return mirrors;
}

/** Reference schema name → pointers of our nodes whose x-payspec-source cites exactly that schema. */
function citationsOf(spec) {
  const citations = new Map();
  walk(spec, "", (node, pointer) => {
    const sources = [node["x-payspec-source"]].flat().filter((source) => typeof source === "string");
    for (const source of sources) {
      const name = source.match(/openapi_spec_v1\.json#\/components\/schemas\/([^/]+)$/)?.[1];
      if (name !== undefined) citations.set(name, [...(citations.get(name) ?? []), pointer]);
    }
  });
  return citations;
}

function walk(node, pointer, visit) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      walk(item, `${pointer}/${index}`, visit);
    });
    return;
  }
  if (node === null || typeof node !== "object") return;
  visit(node, pointer);
  for (const [key, value] of Object.entries(node)) {
    if (!dataKeys.has(key)) walk(value, `${pointer}/${pointerSegment(key)}`, visit);
  }
}

/** One mirror compared with the reference: its values, and a problem when they differ. */
function compareEnum(spec, facts, mirror) {
  const where = `${mirror.pointer} (x-payspec-reference: ${JSON.stringify(mirror.name)})`;
  if (typeof mirror.name !== "string" || !facts.schemas.includes(mirror.name)) {
    return { problem: `${where}: the reference has no schema of that name.` };
  }
  const fact = facts.enums[mirror.name];
  const ours = ourValues(spec, mirror.node, fact);
  const reached = facts.operations.some((operation) => operation.enums.includes(mirror.name));
  if (fact === undefined) {
    return ours === undefined
      ? { status: "not an enum", reached }
      : { status: "differs", reached, problem: `${where}: ours is an enum, the reference's schema is not.` };
  }
  if (ours === undefined) return { status: "open (no enum of ours)", reached };
  const missing = fact.values.filter((value) => !ours.includes(value));
  const extra = ours.filter((value) => !fact.values.includes(value));
  if (missing.length === 0 && extra.length === 0) return { status: "equal", reached };
  const parts = [
    missing.length > 0 ? `missing ${missing.map((value) => JSON.stringify(value)).join(", ")}` : "",
    extra.length > 0 ? `not in the reference ${extra.map((value) => JSON.stringify(value)).join(", ")}` : "",
  ].filter(Boolean);
  return {
    status: "differs",
    reached,
    problem: `${where}: values differ from the reference's ${mirror.name}: ${parts.join("; ")}.`,
  };
}

/**
 * The values our schema allows, read the way the fact was: a discriminated union's tags (from
 * each branch's tag property, or the object's own), else `enum`, `const`, or the union of its
 * branches' values. `null` is ignored (nullability is not an enum value). Undefined: no enum.
 */
function ourValues(spec, node, fact) {
  const schema = deref(spec, node).node;
  const own = (candidate) => {
    if (candidate === undefined) return undefined;
    const resolved = deref(spec, candidate).node;
    if (Array.isArray(resolved.enum)) return resolved.enum.filter((value) => value !== null);
    if ("const" in resolved) return [resolved.const].filter((value) => value !== null);
    return undefined;
  };
  const branches = (schema.oneOf ?? schema.anyOf ?? []).map((branch) => deref(spec, branch).node);
  if (fact?.discriminator !== undefined) {
    const tag = fact.discriminator;
    const fromBranches = branches.flatMap((branch) => own(propertiesOf(spec, branch)[tag]) ?? []);
    if (fromBranches.length > 0) return [...new Set(fromBranches)];
    return own(propertiesOf(spec, schema)[tag]);
  }
  const direct = own(schema);
  if (direct !== undefined) return direct;
  const fromBranches = branches.flatMap((branch) => own(branch) ?? []);
  return fromBranches.length > 0 ? [...new Set(fromBranches)] : undefined;
}

function propertiesOf(spec, schema) {
  const resolved = deref(spec, schema).node;
  const merged = { ...(resolved.properties ?? {}) };
  for (const part of resolved.allOf ?? []) Object.assign(merged, propertiesOf(spec, part));
  return merged;
}

/** Follows local `$ref`s; returns the node and the JSON pointer where it lives. */
export function deref(document, node, pointer = "") {
  let current = node;
  let at = pointer;
  for (let hops = 0; typeof current?.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || hops > 20) throw new Error(`Cannot follow $ref ${ref}`);
    const segments = ref
      .slice(2)
      .split("/")
      .map((segment) => decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~"));
    current = segments.reduce((parent, key) => parent?.[key], document);
    if (current === undefined) throw new Error(`Dangling $ref ${ref}`);
    at = pointerOf(...segments);
  }
  return { node: current, pointer: at };
}

/** One JSON pointer segment, escaped (`~0`, `~1`) and URI-encoded. */
export function pointerSegment(segment) {
  return encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"));
}

/** A JSON pointer (URI-fragment encoded, without the `#`). */
export function pointerOf(...segments) {
  return `/${segments.map(pointerSegment).join("/")}`;
}
