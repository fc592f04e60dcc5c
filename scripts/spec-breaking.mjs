#!/usr/bin/env node
// Spec changes are releases: compares every specs/<provider>/openapi.yaml with the same file at the
// provider package's latest release tag (`<package>@x.y.z`, highest semver) and fails when the spec
// breaks clients while no pending changeset declares a major bump for that package.
//
//   node scripts/spec-breaking.mjs                 baseline: each package's latest release tag
//   node scripts/spec-breaking.mjs --base <ref>    baseline: <ref> (for example a PR's merge base)
//
// The comparison is `redocly diff` (pinned @redocly/cli, `diff-recommended` rules), which resolves
// $refs and rates each change by the direction it is used in: a narrowed enum breaks a request but
// not a response, a widened type breaks a response but not a request. This script turns its JSON
// report into one line per breaking change naming the operation(s) and the spec location, and applies
// the release rule. A breaking change is accepted when a pending `.changeset/*.md` declares `major`
// for the package, or when the package's version is already a major above the baseline's (the
// "Version packages" pull request, which consumes the changesets).
//
// Exit codes: 0 pass, 1 breaking changes without a major bump, 2 usage or tool error.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isSeq, LineCounter, parse, parseDocument, stringify } from "yaml";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const USAGE = "usage: node scripts/spec-breaking.mjs [--base <git-ref>]";

class UsageError extends Error {}

function git(cwd, args, { allowFailure = false } = {}) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    if (allowFailure) return null;
    throw new UsageError(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

export function parseArgs(argv) {
  const options = { base: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--base") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) throw new UsageError(`--base needs a git ref\n${USAGE}`);
      options.base = value;
    } else if (arg.startsWith("--base=")) {
      options.base = arg.slice("--base=".length);
      if (!options.base) throw new UsageError(`--base needs a git ref\n${USAGE}`);
    } else {
      throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}

// --- semver, tags and changesets -------------------------------------------------------------

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseSemver(version) {
  const match = SEMVER.exec(version ?? "");
  if (!match) return null;
  return { major: +match[1], minor: +match[2], patch: +match[3], pre: match[4]?.split(".") ?? [] };
}

export function compareSemver(a, b) {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) throw new Error(`not a semver version: ${x ? b : a}`);
  for (const key of ["major", "minor", "patch"]) if (x[key] !== y[key]) return x[key] - y[key];
  // A release sorts above its prereleases; prerelease identifiers compare numerically when numeric.
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return +p - +q;
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** The highest-semver `<name>@x.y.z` tag, or null when the package was never released. */
export function latestReleaseTag(cwd, name) {
  const prefix = `${name}@`;
  const tags = git(cwd, ["tag", "--list", `${prefix}*`])
    .split("\n")
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith(prefix) && parseSemver(tag.slice(prefix.length)));
  if (tags.length === 0) return null;
  tags.sort((a, b) => compareSemver(a.slice(prefix.length), b.slice(prefix.length)));
  const tag = tags.at(-1);
  return { tag, version: tag.slice(prefix.length) };
}

/** Pending changesets: package name -> [{ file, bump }]. */
export function pendingChangesets(cwd) {
  const dir = join(cwd, ".changeset");
  const bumps = new Map();
  if (!existsSync(dir)) return bumps;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".md") || file.toLowerCase() === "readme.md") continue;
    const text = readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n");
    const match = /^---\n([\s\S]*?)\n---/.exec(text);
    if (!match) continue;
    const frontmatter = parse(match[1]) ?? {};
    for (const [name, bump] of Object.entries(frontmatter)) {
      if (!bumps.has(name)) bumps.set(name, []);
      bumps.get(name).push({ file: `.changeset/${file}`, bump: String(bump) });
    }
  }
  return bumps;
}

// --- specs at a git ref ----------------------------------------------------------------------

function readAtRef(cwd, ref, path) {
  return git(cwd, ["show", `${ref}:${path}`], { allowFailure: true });
}

/** Writes the spec's directory as it was at `ref` into `dest` (so relative $refs keep working). */
function extractDirAtRef(cwd, ref, dir, dest) {
  const files = git(cwd, ["ls-tree", "-r", "--name-only", ref, "--", `${dir}/`])
    .split("\n")
    .filter(Boolean);
  for (const file of files) {
    const target = join(dest, file);
    mkdirSync(dirname(target), { recursive: true });
    const blob = spawnSync("git", ["show", `${ref}:${file}`], { cwd, maxBuffer: 64 * 1024 * 1024 });
    if (blob.status !== 0) throw new UsageError(`git show ${ref}:${file} failed: ${blob.stderr}`);
    writeFileSync(target, blob.stdout);
  }
}

