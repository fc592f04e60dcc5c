#!/usr/bin/env node
// Bundle cost of the generated resource layer, per provider: a one-call entry that uses a raw
// openapi-fetch method and one that uses a resource method, each bundled as one file by esbuild
// (browser platform, minified, gzipped), and the share of the generated operation table (the same
// bundle with the table emptied). Target: a one-call entry using one resource method ≤ 8 kB.
// Prints a table and writes .bench/resource-sizes.json. Run after a build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "../packages.mjs";
import { browserBundleOptions } from "./browser-bundle.mjs";

const providers = {
  "@payspec/paymnt-cloud": {
    create: 'createPaymntCloudClient({ apiKey: "k", environment: "sandbox" })',
    raw: 'c.POST("/payments", { body: { amount: 1000, currency: "USD" } })',
    resource: 'c.payments.create({ amount: 1000, currency: "USD" })',
  },
  "@payspec/paymentkit": {
    create: 'createPaymentKitClient({ token: "t", accountId: "acc_prod_1", environment: "production" })',
    raw: 'c.POST("/api/{account_id}/customers", { body: { email: "a@example.com" } })',
    resource: 'c.customers.create({ email: "a@example.com" })',
  },
  "@payspec/vaiipay": {
    create: 'createVaiiPayClient({ token: "t", baseUrl: "https://x" })',
    raw: 'c.GET("/api/payment-applications")',
    resource: "c.paymentApplications.list()",
  },
  "@payspec/paymend": {
    create: 'createPaymendClient({ token: "t", environment: "sandbox" })',
    raw: 'c.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: "p" } } })',
    resource: 'c.payments.get("p")',
  },
};
const factoryOf = (create) => create.slice(0, create.indexOf("("));

const work = mkdtempSync(join(root, "node_modules", ".cache", "bench-resources-"));
const emptyTable = {
  name: "empty-resource-table",
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const { readFileSync } = await import("node:fs");
      const source = readFileSync(args.path, "utf8");
      // The generated table is one object literal assigned to `resourceTable`.
      const start = source.search(/var resourceTable = \{/);
      if (start === -1) return undefined;
      let depth = 0;
      let end = source.indexOf("{", start);
      for (; end < source.length; end++) {
        if (source[end] === "{") depth++;
        else if (source[end] === "}" && --depth === 0) break;
      }
      return { contents: `${source.slice(0, start)}var resourceTable = {}${source.slice(end + 1)}`, loader: "js" };
    });
  },
};
async function gzipKb(source, plugins = []) {
  const entry = join(work, `${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(entry, source);
  const result = await build(browserBundleOptions(entry, { plugins }));
  return +(gzipSync(result.outputFiles[0].contents).byteLength / 1024).toFixed(1);
}

const target = 8;
const rows = [];
for (const [name, calls] of Object.entries(providers)) {
  const entry = (call) =>
    `import { ${factoryOf(calls.create)} } from "${name}";\nconst c = ${calls.create};\nawait ${call};`;
  const raw = await gzipKb(entry(calls.raw));
  const resource = await gzipKb(entry(calls.resource));
  const withoutTable = await gzipKb(entry(calls.resource), [emptyTable]);
  rows.push({
    package: name,
    "raw method, min+gz kB": raw,
    "resource method, min+gz kB": resource,
    "operation table, kB": +(resource - withoutTable).toFixed(1),
    [`≤ ${target} kB`]: resource <= target ? "met" : `NOT MET (+${(resource - target).toFixed(1)})`,
  });
}
rmSync(work, { recursive: true, force: true });
console.log("\nResource layer: one-call bundles (esbuild, browser platform, one file, minified + gzip)");
console.table(rows);
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "resource-sizes.json"),
  `${JSON.stringify({ date: new Date().toISOString(), target, rows }, null, 2)}\n`,
);
