#!/usr/bin/env node
// publint and Are The Types Wrong on every publishable package, as packed. Run after a build.
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
import { packAll, publishablePackages } from "./packages.mjs";

let failed = false;
const run = (label, command, args, options) => {
  try {
    execFileSync(command, args, { stdio: "pipe", encoding: "utf8", ...options });
    console.log(`ok      ${label}`);
  } catch (error) {
    failed = true;
    console.log(`FAILED  ${label}\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
};
for (const dir of publishablePackages())
  run(`publint ${basename(dir)}`, "pnpm", ["exec", "publint", "--strict"], { cwd: dir });
// @payspec/mock is ESM-only (it runs Prism in Node; no CommonJS consumer needs it): attw checks it
// with the esm-only profile, the SDK packages with every resolution.
for (const tarball of packAll()) {
  const profile = basename(tarball).startsWith("payspec-mock-") ? ["--profile", "esm-only"] : [];
  run(`attw ${basename(tarball)}`, "pnpm", ["exec", "attw", tarball, "--format", "ascii", ...profile]);
}
process.exit(failed ? 1 : 0);