// --- payspec's own extensions ----------------------------------------------------------------

/**
 * A copy of a spec without payspec's `x-payspec-*` extensions (provenance, decisions, lifecycles):
 * they describe the spec, not the wire, and redocly diff would otherwise take an inline parameter
 * that gained one for a removed parameter plus an added one. Written beside the original, so
 * relative `$ref`s keep resolving. Other `x-` keys (a header named `x-request-id`) are kept.
 */
export function withoutPayspecExtensions(text) {
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => !key.startsWith("x-payspec-"))
        .map(([key, value]) => [key, strip(value)]),
    );
  };
  return stringify(strip(parse(text)), { lineWidth: 0 });
}

/** The line of a JSON pointer in a YAML text, for messages that point into the original file. */
export function lineFinder(text) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return (pointer) => {
    let node = document.contents;
    for (const segment of decodePointer(pointer ?? "")) {
      if (isMap(node)) node = node.items.find((pair) => String(pair.key?.value ?? pair.key) === segment)?.value;
      else if (isSeq(node)) node = node.items[Number(segment)];
      else return undefined;
      if (node === undefined || node === null) return undefined;
    }
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
}

/** Opening a schema (`additionalProperties: false` dropped or widened) lets more through: never breaking. */
function isOpening(change) {
  return (
    (change.property === "additionalProperties" || change.property === "unevaluatedProperties") &&
    change.base?.value === false &&
    change.revision?.value !== false
  );
}

// --- redocly diff ----------------------------------------------------------------------------

function redoclyBin() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@redocly/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin.redocly;
  return join(dirname(manifestPath), bin);
}

function redoclyDiff(cwd, baseFile, revisionFile, workDir) {
  const config = join(workDir, "redocly-diff.yaml");
  writeFileSync(config, "extends:\n  - diff-recommended\n");
  const output = join(workDir, "diff.json");
  const args = [redoclyBin(), "diff", baseFile, revisionFile, "--config", config, "--lint-config", "off"];
  args.push("--format", "json", "--fail-on", "none", "--output", output);
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
    },
  });
  if (result.error) throw result.error;
  const report = result.status === 0 && existsSync(output) ? JSON.parse(readFileSync(output, "utf8")) : null;
  if (!report || !Array.isArray(report.changes)) {
    throw new UsageError(
      `redocly diff ${baseFile} ${revisionFile} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return report;
}

// --- naming operations -----------------------------------------------------------------------

const decodePointer = (pointer) =>
  pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((segment, index) => index > 0 || segment !== "")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));

const encodeSegment = (segment) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** `POST /payments (createPayment)`, or `webhook event POST (…)` for an operation under `webhooks`. */
function operationLabel(section, key, method, operation) {
  const where = section === "paths" ? `${method.toUpperCase()} ${key}` : `webhook ${key} ${method.toUpperCase()}`;
  return operation?.operationId ? `${where} (${operation.operationId})` : where;
}

/** Every operation (paths and webhooks) with a label and the components it reaches through $refs. */
function indexOperations(doc) {
  const operations = new Map();
  const closures = new Map();
  const resolvePointer = (pointer) => {
    let node = doc;
    for (const segment of decodePointer(pointer)) node = node?.[segment];
    return node;
  };
  const componentOf = (ref) => {
    const segments = decodePointer(ref);
    return segments[0] === "components" && segments.length >= 3
      ? `#/components/${encodeSegment(segments[1])}/${encodeSegment(segments[2])}`
      : null;
  };
  // Components reachable from a node; cycles are cut by marking a component before descending.
  const collect = (node, into) => {
    if (Array.isArray(node)) {
      for (const item of node) collect(item, into);
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) {
          const component = componentOf(value);
          if (component && !into.has(component)) {
            into.add(component);
            if (!closures.has(component)) {
              const own = new Set([component]);
              closures.set(component, own);
              collect(resolvePointer(component), own);
            }
            for (const reached of closures.get(component)) into.add(reached);
          }
        } else {
          collect(value, into);
        }
      }
    }
  };
  for (const section of ["paths", "webhooks"]) {
    for (const [key, item] of Object.entries(doc?.[section] ?? {})) {
      if (!item || typeof item !== "object") continue;
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation || typeof operation !== "object") continue;
        const label = operationLabel(section, key, method, operation);
        const reaches = new Set();
        collect(item.parameters, reaches);
        collect(operation, reaches);
        operations.set(`#/${section}/${encodeSegment(key)}/${method}`, { label, reaches, section, key });
      }
    }
  }
  return { operations, componentOf };
}

