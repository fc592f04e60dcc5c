#!/usr/bin/env node
// Editor speed: how long `tsc` takes to type-check a strict consumer that calls every operation of the
// built @payspec/paymnt-cloud, with tsc's Instantiations, Types and Memory used. `pnpm bench` runs it
// last (compare.mjs starts it); it also runs on its own after a build. Prints one row against the
// target (≤ 2 × the 1.6 s baseline), writes .bench/typecheck.json and, with --markdown, puts its
// section in that file (bench-results.md under `pnpm bench`), replacing an earlier one.
//
//   node scripts/bench/typecheck.mjs [--runs 5] [--baseline 1.6] [--bodies every-field|required]
//                                    [--markdown bench-results.md] [--no-floor] [--keep]
//
// Method:
// - A fresh project in a temporary directory outside the workspace: package.json with "type": "module"
//   and a tsconfig as strict as a careful user's (strict, exactOptionalPropertyTypes,
//   noUncheckedIndexedAccess, skipLibCheck false, module and moduleResolution node16, lib ES2022 + DOM,
//   no @types). The built @payspec/paymnt-cloud and @payspec/core (package.json and dist) are copied
//   into its node_modules as an install would place them, openapi-fetch is linked to the workspace's
//   copy. The copy is checked against the workspace's dist (a rebuild elsewhere in the tree may be
//   rewriting it) and cannot change during the runs.
// - consumer.ts is generated from the built `paths` type, read with the TypeScript compiler API: one
//   exported function per operation calling `client.<METHOD>("<path>", init)` with object literals, as
//   a user writes them: every required path, query, header and cookie parameter, and the request body
//   whenever the operation has one (optional or not). With `--bodies every-field` (the default) a body
//   sets every one of its top-level fields; with `required`, only the required ones. Nested objects get
//   their required fields. Each value is the first one its type allows (an enum's first member, a
//   union's first non-null member, "x", 1, true, []). The function returns the call's `data` (one field
//   read when the success body is a single object type) and `error`, so the response types are
//   resolved too. No `any`, no casts: a value the types reject fails the run. New operations in the
//   spec become new calls without touching this script.
// - A warm-up `tsc` per project (not timed) must pass without errors. Then `runs` timed runs, each
//   `tsc -p … --extendedDiagnostics` in a fresh `node` process; wall time is from spawn to exit (Node's
//   start and loading TypeScript included, as in a cold editor or CI check). The process's CPU time
//   (user + system) and peak RSS are recorded too: on a busy machine CPU time moves less than wall time.
//   With the floor (the default), each run is paired with one of the same project importing the package
//   and calling nothing, in alternating order: the difference is what the calls cost.
// - Reported: median wall time with min–max, never best-of; Instantiations, Types and Memory used as
//   tsc reports them (the same in every run of the same input; the script checks).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { root } from "../packages.mjs";

const require = createRequire(join(root, "package.json"));
const ts = require("typescript");
const tscPath = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");

const argv = process.argv.slice(2);
function option(name, fallback) {
  const index = argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = argv[index + 1];
  if (typeof fallback === "string") return value ?? "";
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || (name === "runs" && !Number.isInteger(number))) {
    throw new Error(`--${name} needs a ${name === "runs" ? "whole " : ""}number above 0, got ${value}`);
  }
  return number;
}
const runs = option("runs", 5);
const baselineS = option("baseline", 1.6);
const targetS = 2 * baselineS;
const bodies = option("bodies", "every-field");
if (!["every-field", "required"].includes(bodies)) throw new Error(`--bodies every-field or required, got ${bodies}`);
const markdownOut = option("markdown", "");
const floor = !argv.includes("--no-floor");
const keep = argv.includes("--keep");

const packageName = "@payspec/paymnt-cloud";
const copied = {
  [packageName]: join(root, "packages", "paymnt-cloud"),
  "@payspec/core": join(root, "packages", "core"),
};
for (const dir of Object.values(copied)) {
  if (!existsSync(join(dir, "dist", "index.d.ts"))) {
    console.error(
      `${relative(root, dir)}/dist/index.d.ts is missing: build first (npx pnpm exec turbo run build --filter=${packageName}...)`,
    );
    process.exit(1);
  }
}

