#!/usr/bin/env node
// `pnpm docs:check`: builds site/ (scripts/docs.mjs), serves it on 127.0.0.1, and renders it in headless
// Chromium with every host but 127.0.0.1 unresolvable, so a page that needs the network fails:
//
//   - each spec page is opened on its first tag's route (`#/payments`), which the prerendered HTML does not
//     contain: an operation summary from the spec must appear, so Redoc's JavaScript ran, and Redoc's error
//     page must not;
//   - the TypeDoc index must list every package and its JavaScript must have filled the navigation;
//   - every link on site/index.html must answer 200;
//   - the Paymnt Cloud spec page is screenshotted to site/screenshots/ and the PNG must not be blank.
//
// Uses /usr/bin/chromium (Debian: `apt-get install -y chromium`) or $CHROME_PATH. Every Chromium run
// gets a fresh profile and is killed after 60 s. `--no-build` checks the site/ already built.
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { PNG } from "pngjs";
import { specs } from "./docs.mjs";
import { publishablePackages, root } from "./packages.mjs";

const site = join(root, "site");
const started = performance.now();
const chromiumTimeoutMs = 60_000;
const results = [];

function record(name, ok, detail, ms) {
  results.push({ name, ok, detail });
  const time = ms === undefined ? "" : ` (${(ms / 1000).toFixed(1)} s)`;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${detail}${time}`);
}

// 1. Chromium, before spending time on the build.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this script only, never by a turbo task.
const chromium = process.env.CHROME_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `docs:check: no Chromium at ${chromium}. On Debian/Ubuntu install it with:\n` +
      "  apt-get install -y chromium\n" +
      "or point CHROME_PATH at a Chrome or Chromium binary.",
  );
  process.exit(1);
}
const version = spawnSync(chromium, ["--version"], { encoding: "utf8", timeout: 30_000 });
console.log(`\ndocs:check: ${(version.stdout || "").trim() || chromium}`);

// 2. Build.
if (!process.argv.includes("--no-build")) {
  const build = spawnSync(process.execPath, [join(root, "scripts", "docs.mjs")], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    console.error("docs:check: the build (scripts/docs.mjs) failed; nothing was rendered.");
    process.exit(1);
  }
}
if (!existsSync(join(site, "index.html"))) {
  console.error("docs:check: site/index.html is missing; run `pnpm docs` first (or drop --no-build).");
  process.exit(1);
}

// 3. A static server for site/, on a free port of 127.0.0.1.
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
};
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  let file = normalize(join(site, path));
  if (file !== site && !file.startsWith(site + sep)) {
    response.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

/**
 * One headless Chromium run (`--dump-dom` or `--screenshot`), offline but for 127.0.0.1, with a fresh
 * profile; its whole process group is killed if it outlives chromiumTimeoutMs.
 */
function chromiumRun(args) {
  const profile = mkdtempSync(join(tmpdir(), "payspec-chromium-"));
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    `--user-data-dir=${profile}`,
    // Nothing but the local server resolves, so a page that needs a CDN cannot render.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    // Let scripts run (in virtual time) before the DOM is dumped or the screenshot taken.
    "--virtual-time-budget=15000",
    "--timeout=45000",
    ...args,
  ];
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(chromium, flags, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const stdout = [];
    let stderr = "";
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, chromiumTimeoutMs);
    // Once Chromium itself has exited, end any helper it left behind (they hold its output pipes open).
    child.on("exit", () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    });
    let settled = false;
    const settle = (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      resolve({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr,
        ms: performance.now() - start,
      });
    };
    child.on("error", (error) => {
      stderr += `\n${error.message}`;
      settle(null, "spawn error");
    });
    child.on("close", settle);
  });
}

function failure(run) {
  if (run.timedOut) return `Chromium did not finish within ${chromiumTimeoutMs / 1000} s and was killed`;
  if (run.code !== 0) {
    const tail = run.stderr.trim().split("\n").slice(-5).join("\n    ");
    return `Chromium exited with ${run.code ?? run.signal}:\n    ${tail}`;
  }
  return undefined;
}

/** An HTML document without its scripts and styles (Redoc's inlined bundle contains its own error page). */
const markupOf = (html) =>
  html.replace(/<script\b[\s\S]*?<\/script>/gi, " ").replace(/<style\b[\s\S]*?<\/style>/gi, " ");

const entities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
/** The visible text of an HTML document: no scripts (Redoc inlines the whole spec in one), no styles, no tags. */
function textOf(html) {
  return markupOf(html)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
      if (name[0] === "#") {
        return String.fromCodePoint(
          name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
        );
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ");
}

// 4a. Each spec page, on the route of its first tag.
for (const spec of specs()) {
  const name = `spec ${spec.name}`;
  const file = join(site, spec.page);
  if (!existsSync(file)) {
    record(name, false, `${spec.page} was not built`);
    continue;
  }
  const prerendered = readFileSync(file, "utf8");
  // The sidebar's first route (e.g. "/payments"), from the prerendered markup, outside the inlined scripts.
  const route = markupOf(prerendered).match(/<a\b[^>]*\bhref="(\/[^"/?#][^"?#]*)"/)?.[1];
  if (!route) {
    record(name, false, "no sidebar route found in the prerendered page (has Redoc's markup changed?)");
    continue;
  }
  const staticText = textOf(prerendered);
  const summaries = spec.operations.map((operation) => operation.summary?.replace(/\s+/g, " ").trim()).filter(Boolean);
  const jsOnly = summaries.filter((summary) => !staticText.includes(summary));
  if (jsOnly.length === 0) {
    record(name, false, "every operation summary is already in the static HTML, so rendering cannot be told apart");
    continue;
  }
  const url = `${origin}/${spec.page}#${route}`;
  const run = await chromiumRun(["--dump-dom", url]);
  const problem = failure(run);
  if (problem) {
    record(name, false, `${url}: ${problem}`, run.ms);
    continue;
  }
  const text = textOf(run.stdout);
  const rendered = jsOnly.filter((summary) => text.includes(summary));
  if (/api-docs-error-page|Something went wrong rendering/i.test(markupOf(run.stdout))) {
    record(name, false, `${url}: Redoc shows its error page: ${text.slice(0, 300)}`, run.ms);
  } else if (!text.includes(spec.info.title)) {
    record(name, false, `${url}: the title "${spec.info.title}" is not on the page`, run.ms);
  } else if (rendered.length === 0) {
    record(
      name,
      false,
      `${url}: no operation summary was rendered (Redoc's script did not run, or needs the network); expected one of: ${jsOnly.slice(0, 5).join(" | ")}`,
      run.ms,
    );
  } else {
    record(name, true, `#${route} rendered ${rendered.length} operation(s), e.g. "${rendered[0]}"`, run.ms);
  }
}