/** The operations a JSON pointer into the document belongs to. */
function operationsAt(index, pointer) {
  const segments = decodePointer(pointer);
  if (segments[0] === "paths" || segments[0] === "webhooks") {
    const itemPointer = `#/${segments[0]}/${encodeSegment(segments[1] ?? "")}`;
    if (segments[2] && METHODS.includes(segments[2])) {
      const operation = index.operations.get(`${itemPointer}/${segments[2]}`);
      return operation ? [operation] : [];
    }
    return [...index.operations.entries()].filter(([key]) => key.startsWith(`${itemPointer}/`)).map(([, op]) => op);
  }
  const component = index.componentOf(pointer);
  if (!component) return [];
  return [...index.operations.values()].filter((operation) => operation.reaches.has(component));
}

function listLabels(operations, limit = 3) {
  const labels = [...new Set(operations.map((operation) => operation.label))];
  const shown = labels.slice(0, limit).join(", ");
  return labels.length > limit ? `${shown} and ${labels.length - limit} more` : shown;
}

/**
 * One line per breaking change: the operation(s), redocly's message, and where in which file.
 * `sides` maps an absolute file path to { label, index } for the baseline and the revision.
 */
export function describeBreakingChanges(report, { cwd, sides }) {
  const lines = [];
  const sideOf = (file) => sides.get(resolve(cwd, file ?? "")) ?? null;
  for (const change of report.changes) {
    if (isOpening(change)) continue;
    for (const verdict of change.verdicts ?? []) {
      if (verdict.impact !== "major") continue;
      const location = verdict.location ?? {};
      const side = sideOf(location.file) ?? sideOf(change.revision?.file) ?? sideOf(change.base?.file);
      const line = side?.lineOf ? side.lineOf(location.pointer) : location.line;
      const file = side ? `${side.label}${line ? `:${line}` : ""}` : (location.file ?? "?");
      const where = `[${file} ${location.pointer ?? change.path}]`;
      // A removed path item is a removed operation for each of its methods.
      if (change.kind === "removed" && change.typeName === "PathItem" && change.base?.value) {
        const section = decodePointer(change.path)[0];
        const key = decodePointer(change.path)[1];
        const removed = METHODS.filter((method) => change.base.value[method]).map((method) =>
          operationLabel(section, key, method, change.base.value[method]),
        );
        for (const label of removed) lines.push(`${label}: operation removed (${verdict.message}) ${where}`);
        if (removed.length > 0) continue;
      }
      // The operation redocly reached the change through, from whichever document still has it.
      const primary =
        [...sides.values()].map((s) => operationsAt(s.index, change.path)).find((ops) => ops.length > 0) ?? [];
      // A change inside a shared component affects every operation that uses it.
      const others = side && location.pointer ? operationsAt(side.index, location.pointer) : [];
      const affected = [...primary, ...others.filter((op) => !primary.some((p) => p.label === op.label))];
      const subject = affected.length > 0 ? listLabels(affected) : change.path;
      lines.push(`${subject}: ${verdict.message} ${where}`);
    }
  }
  return [...new Set(lines)];
}

// --- the check -------------------------------------------------------------------------------

function providersIn(cwd) {
  const specs = join(cwd, "specs");
  if (!existsSync(specs)) return [];
  return readdirSync(specs, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specs, entry.name, "openapi.yaml")))
    .map((entry) => entry.name)
    .sort()
    .flatMap((provider) => {
      const manifestPath = join(cwd, "packages", provider, "package.json");
      if (!existsSync(manifestPath)) return [];
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      return [{ provider, name: manifest.name, version: manifest.version, spec: `specs/${provider}/openapi.yaml` }];
    });
}

