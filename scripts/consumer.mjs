#!/usr/bin/env node
// Installs the packed packages into fresh projects outside the workspace, as users would, and
// checks each one there. Every project gets its own temporary directory; the tarballs are packed once.
//
//   packages  imports them as ESM, requires them as CJS, type-checks a strict TypeScript consumer
//             under moduleResolution node16 and bundler, compiles the misuse corpus (below), and runs
//             one call per provider against the mocks on Node 20 (this Node), Node 24, Bun and Deno —
//             all installed from the npm registry
//   vitest    an ESM vitest project whose globalSetup and ProvidedContext declaration are the
//             @payspec/mock README's, verbatim; `tsc --noEmit` (strict) then `vitest run`, one call
//             per provider with the URL from inject("mock:<provider>")
//   jest      a CommonJS jest + ts-jest project whose jest.config.js, globalSetup and globalTeardown
//             are the @payspec/mock README's, verbatim; `tsc --noEmit` (strict) then `jest`, one call
//             per provider with the URL from process.env
//
//   node scripts/consumer.mjs [--runtimes node,node24,bun,deno] [--only vitest,jest] [--skip jest]
//
// The misuse corpus (scripts/consumer/misuse/<provider>.ts) holds calls of the resource layer that
// must not compile, each under a `// @ts-expect-error <the misuse> (TS<code>)` line, beside valid
// calls that must. The packages project compiles it from the installed tarballs under node16 ESM,
// node16 CommonJS and bundler resolution (tsconfig.<mode>.json: strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess, skipLibCheck false), three ways per mode:
//   corpus    as written: tsc must pass, so every valid call compiles and every directive is used
//             (an unused one is TS2578); the listed files prove which declarations (.d.ts or .d.cts)
//             each mode resolved
//   stripped  with the directives made plain comments: every misuse must fail on its own line with
//             the code its directive names, and nothing else may fail (a misuse that fails for
//             another reason, such as a typo in the test, proves nothing)
//   canary    a copy of one corpus file with a directive above a valid call: tsc must fail with
//             TS2578 there and only there, so a corpus that accepts everything cannot pass
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { packAll, root } from "./packages.mjs";

// Test runners and their tools, pinned: a new release cannot change what this check means.
const vitestTools = ["vitest@4.1.12", "typescript@5.9.3", "@types/node@20.19.43"];
const jestTools = [
  "jest@30.5.2",
  "ts-jest@29.4.15",
  "@jest/globals@30.5.2",
  "typescript@5.9.3",
  "@types/node@20.19.43",
];

// Node16 CommonJS compiles `import` to `require`, which verbatimModuleSyntax forbids in a CommonJS
// file; its tsconfig differs from node16 ESM's in that option only.
const misuseModes = [
  { mode: "node16-esm", label: "node16 ESM", type: "module", declarations: ".d.ts" },
  { mode: "node16-cjs", label: "node16 CommonJS", type: "commonjs", declarations: ".d.cts" },
  { mode: "bundler", label: "bundler", type: "module", declarations: ".d.ts" },
];
// The canary: the valid twin of the corpus's misspelt-refund-reason line.
const canary = {
  file: "paymnt-cloud.ts",
  line: 'await paymnt.refunds.create({ payment_id: paymentId, amount: 500, reason: "duplicate" });',
};
// How tsc recognises a directive in a line comment (`//` or `///`, then spaces), and the form the
// corpus writes it in.
const directive = /\/\/\/?\s*@ts-expect-error/;
const namedDirective = /^\s*\/\/ @ts-expect-error (\S.*) \((TS\d+(?:\|TS\d+)*)\)$/;

const option = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : (process.argv[index + 1] ?? "").split(",");
};
const runtimes = option("--runtimes") ?? ["node", "node24", "bun", "deno"];
const projects = { packages: packagesProject, vitest: vitestProject, jest: jestProject };
const selected = (option("--only") ?? Object.keys(projects)).filter((name) => !option("--skip")?.includes(name));
const unknown = [...(option("--only") ?? []), ...(option("--skip") ?? [])].filter((name) => !(name in projects));
if (unknown.length > 0) {
  console.error(
    `consumer: unknown project ${unknown.join(", ")}; the projects are ${Object.keys(projects).join(", ")}`,
  );
  process.exit(2);
}