// The project, with the built packages copied in.
const work = mkdtempSync(join(tmpdir(), "payspec-typecheck-"));
const modules = join(work, "node_modules");
/** Hash of the copied packages' .d.ts files under `base(name)`; undefined when a dist is missing. */
function typesHashOf(base) {
  const hash = createHash("sha256");
  for (const name of Object.keys(copied)) {
    const dist = join(base(name), "dist");
    if (!existsSync(dist)) return undefined;
    for (const file of readdirSync(dist)
      .filter((file) => /\.d\.c?ts$/.test(file))
      .sort()) {
      hash.update(`${name}/${file}\0`).update(readFileSync(join(dist, file)));
    }
  }
  return hash.digest("hex").slice(0, 12);
}
let typesHash;
for (let attempt = 1; typesHash === undefined; attempt++) {
  for (const [name, dir] of Object.entries(copied)) {
    const target = join(modules, name);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(join(dir, "package.json"), join(target, "package.json"));
    cpSync(join(dir, "dist"), join(target, "dist"), { recursive: true });
  }
  const copy = typesHashOf((name) => join(modules, name));
  if (copy !== undefined && copy === typesHashOf((name) => copied[name])) typesHash = copy;
  else if (attempt === 10) throw new Error("the built types kept changing while being copied (is a rebuild running?)");
  else spawnSync("sleep", ["3"]);
}
symlinkSync(
  realpathSync(join(copied[packageName], "node_modules", "openapi-fetch")),
  join(modules, "openapi-fetch"),
  "dir",
);
writeFileSync(
  join(work, "package.json"),
  `${JSON.stringify({ name: "payspec-typecheck-bench", private: true, type: "module" }, null, 2)}\n`,
);
// Runs tsc (which reads process.argv.slice(2)) and reports its process's CPU time and peak RSS on exit.
writeFileSync(
  join(work, "run-tsc.cjs"),
  [
    "const tsc = process.argv.splice(2, 1)[0];",
    'process.on("exit", () => {',
    "  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();",
    '  process.stderr.write("\\npayspec-bench cpu-us " + (userCPUTime + systemCPUTime) + " max-rss-kb " + maxRSS + "\\n");',
    "});",
    "require(tsc);",
    "",
  ].join("\n"),
);
const compilerOptions = {
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  module: "Node16",
  moduleResolution: "Node16",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
  noEmit: true,
  types: [],
};
/** Writes `file` and a tsconfig.<name>.json that checks only it; returns the tsconfig's path. */
function writeProject(name, file, source) {
  writeFileSync(join(work, file), source);
  const config = join(work, `tsconfig.${name}.json`);
  writeFileSync(config, `${JSON.stringify({ compilerOptions, files: [file] }, null, 2)}\n`);
  return config;
}