/** Runs the check in the git work tree containing `cwd`; returns the exit code. */
export function checkSpecBreaking({ cwd = process.cwd(), base, log = console.log, error = console.error } = {}) {
  const root = git(cwd, ["rev-parse", "--show-toplevel"]).trim();
  if (
    base !== undefined &&
    git(root, ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { allowFailure: true }) === null
  ) {
    throw new UsageError(`--base ${base}: not a commit in this repository`);
  }
  const changesets = pendingChangesets(root);
  const workDir = mkdtempSync(join(tmpdir(), "payspec-spec-breaking-"));
  let failed = false;
  let anyTag = false;
  try {
    for (const { provider, name, version, spec } of providersIn(root)) {
      const release = latestReleaseTag(root, name);
      if (release) anyTag = true;
      if (!release && base === undefined) {
        log(`${name}: no release yet, nothing to compare`);
        continue;
      }
      const ref = base ?? release.tag;
      const baseLabel = `${ref}:${spec}`;
      if (readAtRef(root, ref, spec) === null) {
        log(`${name}: ${spec} does not exist at ${ref}, nothing to compare`);
        continue;
      }
      const baseDir = join(workDir, provider);
      extractDirAtRef(root, ref, `specs/${provider}`, baseDir);
      const baseFile = join(baseDir, spec);
      const revisionFile = join(root, spec);
      const baseText = readFileSync(baseFile, "utf8");
      const revisionText = readFileSync(revisionFile, "utf8");
      // Compared without payspec's extensions, each copy beside its original; the revision's copy
      // is named for this process, so two checks of one checkout at once never remove each other's.
      const baseCompared = join(dirname(baseFile), ".payspec-diff-base.yaml");
      const revisionCompared = join(dirname(revisionFile), `.payspec-diff-revision-${process.pid}.yaml`);
      writeFileSync(baseCompared, withoutPayspecExtensions(baseText));
      writeFileSync(revisionCompared, withoutPayspecExtensions(revisionText));
      let report;
      try {
        report = redoclyDiff(root, baseCompared, revisionCompared, workDir);
      } finally {
        rmSync(revisionCompared, { force: true });
      }
      const sides = new Map([
        [
          resolve(revisionCompared),
          { label: spec, index: indexOperations(parse(revisionText)), lineOf: lineFinder(revisionText) },
        ],
        [
          resolve(baseCompared),
          { label: baseLabel, index: indexOperations(parse(baseText)), lineOf: lineFinder(baseText) },
        ],
      ]);
      const breaking = describeBreakingChanges(report, { cwd: root, sides });
      const others = report.changes.length - report.changes.filter((c) => c.impact === "major").length;
      const since = base === undefined ? `release ${release.tag}` : ref;
      if (breaking.length === 0) {
        log(`${name}: no breaking spec changes since ${since}${others > 0 ? ` (${others} non-breaking)` : ""}`);
        continue;
      }
      const list = breaking.map((line) => `  - ${line}`).join("\n");
      const majors = (changesets.get(name) ?? []).filter((entry) => entry.bump === "major");
      const baselineVersion =
        base === undefined
          ? release.version
          : parseManifestVersion(readAtRef(root, ref, `packages/${provider}/package.json`));
      const bumped =
        parseSemver(version) &&
        parseSemver(baselineVersion) &&
        parseSemver(version).major > parseSemver(baselineVersion).major;
      if (majors.length > 0 || bumped) {
        const why =
          majors.length > 0
            ? `major changeset ${majors.map((entry) => entry.file).join(", ")}`
            : `version ${baselineVersion} -> ${version}`;
        log(`${name}: ${breaking.length} breaking spec change(s) since ${since}, accepted (${why}):\n${list}`);
      } else if (!release) {
        // Only a --base comparison gets here: nothing was published, so nobody can break.
        log(
          `${name}: ${breaking.length} breaking spec change(s) since ${since}; not released yet, so no major bump is needed:\n${list}`,
        );
      } else {
        failed = true;
        error(
          [
            `${name}: ${breaking.length} breaking spec change(s) since ${since} and no major changeset:`,
            list,
            `  Fix: add a major changeset for ${name} (\`pnpm changeset\`, choose "major") and describe the break for users,`,
            `  or restore compatibility in ${spec} (see CONTRIBUTING.md, "Spec changes are releases").`,
          ].join("\n"),
        );
      }
    }
    if (!anyTag && base === undefined && git(root, ["rev-parse", "--is-shallow-repository"]).trim() === "true") {
      log("note: this is a shallow clone, so release tags may be missing; fetch with full history (fetch-depth: 0).");
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

function parseManifestVersion(text) {
  if (text === null) return null;
  try {
    return JSON.parse(text).version ?? null;
  } catch {
    return null;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = checkSpecBreaking(parseArgs(process.argv.slice(2)));
  } catch (cause) {
    if (!(cause instanceof UsageError)) throw cause;
    console.error(cause.message);
    process.exitCode = 2;
  }
}
