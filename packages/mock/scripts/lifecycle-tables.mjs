#!/usr/bin/env node
// Renders the README's stateful-mode tables from the specs, so they cannot drift from what the mock
// runs: one table per object of each spec's `x-payspec-lifecycle` (transitions, triggers, states,
// branches, events, refusals, provenance) and one of each provider's webhook delivery.
//
//   node scripts/lifecycle-tables.mjs            rewrite README.md between the markers
//   node scripts/lifecycle-tables.mjs --check    exit 1 when README.md is stale
//   --specs <dir>                                read <dir>/<provider>/openapi.yaml (default: the repository's specs/)
//
// test/readme.test.ts re-renders the tables and fails when the README differs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const repositorySpecs = fileURLToPath(new URL("../../../specs/", import.meta.url));
const readmePath = fileURLToPath(new URL("../README.md", import.meta.url));

/** The command that regenerates the tables, for messages. */
export const regenerate = "cd packages/mock && node scripts/lifecycle-tables.mjs";

export const markers = {
  lifecycle: ["<!-- lifecycle-tables:start -->", "<!-- lifecycle-tables:end -->"],
  webhooks: ["<!-- webhook-table:start -->", "<!-- webhook-table:end -->"],
};

/** The provider's name in headings: the spec's title without "API" (`Paymnt Cloud API` → `Paymnt Cloud`). */
export function providerName(document, fallback) {
  return String(document.info?.title ?? fallback).replace(/\s+(Core\s+)?API$/i, "");
}

/** Every spec under `specsDir` with an `x-payspec-lifecycle`, in directory order. */
function lifecycles(specsDir) {
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specsDir, entry.name, "openapi.yaml")))
    .map((entry) => entry.name)
    .sort()
    .map((provider) => {
      const document = parse(readFileSync(join(specsDir, provider, "openapi.yaml"), "utf8"));
      return { provider, name: providerName(document, provider), document, lifecycle: document["x-payspec-lifecycle"] };
    })
    .filter(({ lifecycle }) => lifecycle !== undefined);
}

// --- cells -------------------------------------------------------------------------------------

const cell = (text) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ");
const code = (text) => `\`${text}\``;
const list = (items) => items.map(code).join(", ");

/** An ISO 8601 duration, short: `PT10M` → `10 min`, `P3D` → `3 d`, `PT0.5S` → `0.5 s`. */
export function duration(iso) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso);
  if (match === null) return iso;
  const [, d, h, m, s] = match;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean);
  return parts.length === 0 ? "0 s" : parts.join(" ");
}

/** A ref, short: request and object fields by their last two names; other scopes keep theirs. */
function ref(path) {
  if (path.startsWith("request.header.")) return path.slice("request.header.".length);
  const scoped = ["request.body.", "object."].find((prefix) => path.startsWith(prefix));
  if (scoped === undefined) return path;
  return path.slice(scoped.length).split(".").slice(-2).join(".");
}

function value(expression) {
  if (expression === null) return "null";
  if (Array.isArray(expression)) {
    const shown = expression.length > 3 ? [...expression.slice(0, 2), `+${expression.length - 2}`] : expression;
    return shown.map(value).join(", ");
  }
  if (typeof expression !== "object") return String(expression);
  if (typeof expression.ref === "string") return ref(expression.ref);
  if (expression.now === true) return "now";
  const operators = { add: " + ", subtract: " − ", multiply: " × " };
  for (const [name, symbol] of Object.entries(operators)) {
    if (Array.isArray(expression[name])) return expression[name].map(value).join(symbol);
  }
  return "…";
}

const operators = { eq: "=", ne: "≠", in: "in", notIn: "not in", lt: "<", lte: "≤", gt: ">", gte: "≥" };

function condition({ ref: path, op, value: compared }) {
  if (op === "exists") return `${ref(path)} present`;
  if (op === "missing") return `${ref(path)} absent`;
  return `${ref(path)} ${operators[op] ?? op} ${value(compared)}`;
}

/** Provenance, short: each source as a link named by its file or page, then `inferred` if any. */
function provenance(rule, fallback) {
  const own = rule["x-payspec-source"] !== undefined || rule["x-payspec-inferred"] !== undefined;
  const from = own ? rule : fallback;
  const sources = [from["x-payspec-source"] ?? []].flat();
  const links = [];
  const seen = new Set();
  for (const url of sources) {
    const label =
      new URL(url).pathname
        .split("/")
        .filter((part) => part !== "")
        .at(-1) ?? new URL(url).host;
    if (seen.has(label)) continue;
    seen.add(label);
    links.push(`[${label}](${url})`);
  }
  if (from["x-payspec-inferred"] !== undefined) links.push("inferred");
  return links.join(", ");
}

