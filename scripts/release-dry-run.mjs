#!/usr/bin/env node
// A release rehearsal on a throwaway clone: `changeset version` (versions, changelogs, regenerated
// provenance), a build, and `pnpm pack` of every publishable package. Nothing is published and
// this checkout is not touched. Exits non-zero if a package lacks its changelog entry or tarball.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./packages.mjs";

const clone = join(mkdtempSync(join(tmpdir(), "payspec-release-")), "repo");
const run = (command, args, cwd = clone) =>
  execFileSync(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
run("git", ["clone", "--quiet", root, clone], root);
run("pnpm", ["install", "--frozen-lockfile"]);
run("pnpm", ["run", "version-packages"]);
run("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]);

const packs = join(clone, "packs");
let failed = false;
const rows = [];
for (const name of readdirSync(join(clone, "packages"))) {
  const dir = join(clone, "packages", name);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (manifest.private) continue;
  run("pnpm", ["pack", "--pack-destination", packs], dir);
  const changelog = join(dir, "CHANGELOG.md");
  const logged = existsSync(changelog) && readFileSync(changelog, "utf8").includes(`## ${manifest.version}`);
  const provenanceFile = join(dir, "src", "generated", "provenance.ts");
  const provenanceFresh =
    !existsSync(provenanceFile) || readFileSync(provenanceFile, "utf8").includes(`"${manifest.version}"`);
  const tarball = join(packs, `${manifest.name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`);
  const packed = existsSync(tarball);
  if (!logged || !packed || !provenanceFresh) failed = true;
  rows.push({
    package: manifest.name,
    version: manifest.version,
    "changelog entry": logged ? "yes" : "MISSING",
    tarball: packed ? `${(statSync(tarball).size / 1024).toFixed(1)} kB` : "MISSING",
    "provenance version": provenanceFresh ? "matches" : "STALE",
  });
}
console.table(rows);
console.log(`Release rehearsal in ${clone}: ${failed ? "FAILED" : "ready"} (nothing was published).`);
process.exit(failed ? 1 : 0);
