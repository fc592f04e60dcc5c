#!/usr/bin/env node
// `pnpm docs`: builds the documentation site into site/, offline.
//
//   site/api/                 TypeDoc API reference of every public package, from its TSDoc (typedoc.config.mjs)
//   site/specs/<provider>.html  Redoc reference of specs/<provider>/openapi.yaml, one self-contained file
//   site/index.html           links to all of them
//
// Every page works without network: Redoc's bundle is inlined into each spec page (`--inlineBundle`;
// without it the page loads Redoc from a CDN) and the build fails if a page still references a remote
// script or stylesheet. `pnpm docs:check` (scripts/docs-check.mjs) renders the result in headless Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { publishablePackages, root } from "./packages.mjs";

const site = join(root, "site");
const started = performance.now();

function run(executable, args, env = {}) {
  console.log(`$ ${[executable, ...args].join(" ")}`);
  const result = spawnSync(executable, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(
      `\ndocs: failed: \`${[executable, ...args].join(" ")}\` exited with ${result.status ?? result.signal}`,
    );
    process.exit(1);
  }
}

/** The spec of every provider under specs/, with what the index page shows about it. */
export function specs() {
  return readdirSync(join(root, "specs"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, "specs", entry.name, "openapi.yaml")))
    .map(({ name }) => {
      const file = join("specs", name, "openapi.yaml");
      const document = parse(readFileSync(join(root, file), "utf8"));
      const operations = Object.values(document.paths ?? {}).flatMap((item) =>
        ["get", "put", "post", "delete", "options", "head", "patch", "trace"].flatMap((method) =>
          item[method] ? [item[method]] : [],
        ),
      );
      return { name, file, page: `specs/${name}.html`, info: document.info, operations };
    });
}

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function main() {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, "specs"), { recursive: true });

  // The provider packages re-export @payspec/core, whose types resolve to its built dist/.
  const packages = publishablePackages().map((dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")));
  run(
    "pnpm",
    [
      "exec",
      "turbo",
      "run",
      "build",
      ...packages.map(({ name }) => `--filter=${name}^...`),
      "--output-logs=errors-only",
    ],
    { PAYSPEC_NODE_VERSION: process.version },
  );

  // TypeDoc fails on any warning it reports (treatWarningsAsErrors), except unexported helper types.
  run("pnpm", ["exec", "typedoc", "--options", "typedoc.config.mjs"]);

  const redocly = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_NOTIFICATIONS: "true" };
  const all = specs();
  for (const spec of all) {
    run("pnpm", ["exec", "redocly", "build-docs", spec.file, "--inlineBundle", "-o", join("site", spec.page)], redocly);
    const html = readFileSync(join(site, spec.page), "utf8");
    const remote = html.match(/<(?:script|link|img)\b[^>]*\s(?:src|href)=["']?(?:https?:)?\/\/[^>]*>/i);
    if (remote) {
      console.error(
        `\ndocs: failed: ${spec.page} loads a remote resource, so it would not render offline:\n  ${remote[0]}`,
      );
      process.exit(1);
    }
  }

  writeFileSync(join(site, "index.html"), indexPage(packages, all));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\ndocs: built site/ in ${seconds} s: site/api/ (${packages.length} packages), ${all.length} spec pages`);
  console.log(`docs: open ${join("site", "index.html")}`);
}

function indexPage(packages, all) {
  const moduleLink = (name) => {
    // TypeDoc's file name for a package's module page, e.g. api/modules/_payspec_core.html.
    const page = `api/modules/${name.replace(/[^a-z0-9-]/gi, "_")}.html`;
    return existsSync(join(site, page)) ? page : "api/index.html";
  };
  const packageRows = packages
    .map(
      ({ name, description }) =>
        `<li><a href="${moduleLink(name)}"><code>${escapeHtml(name)}</code></a> — ${escapeHtml(description ?? "")}</li>`,
    )
    .join("\n      ");
  const specRows = all
    .map(
      ({ page, file, info, operations }) =>
        `<li><a href="${page}">${escapeHtml(info.title)}</a> ${escapeHtml(info.version)} — ${operations.length} operations (<code>${escapeHtml(file)}</code>)</li>`,
    )
    .join("\n      ");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>payspec documentation</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
      h1 { margin-bottom: 0.25rem; }
      li { margin: 0.35rem 0; }
      a { color: #0969da; }
      code { font-size: 0.9em; }
      footer { margin-top: 2rem; color: #59636e; font-size: 0.875rem; }
    </style>
  </head>
  <body>
    <h1>payspec documentation</h1>
    <p>Typed API clients for payment providers, generated from hand-curated OpenAPI 3.1 specs.</p>
    <h2>TypeScript API reference</h2>
    <p><a href="api/index.html">All packages</a> (TypeDoc, from the packages' TSDoc):</p>
    <ul>
      ${packageRows}
    </ul>
    <h2>HTTP API reference</h2>
    <p>One page per provider spec (Redoc), the source of truth the clients are generated from:</p>
    <ul>
      ${specRows}
    </ul>
    <footer>Built by <code>pnpm docs</code>; checked by <code>pnpm docs:check</code>.</footer>
  </body>
</html>
`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