function trigger(definition) {
  if (definition.operation !== undefined) return code(definition.operation);
  if (definition.control !== undefined) return `control ${code(definition.control)}`;
  if (definition.signal !== undefined) return `signal ${code(definition.signal)}`;
  if (definition.delivery !== undefined) {
    return `delivery of ${code(definition.delivery.event)} ${definition.delivery.outcome}`;
  }
  const clock = definition.clock ?? {};
  if (clock.at !== undefined) {
    return clock.before === undefined
      ? `clock at ${code(ref(clock.at))}`
      : `clock ${duration(clock.before)} before ${code(ref(clock.at))}`;
  }
  if (clock.after !== undefined) {
    const since =
      clock.since === undefined || clock.since === "state" ? "in the state" : `after ${code(ref(clock.since))}`;
    return `clock: ${duration(clock.after)} ${since}`;
  }
  return "—";
}

/** The merged body of a lifecycle error: its example with `body` laid over it. */
function errorBody(document, error) {
  const pointer = String(error.response ?? "").replace(/^#\//, "");
  let response = document;
  for (const part of pointer.split("/")) response = response?.[part];
  let example;
  for (const media of Object.values(response?.content ?? {})) {
    let found = media.examples?.[error.example];
    if (typeof found?.$ref === "string") {
      found = found.$ref
        .replace(/^#\//, "")
        .split("/")
        .reduce((node, part) => node?.[part], document);
    }
    if (found !== undefined) example = found.value;
  }
  const overlay = (base, over) => {
    if (over === undefined) return base;
    if (over === null || typeof over !== "object" || Array.isArray(over)) return over;
    const merged = { ...(typeof base === "object" && base !== null ? base : {}) };
    for (const [key, item] of Object.entries(over)) merged[key] = overlay(merged[key], item);
    return merged;
  };
  return overlay(example, error.body);
}

/** The first `code` string in a body, depth first (`error.code`, `code`). */
function codeOf(body) {
  if (body === null || typeof body !== "object") return undefined;
  if (typeof body.code === "string") return body.code;
  for (const item of Object.values(body)) {
    const found = codeOf(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

function refusal(document, lifecycle, name) {
  const error = lifecycle.errors?.[name];
  if (error === undefined) return code(name);
  const errorCode = codeOf(errorBody(document, error));
  return `${code(name)} ${error.status}${errorCode === undefined ? "" : ` ${errorCode}`}`;
}

function branchCell(branch, alone) {
  const target = branch.to === null || branch.to === undefined ? "stays" : code(branch.to);
  const when = (branch.when ?? []).map(condition).join(" and ");
  const parts = [when !== "" ? `${target} if ${when}` : alone ? target : `${target} otherwise`];
  for (const created of branch.creates ?? []) {
    parts.push(`creates ${code(created.object)}${created.state === undefined ? "" : ` (${created.state})`}`);
  }
  for (const sent of branch.signals ?? []) parts.push(`signals ${code(sent.signal)} to ${code(sent.object)}`);
  return parts.join("; ");
}

// --- tables ------------------------------------------------------------------------------------

function objectTable({ name, document, lifecycle }, kind, object) {
  const inferredEvents = new Set(
    Object.entries(lifecycle.webhooks?.events ?? {})
      .filter(([, event]) => event["x-payspec-inferred"] !== undefined)
      .map(([type]) => type),
  );
  const event = (type) => `${code(type)}${inferredEvents.has(type) ? "\\*" : ""}`;
  const served = Object.values(object.operations ?? {});
  const lines = [
    `#### ${name}: ${code(kind)}`,
    "",
    `States: ${list(object.states ?? [])}. ` +
      (served.length === 0 ? "" : `Served from the store: ${list(served)}. `) +
      (object.notFound === undefined ? "" : `Unknown id: ${refusal(document, lifecycle, object.notFound)}.`),
    "",
  ];
  const transitions = object.transitions ?? [];
  if (transitions.length === 0) {
    lines.push("No transitions.", "");
    return { lines, inferred: false };
  }
  lines.push(
    "| Transition | Trigger | From | To | Emits | Refused | Source |",
    "| ---------- | ------- | ---- | -- | ----- | ------- | ------ |",
  );
  let inferred = false;
  for (const transition of transitions) {
    const refusals = [
      ...(transition.refuse === undefined ? [] : [`other states: ${refusal(document, lifecycle, transition.refuse)}`]),
      ...(transition.guards ?? []).map((guard) => refusal(document, lifecycle, guard.refuse)),
    ];
    const branches = transition.branches ?? [];
    branches.forEach((branch, index) => {
      // A created object's own events (a dispute the network opened) follow the branch's.
      const emits = [...(branch.emits ?? []), ...(branch.creates ?? []).flatMap((created) => created.emits ?? [])];
      if (emits.some((type) => inferredEvents.has(type))) inferred = true;
      const first = index === 0;
      const row = [
        first ? code(transition.name) : "",
        first ? trigger(transition.trigger ?? {}) : "",
        first ? (transition.from === undefined ? "—" : list(transition.from)) : "",
        branchCell(branch, branches.length === 1),
        emits.length === 0 ? "—" : emits.map(event).join(", "),
        first ? refusals.join("; ") : "",
        provenance(branch, transition),
      ];
      lines.push(`| ${row.map(cell).join(" | ")} |`);
    });
  }
  lines.push("");
  return { lines, inferred };
}

/** The lifecycle tables: one per object kind of each provider. */
export function renderLifecycleTables(specsDir = repositorySpecs) {
  const out = [];
  for (const spec of lifecycles(specsDir)) {
    let inferred = false;
    for (const [kind, object] of Object.entries(spec.lifecycle.objects ?? {})) {
      const table = objectTable(spec, kind, object);
      out.push(...table.lines);
      inferred ||= table.inferred;
    }
    if (inferred) {
      out.push("\\* an event name payspec inferred: the provider's pages do not list it.", "");
    }
  }
  return out.join("\n").trimEnd();
}

function schedule(waits) {
  const runs = [];
  for (const wait of waits.map(duration)) {
    const last = runs.at(-1);
    if (last?.wait === wait) last.count++;
    else runs.push({ wait, count: 1 });
  }
  const text = runs.map(({ wait, count }) => (count === 1 ? wait : `${count} × ${wait}`)).join(", ");
  return waits.length === 0 ? "none" : `${text} (${waits.length} retries)`;
}

/** The webhook delivery table: one row per provider, from each lifecycle's `webhooks`. */
export function renderWebhookTable(specsDir = repositorySpecs) {
  const lines = [
    "| Provider | Delivered to | Signature | Retries after (provider time) | Retried on | Acknowledged by | Source |",
    "| -------- | ------------ | --------- | ----------------------------- | ---------- | --------------- | ------ |",
  ];
  for (const { name, lifecycle } of lifecycles(specsDir)) {
    const webhooks = lifecycle.webhooks ?? {};
    const signature = webhooks.signature ?? { scheme: "none" };
    const retry = webhooks.retry ?? {};
    const endpoints = webhooks.targets?.endpoints;
    const targets = [
      ...(webhooks.targets?.configured === false ? [] : ["`webhooks.url`"]),
      ...(endpoints === undefined
        ? []
        : [
            `endpoints registered with ${code(endpoints.operations.create)} (filtered by ${code(endpoints.eventsField)})`,
          ]),
    ];
    const signed =
      signature.scheme === "none"
        ? "unsigned"
        : [
            `HMAC-${String(signature.algorithm).toUpperCase()} ${signature.encoding} of ${code(signature.signed)} in ${code(signature.header)}`,
            ...(signature.timestampHeader === undefined ? [] : [`timestamp in ${code(signature.timestampHeader)}`]),
            ...(signature.headers === undefined ? [] : [`with ${list(Object.keys(signature.headers))}`]),
          ].join("; ");
    const retryOn = retry.retryOn ?? ["3xx", "4xx", "5xx", "timeout", "network"];
    const acknowledged = `${retry.success === "200" ? "exactly 200" : "any 2xx"} within ${duration(retry.timeout ?? "PT10S")}`;
    const row = [
      name,
      targets.join(" and "),
      signed,
      schedule(retry.schedule ?? []),
      retryOn.length === 5 ? "any failure" : retryOn.join(", "),
      acknowledged,
      `signature: ${provenance(signature, {})}; retries: ${provenance(retry, {})}`,
    ];
    lines.push(`| ${row.map(cell).join(" | ")} |`);
  }
  return lines.join("\n");
}

/** `readme` with both generated regions rendered from `specsDir`. */
export function renderReadme(readme, specsDir = repositorySpecs) {
  const replace = (text, [start, end], body) => {
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from === -1 || to < from) throw new Error(`README.md has no ${start} … ${end} region.`);
    return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
  };
  return replace(
    replace(readme, markers.lifecycle, renderLifecycleTables(specsDir)),
    markers.webhooks,
    renderWebhookTable(specsDir),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const specsAt = args.indexOf("--specs");
  const specsDir = specsAt === -1 ? repositorySpecs : args[specsAt + 1];
  const readme = readFileSync(readmePath, "utf8");
  const rendered = renderReadme(readme, specsDir);
  if (args.includes("--check")) {
    if (rendered !== readme) {
      console.error(`packages/mock/README.md: the lifecycle tables are stale; run \`${regenerate}\`.`);
      process.exit(1);
    }
  } else if (rendered !== readme) {
    writeFileSync(readmePath, rendered);
    console.log("packages/mock/README.md: lifecycle and webhook tables regenerated.");
  }
}