// The built `paths` type, read through a probe file in the same project.
const probeConfig = writeProject(
  "probe",
  "probe.ts",
  `import type { paths } from "${packageName}";\nexport type Paths = paths;\n`,
);
const parsed = ts.getParsedCommandLineOfConfigFile(
  probeConfig,
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const probe = program.getSourceFile(join(work, "probe.ts"));
const probeErrors = ts.getPreEmitDiagnostics(program, probe);
if (probeErrors.length > 0) {
  const host = { getCanonicalFileName: (file) => file, getCurrentDirectory: () => work, getNewLine: () => "\n" };
  console.error(ts.formatDiagnostics(probeErrors, host));
  throw new Error(`cannot read ${packageName}'s paths type (the project is in ${work})`);
}
const checker = program.getTypeChecker();
const pathsType = checker.getTypeAtLocation(probe.statements.find(ts.isTypeAliasDeclaration).name);
const F = ts.TypeFlags;
const typeOf = (symbol) => checker.getTypeOfSymbol(symbol);
const isOptional = (symbol) => (symbol.flags & ts.SymbolFlags.Optional) !== 0;
/** Property `name` of `type`, its type without undefined; undefined when absent or `never`. */
function member(type, name) {
  const symbol = type?.getProperty(name);
  if (symbol === undefined) return undefined;
  const memberType = checker.getNonNullableType(typeOf(symbol));
  return memberType.flags & F.Never ? undefined : { symbol, type: memberType };
}

const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
/**
 * Source text of the first value `type` admits. Objects get their required properties, or every
 * property when `everyField` (that level only: nested objects get their required ones).
 */
function literalFor(type, where, everyField = false, depth = 0) {
  if (depth > 24) throw new Error(`${where}: nested too deep (a cycle of required fields?)`);
  const f = type.flags;
  if (f & F.StringLiteral) return JSON.stringify(type.value);
  if (f & F.NumberLiteral) return String(type.value);
  if (f & F.BooleanLiteral) return checker.typeToString(type);
  if (f & F.BigIntLiteral) return `${type.value.negative ? "-" : ""}${type.value.base10Value}n`;
  if (f & (F.String | F.Any | F.Unknown)) return '"x"';
  if (f & F.Number) return "1";
  if (f & F.Boolean) return "true";
  if (f & F.BigInt) return "1n";
  if (f & F.Null) return "null";
  if (f & F.TemplateLiteral) {
    const holes = type.types.map((hole) => (hole.flags & F.Number ? "1" : "x"));
    return JSON.stringify(type.texts.map((text, i) => text + (holes[i] ?? "")).join(""));
  }
  if (f & F.Union) {
    const errors = [];
    for (const candidate of type.types.filter((t) => !(t.flags & (F.Undefined | F.Null | F.Never)))) {
      try {
        return literalFor(candidate, where, everyField, depth + 1);
      } catch (error) {
        errors.push(error.message);
      }
    }
    if (type.types.some((t) => t.flags & F.Null)) return "null";
    throw new Error(`${where}: no member of ${checker.typeToString(type)} has a value (${errors.join("; ")})`);
  }
  if (f & (F.Object | F.Intersection)) {
    if (checker.isTupleType(type)) {
      const elements = checker.getTypeArguments(type).slice(0, type.target.minLength);
      return `[${elements.map((element, i) => literalFor(element, `${where}[${i}]`, false, depth + 1)).join(", ")}]`;
    }
    if (checker.isArrayType(type)) return "[]";
    if (type.getCallSignatures().length > 0) throw new Error(`${where}: a function type`);
    const fields = checker
      .getPropertiesOfType(type)
      .filter((symbol) => everyField || !isOptional(symbol))
      .map((symbol) => {
        const fieldType = isOptional(symbol) ? checker.getNonNullableType(typeOf(symbol)) : typeOf(symbol);
        return `${key(symbol.name)}: ${literalFor(fieldType, `${where}.${symbol.name}`, false, depth + 1)}`;
      });
    return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
  }
  throw new Error(`${where}: no value of type ${checker.typeToString(type)}`);
}

// One call per operation.
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const operations = [];
for (const pathSymbol of checker.getPropertiesOfType(pathsType)) {
  const path = pathSymbol.name;
  for (const method of methods) {
    const found = member(typeOf(pathSymbol), method);
    if (found === undefined) continue;
    const where = `${method.toUpperCase()} ${path}`;
    // `post: operations["createPayment"]` names the operation; otherwise name it after method and path.
    const declared = found.symbol.valueDeclaration?.type;
    const operationId =
      declared !== undefined && ts.isIndexedAccessTypeNode(declared) && ts.isLiteralTypeNode(declared.indexType)
        ? declared.indexType.literal.text
        : `${method}${path}`;
    const init = [];
    const parameters = member(found.type, "parameters");
    const params = [];
    for (const location of ["path", "query", "header", "cookie"]) {
      const part = member(parameters?.type, location);
      if (part !== undefined && !isOptional(part.symbol)) {
        params.push(`${location}: ${literalFor(part.type, `${where} ${location}`)}`);
      }
    }
    if (params.length > 0) init.push(`params: { ${params.join(", ")} }`);
    const content = member(member(found.type, "requestBody")?.type, "content");
    if (content !== undefined) {
      const mediaTypes = checker.getPropertiesOfType(content.type).map((symbol) => symbol.name);
      const mediaType = mediaTypes.includes("application/json") ? "application/json" : mediaTypes[0];
      const body = member(content.type, mediaType);
      if (body !== undefined) init.push(`body: ${literalFor(body.type, `${where} body`, bodies === "every-field")}`);
    }
    // Read one field of the success body when there is one JSON object type to read it from.
    let read = "data";
    const responses = member(found.type, "responses");
    const success = responses === undefined ? [] : checker.getPropertiesOfType(responses.type);
    success.splice(0, Infinity, ...success.filter((symbol) => /^2\d\d$/.test(symbol.name)));
    const json =
      success.length === 1 ? member(member(typeOf(success[0]), "content")?.type, "application/json") : undefined;
    if (
      json !== undefined &&
      !(json.type.flags & F.Union) &&
      !checker.isArrayType(json.type) &&
      !checker.isTupleType(json.type)
    ) {
      const [first] = checker.getPropertiesOfType(json.type);
      if (first !== undefined)
        read = key(first.name) === first.name ? `data?.${first.name}` : `data?.[${key(first.name)}]`;
    }
    operations.push({ method: method.toUpperCase(), path, name: operationId.replace(/\W+/g, "_"), init, read });
  }
}
if (operations.length === 0) throw new Error(`${packageName}'s paths type has no operations`);

const client = [
  `import { createPaymntCloudClient, type PaymntCloudClient } from "${packageName}";`,
  "",
  'export const client: PaymntCloudClient = createPaymntCloudClient({ apiKey: "sk_sandbox_x", environment: "sandbox" });',
];
const projects = {
  consumer: writeProject(
    "consumer",
    "consumer.ts",
    [
      `// Generated by scripts/bench/typecheck.mjs from ${packageName}'s built \`paths\` type: one call per operation.`,
      ...client,
      ...operations.flatMap(({ method, path, name, init, read }) => [
        "",
        `/** ${method} ${path} */`,
        `export async function ${name}(): Promise<unknown> {`,
        `  const { data, error } = await client.${method}(${JSON.stringify(path)}${init.length > 0 ? `, { ${init.join(", ")} }` : ""});`,
        `  return [${read}, error];`,
        "}",
      ]),
      "",
    ].join("\n"),
  ),
};
if (floor) {
  projects.floor = writeProject(
    "floor",
    "floor.ts",
    [`// The floor: the same project with ${packageName} imported and no operation called.`, ...client, ""].join("\n"),
  );
}

// Operations in the spec as it is now: the build may lag behind an edit in progress.
let specOperations;
try {
  const spec = parse(readFileSync(join(root, "specs", "paymnt-cloud", "openapi.yaml"), "utf8"));
  specOperations = Object.values(spec.paths ?? {}).reduce(
    (total, item) => total + methods.filter((method) => item?.[method] !== undefined).length,
    0,
  );
} catch {}

/** One `tsc` in a fresh process: wall and CPU time, peak RSS and the --extendedDiagnostics figures. */
function tsc(project, timed = true) {
  const args = [join(work, "run-tsc.cjs"), tscPath, "-p", projects[project]];
  if (timed) args.push("--extendedDiagnostics");
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: work, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallS = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`tsc failed on the ${project} project (exit ${result.status}); the project is kept in ${work}`);
  }
  const [, cpuUs, maxRssKb] = result.stderr.match(/payspec-bench cpu-us (\d+) max-rss-kb (\d+)/) ?? [];
  const figures = {};
  for (const line of result.stdout.split("\n")) {
    const match = line.match(/^([A-Za-z][\w .()/-]*?):\s+(\S+)\s*$/);
    if (match) figures[match[1]] = match[2];
  }
  return { wallS, cpuS: Number(cpuUs) / 1e6, maxRssMb: Number(maxRssKb) / 1024, figures };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), values });
