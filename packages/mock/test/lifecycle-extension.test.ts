/**
 * Keeps each spec's `x-payspec-lifecycle` honest before the stateful engine exists: the extension
 * validates against the JSON Schema printed in docs/stateful-mock.md, and everything it names is
 * in the spec — operations, states (the object's status enum), error responses and examples (the
 * declared error body still validating against the response's schema), webhook events (the
 * provider's event enum or documented names) and payload schemas — and every rule says where it
 * comes from (`x-payspec-source`) or why it is believed (`x-payspec-inferred`, a real sentence).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const providers = ["paymend", "paymnt-cloud", "paymentkit", "vaiipay"] as const;
const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

// biome-ignore lint/suspicious/noExplicitAny: specs and the extension are walked as plain JSON
type Json = any;

/** The JSON Schema of the extension, as docs/stateful-mock.md prints it (one source of truth). */
function lifecycleSchema(): Json {
  const doc = readFileSync(join(root, "docs", "stateful-mock.md"), "utf8");
  const match = /<!-- lifecycle-schema:start -->\s*```json\n([\s\S]*?)```\s*<!-- lifecycle-schema:end -->/.exec(doc);
  if (!match?.[1]) throw new Error("docs/stateful-mock.md has no lifecycle-schema block");
  return JSON.parse(match[1]);
}

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  for (const format of ["int32", "int64", "uri-template"]) ajv.addFormat(format, true);
  return ajv;
}

function resolvePointer(document: Json, pointer: string): Json {
  let node = document;
  for (const raw of pointer.replace(/^#\//, "").split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === undefined || node === null) return undefined;
    node = node[segment];
  }
  return node;
}

/** Follows `$ref`s (and a lone `allOf` entry) to the schema they point at. */
function deref(document: Json, node: Json): Json {
  let current = node;
  for (let i = 0; i < 20 && current && typeof current === "object"; i++) {
    if (typeof current.$ref === "string") current = resolvePointer(document, current.$ref);
    else if (Array.isArray(current.allOf) && current.allOf.length === 1 && !current.enum) current = current.allOf[0];
    else break;
  }
  return current;
}

/** The enum of a status property, through `$ref`s, `anyOf` and `allOf`. */
function statusEnum(document: Json, schema: Json, field: string): string[] | undefined {
  const object = deref(document, schema);
  const candidates = [object, ...(object?.allOf ?? []).map((s: Json) => deref(document, s))];
  for (const candidate of candidates) {
    const property = candidate?.properties?.[field];
    if (!property) continue;
    const resolved = deref(document, property);
    if (Array.isArray(resolved?.enum)) return resolved.enum;
    for (const variant of [...(resolved?.anyOf ?? []), ...(resolved?.oneOf ?? [])]) {
      const inner = deref(document, variant);
      if (Array.isArray(inner?.enum)) return inner.enum;
    }
  }
  return undefined;
}

function operations(document: Json): Map<string, Json> {
  const found = new Map<string, Json>();
  for (const item of Object.values<Json>(document.paths ?? {})) {
    for (const method of methods) {
      const operation = item?.[method];
      if (operation?.operationId) found.set(operation.operationId, operation);
    }
  }
  return found;
}

/** Replaces `{object.status}`-style placeholders with a sample, as the engine fills them in. */
function fillPlaceholders(value: Json): Json {
  if (typeof value === "string") return value.replace(/\{[^}]+\}/g, "sample");
  if (Array.isArray(value)) return value.map(fillPlaceholders);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v)]));
  }
  return value;
}

/** The example body with the error's own fields laid over it (objects merged, `null` drops a key). */
function merge(base: Json, over: Json): Json {
  if (over && typeof over === "object" && !Array.isArray(over) && base && typeof base === "object") {
    const out: Json = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (value === null) delete out[key];
      else out[key] = merge(base[key], value);
    }
    return out;
  }
  return over === undefined ? base : over;
}

/** Every place in a lifecycle that is a rule and so must carry its provenance. */
function rules(lifecycle: Json): Array<{ where: string; rule: Json }> {
  const found: Array<{ where: string; rule: Json }> = [];
  if (lifecycle.controlHeader) found.push({ where: "controlHeader", rule: lifecycle.controlHeader });
  for (const [name, error] of Object.entries<Json>(lifecycle.errors ?? {}))
    found.push({ where: `errors.${name}`, rule: error });
  const webhooks = lifecycle.webhooks ?? {};
  for (const part of ["targets", "signature", "retry", "envelope"]) {
    if (webhooks[part]) found.push({ where: `webhooks.${part}`, rule: webhooks[part] });
  }
  for (const [name, event] of Object.entries<Json>(webhooks.events ?? {}))
    found.push({ where: `webhooks.events.${name}`, rule: event });
  for (const [name, object] of Object.entries<Json>(lifecycle.objects ?? {})) {
    found.push({ where: `objects.${name}`, rule: object }, { where: `objects.${name}.id`, rule: object.id });
    for (const transition of object.transitions ?? []) {
      const at = `objects.${name}.${transition.name}`;
      found.push({ where: at, rule: transition });
      for (const [i, guard] of (transition.guards ?? []).entries()) {
        found.push({ where: `${at}.guards[${i}]`, rule: guard });
      }
      for (const [i, branch] of transition.branches.entries()) {
        found.push({ where: `${at}.branches[${branch.name ?? i}]`, rule: branch });
      }
    }
  }
  return found;
}

