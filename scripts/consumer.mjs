#!/usr/bin/env node
// Installs the packed packages into a fresh project outside the workspace, as a user would, and
// from there: imports them as ESM, requires them as CJS, type-checks a strict TypeScript consumer
// under moduleResolution node16 and bundler, and runs one call per provider against the mocks on
// Node 20 (this Node), Node 24, Bun and Deno — all installed from the npm registry.
//
//   node scripts/consumer.mjs [--runtimes node,node24,bun,deno]
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packAll, root } from "./packages.mjs";

const flag = process.argv.indexOf("--runtimes");
const runtimes = (flag === -1 ? "node,node24,bun,deno" : process.argv[flag + 1]).split(",");
const { startMock } = await import(join(root, "packages", "mock", "dist", "index.js"));

const project = mkdtempSync(join(tmpdir(), "payspec-consumer-"));
const step = (label, command, args) => {
  console.log(`$ ${label}`);
  execFileSync(command, args, { cwd: project, stdio: "inherit" });
};

const tarballs = packAll();
writeFileSync(
  join(project, "package.json"),
  `${JSON.stringify({ name: "payspec-consumer", private: true, type: "module" }, null, 2)}\n`,
);
const tools = [
  "typescript@5.9.3",
  ...(runtimes.includes("node24") ? ["node@24"] : []),
  ...(runtimes.includes("bun") ? ["bun@1"] : []),
  ...(runtimes.includes("deno") ? ["deno@2"] : []),
];
step("npm install <tarballs> (and the runtimes)", "npm", [
  "install",
  "--no-audit",
  "--no-fund",
  "--foreground-scripts",
  ...tarballs,
  ...tools,
]);
for (const file of ["smoke.mjs", "smoke.cjs", "consumer.ts", "tsconfig.node16.json", "tsconfig.bundler.json"]) {
  copyFileSync(join(root, "scripts", "consumer", file), join(project, file));
}

const mocks = {};
const servers = [];
try {
  for (const provider of ["paymnt-cloud", "paymentkit", "vaiipay", "paymend"]) {
    const mock = await startMock({ spec: provider });
    servers.push(mock);
    mocks[provider] = mock.url;
  }
  writeFileSync(join(project, "mocks.json"), JSON.stringify(mocks));

  step("tsc -p tsconfig.node16.json", join(project, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.node16.json"]);
  step("tsc -p tsconfig.bundler.json", join(project, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.bundler.json"]);
  // The mock servers run in this process, so anything that calls them runs as an asynchronous
  // child: a synchronous one would block the very event loop that has to answer it.
  const runAsync = (label, command, args) =>
    new Promise((resolve, reject) => {
      console.log(`$ ${label}`);
      const child = spawn(command, args, { cwd: project, stdio: "inherit" });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} exited with ${code}`))));
    });
  await runAsync("node smoke.cjs (require)", process.execPath, ["smoke.cjs"]);
  if (runtimes.includes("node")) await runAsync("node smoke.mjs (import)", process.execPath, ["smoke.mjs"]);
  if (runtimes.includes("node24"))
    await runAsync("node 24 smoke.mjs", join(project, "node_modules", "node", "bin", "node"), ["smoke.mjs"]);
  if (runtimes.includes("bun"))
    await runAsync("bun smoke.mjs", join(project, "node_modules", ".bin", "bun"), ["smoke.mjs"]);
  if (runtimes.includes("deno"))
    await runAsync("deno run smoke.mjs", join(project, "node_modules", ".bin", "deno"), [
      "run",
      "--allow-net",
      "--allow-read",
      "--allow-env",
      "smoke.mjs",
    ]);
  await installedMockServes();
  console.log("consumer checks passed");
} finally {
  await Promise.all(servers.map((server) => server.close()));
}

// The installed @payspec/mock serves the specs its tarball carries, from its bin, outside the repo.
async function installedMockServes() {
  console.log("$ payspec-mock start paymend --port 0 (installed package)");
  const child = spawn(join(project, "node_modules", ".bin", "payspec-mock"), ["start", "paymend", "--port", "0"], {
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