const range = (s, digits = 2, unit = " s") =>
  `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const count = (value) => Number(value).toLocaleString("en-US");

const startedAt = new Date();
const loadAtStart = loadavg()[0];
let commit = "unknown";
try {
  commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "packages", "specs"], { cwd: root, encoding: "utf8" });
  if (dirty.stdout.trim() !== "") commit += " (packages/ or specs/ have uncommitted changes)";
} catch {}

console.log(
  `type-check bench: ${operations.length} operations of ${packageName} (types ${typesHash}), project in ${work}; a warm-up run, then ${runs} timed run${runs === 1 ? "" : "s"}${floor ? ", each paired with the floor (package imported, nothing called)" : ""}`,
);
const samples = Object.fromEntries(Object.keys(projects).map((project) => [project, []]));
try {
  for (const project of Object.keys(projects)) tsc(project, false);
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? Object.keys(projects) : Object.keys(projects).reverse();
    for (const project of order) samples[project].push(tsc(project));
    const line = Object.keys(projects).map((project) => {
      const { wallS, cpuS } = samples[project][run];
      return `${project} ${wallS.toFixed(2)} s (CPU ${cpuS.toFixed(2)} s)`;
    });
    console.log(`  run ${run + 1}/${runs}: ${line.join(", ")}`);
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const results = {};
for (const [project, list] of Object.entries(samples)) {
  const last = list.at(-1).figures;
  const differing = ["Instantiations", "Types"].filter((name) =>
    list.some((sample) => sample.figures[name] !== last[name]),
  );
  if (differing.length > 0) console.warn(`WARNING: ${project}: ${differing.join(" and ")} differ between runs`);
  results[project] = {
    wallS: summary(list.map((sample) => sample.wallS)),
    cpuS: summary(list.map((sample) => sample.cpuS)),
    maxRssMb: summary(list.map((sample) => sample.maxRssMb)),
    tscTotalS: summary(list.map((sample) => Number.parseFloat(sample.figures["Total time"]))),
    checkS: summary(list.map((sample) => Number.parseFloat(sample.figures["Check time"]))),
    instantiations: Number(last.Instantiations),
    types: Number(last.Types),
    memoryUsed: last["Memory used"],
    figures: last,
  };
}
const { consumer: measured } = results;
const met = measured.wallS.median <= targetS;
const cpu = cpus();
const header = `Measured ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC at commit ${commit}; ${packageName} types ${typesHash} (hash of the built .d.ts) with ${operations.length} operations${specOperations === undefined || specOperations === operations.length ? "" : ` (the spec has ${specOperations} now: the build is behind it)`}; TypeScript ${ts.version}, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end. ${runs} run${runs === 1 ? "" : "s"}, each \`tsc -p … --extendedDiagnostics\` in a fresh process, wall time from spawn to exit; bodies: ${bodies === "every-field" ? "every top-level field" : "required fields only"}.`;
const row = `type-check a consumer of the whole ${packageName}: ${range(measured.wallS)} (median, min–max), ${count(measured.instantiations)} instantiations — target ≤ 2× ${baselineS} s: ${met ? "met" : "not met"}`;
const details = [
  `${operations.length} calls; ${count(measured.types)} types, ${measured.memoryUsed} memory used (tsc), peak RSS ${range(measured.maxRssMb, 0, " MB")}; CPU time ${range(measured.cpuS)}; tsc's own total ${range(measured.tscTotalS)}, of which checking ${range(measured.checkS)}`,
  ...(floor
    ? [
        `floor (the package imported, nothing called): ${range(results.floor.wallS)}, CPU ${range(results.floor.cpuS)}, ${count(results.floor.instantiations)} instantiations, ${count(results.floor.types)} types, ${results.floor.memoryUsed}; the calls add ${(measured.wallS.median - results.floor.wallS.median).toFixed(2)} s wall, ${(measured.cpuS.median - results.floor.cpuS.median).toFixed(2)} s CPU and ${count(measured.instantiations - results.floor.instantiations)} instantiations`,
      ]
    : []),
];
console.log(`\n${header}\n\n${row}\n${details.map((line) => `  ${line}`).join("\n")}\n`);