/** Every `ref` string anywhere under a node. */
function refsIn(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, out);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "ref" || key === "idFrom") && typeof value === "string") out.push(value);
      else refsIn(value, out);
    }
  }
  return out;
}

const schema = lifecycleSchema();

describe.each(providers)("x-payspec-lifecycle of %s", (provider) => {
  const document: Json = parse(readFileSync(join(root, "specs", provider, "openapi.yaml"), "utf8"));
  const lifecycle: Json = document["x-payspec-lifecycle"];
  const ops = operations(document);
  const ajv = newAjv();
  ajv.addSchema(document, "spec");

  it("is declared and validates against the design's JSON Schema", () => {
    expect(lifecycle, "no x-payspec-lifecycle at the spec's root").toBeTypeOf("object");
    const validate = newAjv().compile(schema);
    const valid = validate(lifecycle);
    expect(valid ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it("gives every rule a source or a reason of at least 20 characters", () => {
    const missing = rules(lifecycle)
      .filter(({ rule }) => {
        const source = rule?.["x-payspec-source"];
        const reason = rule?.["x-payspec-inferred"];
        const sourced = typeof source === "string" || (Array.isArray(source) && source.length > 0);
        return !sourced && !(typeof reason === "string" && reason.trim().length >= 20);
      })
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });

  it("names only operations the spec has", () => {
    const named: string[] = [];
    for (const object of Object.values<Json>(lifecycle.objects)) {
      named.push(...Object.values<string>(object.operations ?? {}));
      for (const transition of object.transitions) {
        if (transition.trigger.operation) named.push(transition.trigger.operation);
      }
    }
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !ops.has(id))).toEqual([]);
  });

  it("names only states of each object's status enum, and every state it lists is reachable or initial", () => {
    const problems: string[] = [];
    for (const [name, object] of Object.entries<Json>(lifecycle.objects)) {
      const schemaNode = resolvePointer(document, object.schema);
      if (!schemaNode) {
        problems.push(`${name}: no schema at ${object.schema}`);
        continue;
      }
      const allowed = statusEnum(document, schemaNode, object.statusField);
      if (!allowed) {
        problems.push(`${name}: ${object.schema}.${object.statusField} has no enum`);
        continue;
      }
      for (const state of object.states)
        if (!allowed.includes(state)) problems.push(`${name}: state ${state} not in the spec's enum`);
      const used = new Set<string>();
      for (const transition of object.transitions) {
        for (const state of transition.from ?? []) used.add(state);
        for (const branch of transition.branches) if (branch.to !== null) used.add(branch.to);
      }
      for (const [other, target] of Object.entries<Json>(lifecycle.objects)) {
        for (const transition of target.transitions) {
          for (const branch of transition.branches) {
            for (const created of branch.creates ?? []) {
              if (created.object === name && created.state) used.add(created.state);
              if (!lifecycle.objects[created.object])
                problems.push(`${other}: creates unknown object ${created.object}`);
            }
          }
        }
      }
      for (const state of used)
        if (!object.states.includes(state)) problems.push(`${name}: uses ${state}, not in its states`);
      const reached = new Set<string>();
      for (const transition of object.transitions)
        for (const branch of transition.branches) if (branch.to) reached.add(branch.to);
      for (const state of object.states)
        if (!reached.has(state) && !used.has(state)) problems.push(`${name}: ${state} is never reached`);
    }
    expect(problems).toEqual([]);
  });

  it("declares every error on the operations that answer it, with an existing example, and a body the response schema accepts", () => {
    const problems: string[] = [];
    for (const [name, error] of Object.entries<Json>(lifecycle.errors)) {
      const response = resolvePointer(document, error.response);
      if (!response) {
        problems.push(`${name}: no response at ${error.response}`);
        continue;
      }
      const media = Object.values<Json>(response.content ?? {})[0];
      const example = media?.examples?.[error.example];
      if (!example) {
        problems.push(`${name}: ${error.response} has no example ${error.example}`);
        continue;
      }
      const exampleValue = example.$ref ? resolvePointer(document, example.$ref)?.value : example.value;
      const body = fillPlaceholders(merge(exampleValue, error.body));
      const validate = ajv.compile({
        $ref: `spec${error.response}/content/${String(Object.keys(response.content)[0]).replace(/\//g, "~1")}/schema`,
      });
      if (!validate(body))
        problems.push(`${name}: body does not match the response schema: ${ajv.errorsText(validate.errors)}`);
    }
    const uses = (operationId: string | undefined, errorName: string, where: string) => {
      const error = lifecycle.errors[errorName];
      if (!error) {
        problems.push(`${where}: unknown error ${errorName}`);
        return;
      }
      if (!operationId) return;
      const declared = ops.get(operationId)?.responses?.[String(error.status)];
      if (!declared) problems.push(`${where}: ${operationId} declares no ${error.status}`);
      else if (declared.$ref !== error.response) {
        problems.push(
          `${where}: ${operationId}'s ${error.status} is ${declared.$ref ?? "inline"}, not ${error.response}`,
        );
      }
    };
    for (const [name, object] of Object.entries<Json>(lifecycle.objects)) {
      if (object.notFound) {
        for (const kind of ["retrieve", "update", "delete"]) {
          if (object.operations[kind]) uses(object.operations[kind], object.notFound, `${name}.notFound`);
        }
      }
      for (const transition of object.transitions) {
        const operationId = transition.trigger.operation;
        if (transition.refuse) uses(operationId, transition.refuse, `${name}.${transition.name}`);
        const partial = transition.from?.length < object.states.length;
        if (partial && !transition.refuse && operationId)
          problems.push(`${name}.${transition.name}: an operation with from-states needs refuse`);
        for (const guard of transition.guards ?? [])
          uses(operationId, guard.refuse, `${name}.${transition.name} guard`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("emits only events the spec names, each with a payload schema in the spec", () => {
    const problems: string[] = [];
    const webhooks = lifecycle.webhooks;
    const eventTypes = resolvePointer(document, webhooks.eventTypes);
    if (!eventTypes) problems.push(`no event type schema at ${webhooks.eventTypes}`);
    // An event enum closes the list; an open event type lists its names in prose, examples, the
    // webhooks section's keys or a payload's `const` — a name found nowhere must be marked inferred.
    const documented = JSON.stringify([
      eventTypes,
      document.webhooks ? Object.keys(document.webhooks) : [],
      document.webhooks,
    ]);
    for (const [name, event] of Object.entries<Json>(webhooks.events)) {
      if (Array.isArray(eventTypes?.enum)) {
        if (!eventTypes.enum.includes(name)) problems.push(`event ${name} is not in ${webhooks.eventTypes}'s enum`);
      } else if (!documented.includes(name) && !event["x-payspec-inferred"]) {
        problems.push(`event ${name} is named nowhere in the spec and not marked x-payspec-inferred`);
      }
      if (!resolvePointer(document, event.payload)) problems.push(`event ${name}: no schema at ${event.payload}`);
      if (!lifecycle.objects[event.object]) problems.push(`event ${name}: unknown object ${event.object}`);
    }
    for (const [name, object] of Object.entries<Json>(lifecycle.objects)) {
      for (const transition of object.transitions) {
        const delivered = transition.trigger.delivery?.event;
        if (delivered && !webhooks.events[delivered])
          problems.push(`${name}.${transition.name}: delivery of unknown event ${delivered}`);
        for (const branch of transition.branches) {
          for (const event of branch.emits ?? []) {
            if (!webhooks.events[event]) problems.push(`${name}.${transition.name}: emits undeclared ${event}`);
            else if (webhooks.events[event].object !== name)
              problems.push(`${name}.${transition.name}: ${event} carries ${webhooks.events[event].object}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("wires signals, parents and the control header consistently", () => {
    const problems: string[] = [];
    const header = lifecycle.controlHeader;
    for (const [name, object] of Object.entries<Json>(lifecycle.objects)) {
      if (object.parent && !lifecycle.objects[object.parent.object])
        problems.push(`${name}: unknown parent ${object.parent.object}`);
      for (const ref of refsIn(object)) {
        if (ref.startsWith("parent") && !object.parent) problems.push(`${name}: ${ref} without a parent`);
        const headerName = /^request\.header\.(.+)$/.exec(ref)?.[1];
        if (headerName?.startsWith("X-Payspec-") && headerName !== header?.name)
          problems.push(`${name}: ${headerName} is not the declared control header`);
      }
      for (const transition of object.transitions) {
        for (const condition of (transition.branches ?? []).flatMap((b: Json) => b.when ?? [])) {
          if (condition.ref !== `request.header.${header?.name}`) continue;
          const values = Array.isArray(condition.value) ? condition.value : [condition.value];
          for (const value of values) {
            if (!header.values.includes(value))
              problems.push(`${name}.${transition.name}: ${header.name} value ${value} is not declared`);
          }
        }
        for (const branch of transition.branches) {
          for (const signal of branch.signals ?? []) {
            const target = lifecycle.objects[signal.object];
            const receives = target?.transitions.some((t: Json) => t.trigger.signal === signal.signal);
            if (!receives)
              problems.push(`${name}.${transition.name}: nobody receives signal ${signal.signal} on ${signal.object}`);
          }
        }
      }
    }
    for (const id of Object.values<string>(lifecycle.webhooks.targets?.endpoints?.operations ?? {})) {
      if (!ops.has(id)) problems.push(`webhook endpoints: no operation ${id}`);
    }
    expect(problems).toEqual([]);
  });
});