const tarballs = packAll();
const results = [];
for (const name of selected) {
  const directory = mkdtempSync(join(tmpdir(), `payspec-consumer-${name}-`));
  console.log(`\n=== consumer project "${name}" in ${directory}`);
  try {
    await projects[name](directory);
    results.push({ name, error: undefined });
    console.log(`=== consumer project "${name}" passed`);
  } catch (error) {
    results.push({ name, error });
    console.error(`=== consumer project "${name}" FAILED (${directory}): ${error.message}`);
  }
}
console.log("\nconsumer projects:");
for (const { name, error } of results) console.log(`  ${error === undefined ? "ok  " : "FAIL"} ${name}`);
const failed = results.filter((result) => result.error !== undefined);
if (failed.length > 0) {
  console.error(`consumer checks failed: ${failed.map((result) => result.name).join(", ")}`);
  process.exit(1);
}
console.log("consumer checks passed");

/** Writes package.json and installs the tarballs plus `tools` (exact versions) into `directory`. */
function install(directory, type, tools) {
  writeFileSync(
    join(directory, "package.json"),
    `${JSON.stringify({ name: `payspec-consumer-${type}`, private: true, type }, null, 2)}\n`,
  );
  step(directory, `npm install <tarballs> ${tools.join(" ")}`, "npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--save-exact",
    "--foreground-scripts",
    ...tarballs,
    ...tools,
  ]);
}

function step(directory, label, command, args) {
  console.log(`$ ${label}`);
  execFileSync(command, args, { cwd: directory, stdio: "inherit" });
}

// A check that calls mock servers running in this process runs as an asynchronous child: a
// synchronous one would block the very event loop that has to answer it.
function runAsync(directory, label, command, args) {
  return new Promise((resolve, reject) => {
    console.log(`$ ${label}`);
    const child = spawn(command, args, { cwd: directory, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited with ${code ?? signal}`)),
    );
  });
}

function bin(directory, name) {
  return join(directory, "node_modules", ".bin", name);
}

/**
 * Copies the README recipe files from the mock package's examples into the project, after checking
 * that the README in the installed @payspec/mock tarball shows each of them verbatim.
 */
function copyRecipe(directory, files) {
  const readme = readFileSync(join(directory, "node_modules", "@payspec", "mock", "README.md"), "utf8");
  for (const [example, language, destination] of files) {
    const text = readFileSync(join(root, "packages", "mock", "examples", example), "utf8");
    if (!readme.includes(`\`\`\`${language}\n${text}\`\`\``)) {
      throw new Error(`the installed @payspec/mock README does not show examples/${example} verbatim`);
    }
    mkdirSync(dirname(join(directory, destination)), { recursive: true });
    writeFileSync(join(directory, destination), text);
  }
}

function copyOwn(directory, from, files) {
  for (const file of files) copyFileSync(join(root, "scripts", "consumer", from, file), join(directory, file));
}

async function packagesProject(project) {
  const { startMock } = await import(join(root, "packages", "mock", "dist", "index.js"));
  install(project, "module", [
    "typescript@5.9.3",
    ...(runtimes.includes("node24") ? ["node@24"] : []),
    ...(runtimes.includes("bun") ? ["bun@1"] : []),
    ...(runtimes.includes("deno") ? ["deno@2"] : []),
  ]);
  copyOwn(project, ".", ["smoke.mjs", "smoke.cjs", "consumer.ts", "tsconfig.node16.json", "tsconfig.bundler.json"]);

  const mocks = {};
  const servers = [];
  try {
    for (const provider of ["paymnt-cloud", "paymentkit", "vaiipay", "paymend"]) {
      const mock = await startMock({ spec: provider });
      servers.push(mock);
      mocks[provider] = mock.url;
    }
    writeFileSync(join(project, "mocks.json"), JSON.stringify(mocks));

    step(project, "tsc -p tsconfig.node16.json", bin(project, "tsc"), ["-p", "tsconfig.node16.json"]);
    step(project, "tsc -p tsconfig.bundler.json", bin(project, "tsc"), ["-p", "tsconfig.bundler.json"]);
    misuseCorpus(project);
    await runAsync(project, "node smoke.cjs (require)", process.execPath, ["smoke.cjs"]);
    if (runtimes.includes("node")) await runAsync(project, "node smoke.mjs (import)", process.execPath, ["smoke.mjs"]);
    if (runtimes.includes("node24"))
      await runAsync(project, "node 24 smoke.mjs", join(project, "node_modules", "node", "bin", "node"), ["smoke.mjs"]);
    if (runtimes.includes("bun")) await runAsync(project, "bun smoke.mjs", bin(project, "bun"), ["smoke.mjs"]);
    if (runtimes.includes("deno"))
      await runAsync(project, "deno run smoke.mjs", bin(project, "deno"), [
        "run",
        "--allow-net",
        "--allow-read",
        "--allow-env",
        "smoke.mjs",
      ]);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
  await installedMockServes(project);
}

// The installed @payspec/mock serves the specs its tarball carries, from its bin, outside the repo.
async function installedMockServes(project) {
  console.log("$ payspec-mock start paymend --port 0 (installed package)");
  const child = spawn(bin(project, "payspec-mock"), ["start", "paymend", "--port", "0"], {
    cwd: project,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`payspec-mock printed no URL: ${output}`)), 30_000);
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on("exit", (code) => reject(new Error(`payspec-mock exited with ${code}: ${output}`)));
    });
    const response = await fetch(`${url}/v1/payments/pay_1234567890abcdef`, { headers: { Authorization: "Bearer t" } });
    if (response.status !== 200) throw new Error(`the installed mock answered ${response.status}`);
    console.log(`  installed payspec-mock served GET /v1/payments/… → ${response.status}`);
  } finally {
    child.kill("SIGTERM");
  }
}