mkdirSync(join(root, ".bench"), { recursive: true });
const json = { date: startedAt.toISOString(), node: process.version, typescript: ts.version, commit, typesHash };
Object.assign(json, { operations: operations.length, specOperations, bodies, runs, baselineS, targetS, met });
Object.assign(json, { compilerOptions, results, samples, calls: operations });
writeFileSync(join(root, ".bench", "typecheck.json"), `${JSON.stringify(json, null, 2)}\n`);
let wrote = ".bench/typecheck.json";
if (markdownOut !== "") {
  const path = resolve(root, markdownOut);
  const title = `## Type-check a consumer of the whole ${packageName}`;
  const section = [
    title,
    "",
    header,
    "",
    "| row | median (min–max) | target |",
    "| --- | ---: | --- |",
    `| type-check a consumer of the whole ${packageName}, ${operations.length} operations | ${range(measured.wallS)} | ≤ 2 × ${baselineS} s = ${targetS.toFixed(1)} s: ${met ? "**met**" : "**not met**"} |`,
    `| Instantiations / Types / Memory used (tsc) | ${count(measured.instantiations)} / ${count(measured.types)} / ${measured.memoryUsed} | — |`,
    ...(floor
      ? [
          `| floor: the package imported, nothing called | ${range(results.floor.wallS)}; ${count(results.floor.instantiations)} / ${count(results.floor.types)} / ${results.floor.memoryUsed} | — |`,
        ]
      : []),
    "",
    ...details.map((line) => `- ${line}`),
    "",
  ].join("\n");
  // Replace this section if the file has one already (a rerun), keep everything else.
  const existing = existsSync(path) ? readFileSync(path, "utf8") : "";
  const start = existing.indexOf(title);
  const end = start === -1 ? -1 : existing.indexOf("\n## ", start + title.length);
  const kept = start === -1 ? existing : existing.slice(0, start) + (end === -1 ? "" : existing.slice(end + 1));
  writeFileSync(path, `${kept.trim() === "" ? "" : `${kept.trimEnd()}\n\n`}${section}`);
  wrote += ` and ${relative(root, path)}`;
}
console.log(`wrote ${wrote}`);
if (keep) console.log(`kept the project in ${work}`);
else rmSync(work, { recursive: true, force: true });