// 4b. The TypeDoc index.
{
  const url = `${origin}/api/index.html`;
  const run = await chromiumRun(["--dump-dom", url]);
  const problem = failure(run);
  const names = publishablePackages().map((dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name);
  if (problem) {
    record("typedoc index", false, `${url}: ${problem}`, run.ms);
  } else {
    const text = textOf(run.stdout);
    const missing = names.filter((packageName) => !text.includes(packageName));
    // main.js fills the sidebar from navigation.js; an empty container means the scripts did not run.
    const navigation = /id="tsd-nav-container"[^>]*>\s*<li/.test(run.stdout);
    if (missing.length > 0) record("typedoc index", false, `${url}: missing ${missing.join(", ")}`, run.ms);
    else if (!navigation) record("typedoc index", false, `${url}: the navigation was not rendered`, run.ms);
    else record("typedoc index", true, `lists ${names.length} packages, navigation rendered`, run.ms);
  }
}

// 4c. Every link of site/index.html answers 200.
{
  const hrefs = [...readFileSync(join(site, "index.html"), "utf8").matchAll(/href="([^"#]+)"/g)].map((m) => m[1]);
  const broken = [];
  for (const href of hrefs) {
    const response = await fetch(new URL(href, `${origin}/`));
    await response.arrayBuffer();
    if (response.status !== 200) broken.push(`${href} (${response.status})`);
  }
  if (hrefs.length === 0) record("index links", false, "site/index.html has no links");
  else if (broken.length > 0) record("index links", false, `broken: ${broken.join(", ")}`);
  else record("index links", true, `${hrefs.length} links answer 200`);
}

// 4d. A screenshot of the Paymnt Cloud spec page, which must not be blank. It is taken on the page's own
// route: Chromium's screenshots of a hash route (which Redoc re-renders client-side) are sometimes blank
// under --virtual-time-budget, and without it they race the rendering.
{
  mkdirSync(join(site, "screenshots"), { recursive: true });
  const spec = specs().find(({ name }) => name === "paymnt-cloud") ?? specs()[0];
  const png = join(site, "screenshots", `${spec.name}.png`);
  rmSync(png, { force: true });
  const url = `${origin}/${spec.page}`;
  const run = await chromiumRun([`--screenshot=${png}`, "--window-size=1280,900", url]);
  const problem = failure(run);
  const name = `screenshot ${spec.name}`;
  if (problem) {
    record(name, false, `${url}: ${problem}`, run.ms);
  } else if (!existsSync(png)) {
    record(name, false, `${url}: Chromium wrote no screenshot`, run.ms);
  } else {
    const { width, height, data } = PNG.sync.read(readFileSync(png));
    const colors = new Set();
    let nonWhite = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      colors.add((r << 16) | (g << 8) | b);
      if (r < 240 || g < 240 || b < 240) nonWhite += 1;
    }
    const fraction = nonWhite / (width * height);
    const detail = `${width}×${height}, ${colors.size} colours, ${(fraction * 100).toFixed(1)} % non-white, ${png.slice(root.length + 1)}`;
    // A blank or unstyled page has a handful of colours; Redoc's sidebar, code and text have hundreds.
    const ok = width === 1280 && height === 900 && colors.size >= 100 && fraction >= 0.05;
    record(name, ok, ok ? detail : `looks blank: ${detail} (need ≥ 100 colours and ≥ 5 % non-white)`, run.ms);
  }
}

server.close();
const failed = results.filter(({ ok }) => !ok);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\ndocs:check took ${seconds} s`);
console.log(
  failed.length > 0
    ? `docs:check: FAILED, ${failed.length} of ${results.length} checks: ${failed.map(({ name }) => name).join(", ")}`
    : `docs:check: all ${results.length} checks passed`,
);
process.exit(failed.length > 0 ? 1 : 0);