async function vitestProject(project) {
  install(project, "module", vitestTools);
  copyRecipe(project, [
    ["vitest/vitest.config.ts", "ts", "vitest.config.ts"],
    ["vitest/global-setup.ts", "ts", "test/global-setup.ts"],
  ]);
  copyOwn(project, "vitest", ["providers.test.ts", "tsconfig.json"]);
  copyOwn(project, ".", ["provider-calls.ts"]);
  step(project, "tsc --noEmit (strict, with the README's ProvidedContext declaration)", bin(project, "tsc"), [
    "--noEmit",
    "-p",
    "tsconfig.json",
  ]);
  await runAsync(project, "vitest run", bin(project, "vitest"), ["run"]);
}

async function jestProject(project) {
  install(project, "commonjs", jestTools);
  copyRecipe(project, [
    ["jest/jest.config.js", "js", "jest.config.js"],
    ["jest/jest.global-setup.ts", "ts", "jest.global-setup.ts"],
    ["jest/jest.global-teardown.ts", "ts", "jest.global-teardown.ts"],
  ]);
  copyOwn(project, "jest", ["providers.test.ts", "tsconfig.json"]);
  copyOwn(project, ".", ["provider-calls.ts"]);
  // ts-jest only transpiles (NodeNext modules need isolatedModules), so tsc does the type-check.
  step(project, "tsc --noEmit (strict, CommonJS)", bin(project, "tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  await runAsync(project, "jest --ci", bin(project, "jest"), ["--ci"]);
}

function misuseCorpus(project) {
  const source = join(root, "scripts", "consumer", "misuse");
  const files = readdirSync(source).filter((file) => file.endsWith(".ts"));
  const corpus = files.map((file) => ({ file, ...readCorpusFile(join(source, file)) }));
  const canaryFile = corpus.find(({ file }) => file === canary.file);
  const canaryIndex = canaryFile?.lines.findIndex((line) => line.trim() === canary.line) ?? -1;
  if (canaryIndex === -1) throw new Error(`misuse corpus: ${canary.file} has no line ${canary.line}`);
  const canaryLines = [...canaryFile.lines];
  const indent = /^\s*/.exec(canaryLines[canaryIndex])[0];
  canaryLines.splice(canaryIndex, 0, `${indent}// @ts-expect-error canary: the call below is valid`);
  const total = corpus.reduce((sum, { directives }) => sum + directives.length, 0);

  for (const { mode, label, type, declarations } of misuseModes) {
    const directory = join(project, "misuse", mode);
    mkdirSync(directory, { recursive: true });
    copyFileSync(join(source, `tsconfig.${mode}.json`), join(project, "misuse", `tsconfig.${mode}.json`));
    writeFileSync(join(directory, "package.json"), `${JSON.stringify({ type })}\n`);
    for (const kind of ["corpus", "stripped", "canary"]) {
      mkdirSync(join(directory, kind), { recursive: true });
      const tsconfig = { extends: `../tsconfig.${mode}.json`, include: [`${kind}/*.ts`] };
      writeFileSync(join(directory, `tsconfig.${kind}.json`), `${JSON.stringify(tsconfig)}\n`);
    }
    for (const { file, lines } of corpus) {
      writeFileSync(join(directory, "corpus", file), lines.join("\n"));
      const stripped = lines.map((line) => line.replace(directive, "// misuse:"));
      writeFileSync(join(directory, "stripped", file), stripped.join("\n"));
    }
    writeFileSync(join(directory, "canary", canary.file), canaryLines.join("\n"));
    const tsc = (kind, extra = []) => {
      const result = spawnSync(bin(project, "tsc"), ["-p", `tsconfig.${kind}.json`, "--pretty", "false", ...extra], {
        cwd: directory,
        encoding: "utf8",
      });
      if (result.error) throw result.error;
      return { status: result.status, output: result.stdout + result.stderr, errors: tscErrors(result.stdout) };
    };

    console.log(`$ tsc misuse corpus, ${label}: corpus, stripped, canary`);
    const clean = tsc("corpus", ["--listFiles"]);
    if (clean.status !== 0) {
      const diagnostics = clean.output.split("\n").filter((line) => !isAbsolute(line));
      throw new Error(`misuse corpus (${label}) does not compile:\n${diagnostics.join("\n")}`);
    }
    for (const { file } of corpus) {
      const provider = `/node_modules/@payspec/${file.replace(/\.ts$/, "")}/dist/index`;
      const other = declarations === ".d.ts" ? ".d.cts" : ".d.ts";
      if (!clean.output.includes(`${provider}${declarations}\n`) || clean.output.includes(`${provider}${other}\n`)) {
        throw new Error(`misuse corpus (${label}): ${file} was not checked against ${provider}${declarations} alone`);
      }
    }

    const stripped = tsc("stripped");
    const problems = [];
    const expected = new Set();
    for (const { file, directives } of corpus) {
      for (const { line, codes, misuse } of directives) {
        const at = `stripped/${file}:${line + 1}`;
        expected.add(at);
        const got = stripped.errors.filter((error) => `${error.file}:${error.line}` === at).map((error) => error.code);
        if (!got.some((code) => codes.includes(code))) {
          problems.push(`${at} (${misuse}): expected ${codes.join(" or ")}, tsc gave ${got.join(", ") || "nothing"}`);
        }
      }
    }
    for (const error of stripped.errors) {
      if (!expected.has(`${error.file}:${error.line}`)) {
        problems.push(`${error.file}:${error.line} fails with no directive above it: ${error.code} ${error.message}`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`misuse corpus (${label}), without its directives:\n  ${problems.join("\n  ")}`);
    }

    const probe = tsc("canary");
    const at = `canary/${canary.file}:${canaryIndex + 1}`;
    const only = probe.errors.length === 1 && `${probe.errors[0].file}:${probe.errors[0].line}` === at;
    if (probe.status === 0 || !only || probe.errors[0].code !== "TS2578") {
      throw new Error(`misuse canary (${label}): expected exit ≠ 0 with TS2578 at ${at} alone; got:\n${probe.output}`);
    }
    console.log(
      `  ${label}: ${total} misuses in ${files.length} files refused, each for its named reason; ` +
        `valid calls compile against ${declarations}; canary failed with TS2578 as it must`,
    );
  }
}

/** A corpus file's lines, and its directives: each names its misuse and the error codes expected. */
function readCorpusFile(path) {
  const lines = readFileSync(path, "utf8").split("\n");
  const directives = [];
  lines.forEach((text, line) => {
    if (/\/\*+\s*@ts-expect-error/.test(text)) throw new Error(`${path}:${line + 1}: use a line comment`);
    if (!directive.test(text)) return;
    const named = namedDirective.exec(text);
    if (named === null) {
      throw new Error(`${path}:${line + 1}: write it on its own line as "// @ts-expect-error <the misuse> (TS<code>)"`);
    }
    directives.push({ line: line + 1, misuse: named[1], codes: named[2].split("|") });
  });
  if (directives.length === 0) throw new Error(`${path} has no @ts-expect-error line`);
  return { lines, directives };
}

/** tsc's `--pretty false` diagnostics: `file(line,column): error TS1234: message`. */
function tscErrors(output) {
  return [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map(([, file, line, code, message]) => ({
    file: file.replaceAll("\\", "/"),
    line: Number(line),
    code,
    message,
  }));
}
