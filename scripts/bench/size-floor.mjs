#!/usr/bin/env node
// How small could a one-call bundle get by trimming core? Bundles the Paymnt Cloud resource-method
// entry of resource-sizes.mjs from source (esbuild, browser platform, one file, minified, gzipped)
// as it is, then with optional parts of core replaced by empty stubs, then also with every string
// of 24 characters or more emptied (the error messages). It answers whether the ≤ 8 kB target of
// issues 16 and 17 is reachable by dropping features; see the README's benchmarks. Run alone:
// `node scripts/bench/size-floor.mjs`. Nothing to build first.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import ts from "typescript";
import { root } from "../packages.mjs";
import { browserBundleOptions } from "./browser-bundle.mjs";

const source = (path) => join(root, "packages", path);
const work = mkdtempSync(join(root, "node_modules", ".cache", "size-floor-"));
const entry = join(work, "entry.mjs");
writeFileSync(
  entry,
  `import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
const c = createPaymntCloudClient({ apiKey: "k", environment: "sandbox" });
await c.payments.create({ amount: 1000, currency: "USD" });`,
);

// Each stub keeps the module's exports and does nothing, as if the feature were not there.
const optional = {
  "middleware.ts": "export const checkMiddleware = (m) => m; export const runMiddleware = (m) => m;",
  "serialize.ts": 'export const serializePath = (p) => p; export const serializeQuery = () => "";',
  "observability.ts": "export const emitAttempt = () => {};",
  "pagination.ts": "export async function* paginate() {}",
  "redact.ts": "export const redact = (v) => v; export const redactCardNumbers = (v) => v;",
};
// What the `browser` field of core's package.json does for a published build.
const always = { "node-transport.ts": 'export { nodeTransport } from "./browser-transport.ts";' };

function stubs(files) {
  return {
    name: "stubs",
    setup(builder) {
      builder.onLoad({ filter: /packages[\\/]core[\\/]src[\\/].*\.ts$/ }, (args) => {
        const name = Object.keys(files).find((file) => args.path.endsWith(`${file}`));
        return name === undefined
          ? undefined
          : { contents: files[name], loader: "ts", resolveDir: join(args.path, "..") };
      });
    },
  };
}

/** The minified bundle with every string literal or template part of 24+ characters emptied. */
function withoutMessages(code) {
  const file = ts.createSourceFile("bundle.js", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const ranges = [];
  const visit = (node) => {
    const isText =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node);
    // The operation table's entries ("POST /payments createPayment body") are data, not messages.
    if (isText && node.text.length >= 24 && !/^[A-Z]+ \//.test(node.text)) ranges.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const node of ranges.sort((a, b) => b.getStart() - a.getStart())) {
    const text = node.getText();
    // Keep the delimiters so the code stays valid: "", `${, }${, }`.
    const open = text.startsWith("}") ? "}" : text[0];
    const close = text.endsWith("${") ? "${" : text.at(-1);
    out = out.slice(0, node.getStart()) + open + close + out.slice(node.getEnd());
  }
  return out;
}

async function bundle(files) {
  const result = await build(
    browserBundleOptions(entry, {
      alias: {
        "@payspec/core/public": source("core/src/public.ts"),
        "@payspec/core": source("core/src/index.ts"),
        "@payspec/paymnt-cloud": source("paymnt-cloud/src/index.ts"),
      },
      nodePaths: [join(root, "packages", "core", "node_modules"), join(root, "node_modules")],
      plugins: [stubs(files)],
    }),
  );
  return result.outputFiles[0].text;
}

const kb = (code) => +(gzipSync(code).byteLength / 1024).toFixed(1);
const full = await bundle(always);
const trimmed = await bundle({ ...always, ...optional });
rmSync(work, { recursive: true, force: true });
console.log("\nPaymnt Cloud, one resource method: how far trimming core could go (min+gz kB)");
console.table([
  { "taken out": "nothing", "min+gz kB": kb(full) },
  { "taken out": "every message of 24+ characters", "min+gz kB": kb(withoutMessages(full)) },
  { "taken out": `stubs: ${Object.keys(optional).join(", ")}`, "min+gz kB": kb(trimmed) },
  { "taken out": "the stubs and every message", "min+gz kB": kb(withoutMessages(trimmed)) },
]);
