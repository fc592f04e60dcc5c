// A throwaway git repository shaped like payspec (a spec, its package, .changeset/) for running
// the root scripts against, with release tags and commits made on demand.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const provider = "paymnt-cloud";
export const packageName = "@payspec/paymnt-cloud";
export const specPath = `specs/${provider}/openapi.yaml`;
// A frozen copy of the Paymnt Cloud spec (as of the provenance pass), so these tests of the check
// do not move whenever the real spec grows; the check itself runs on the real specs in .ci/run.
const realSpec = readFileSync(new URL("./fixtures/paymnt-cloud-openapi.yaml", import.meta.url), "utf8");

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document, edited freely by the tests
export type Spec = any;

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together. */
  output: string;
}

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  /** Changes the working tree's spec (parsed, edited, written back). */
  editSpec(edit: (spec: Spec) => void): void;
  setVersion(version: string): void;
  addChangeset(file: string, bumps: Record<string, string>): void;
  commitAll(message: string): void;
  /** `git tag` as `changeset publish` does: annotated, named `<package>@<version>`. */
  tag(version: string): void;
  /** Runs a root script with this repository as the working directory. */
  run(script: string, ...args: string[]): Promise<RunResult>;
}

const created: string[] = [];

export function removeTestRepos(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A repository with the real Paymnt Cloud spec committed, tagged `release` if given. */
export function createRepo({ release }: { release?: string } = {}): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), "payspec-repo-checks-"));
  created.push(dir);
  // Ignore the machine's git configuration (signing, hooks, default branch) for reproducible repos.
  const globalConfig = join(dir, ".gitconfig-test");
  writeFileSync(globalConfig, "");
  const work = join(dir, "repo");
  mkdirSync(work);
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_AUTHOR_NAME: "payspec tests",
    GIT_AUTHOR_EMAIL: "tests@payspec.invalid",
    GIT_COMMITTER_NAME: "payspec tests",
    GIT_COMMITTER_EMAIL: "tests@payspec.invalid",
  };
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  };
  const git = (...args: string[]) => {
    const result = spawnSync("git", args, { cwd: work, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  const manifest = (version: string) => `${JSON.stringify({ name: packageName, version }, null, 2)}\n`;

  write(specPath, realSpec);
  write(`packages/${provider}/package.json`, manifest(release ?? "0.0.0"));
  write(".changeset/README.md", "# Changesets\n");
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "--message", "Initial spec");

  const repo: TestRepo = {
    dir: work,
    git,
    editSpec(edit) {
      const spec = parse(readFileSync(join(work, specPath), "utf8"));
      edit(spec);
      write(specPath, stringify(spec));
    },
    setVersion: (version) => write(`packages/${provider}/package.json`, manifest(version)),
    addChangeset(file, bumps) {
      const frontmatter = Object.entries(bumps).map(([name, bump]) => `"${name}": ${bump}`);
      write(`.changeset/${file}`, ["---", ...frontmatter, "---", "", "A change.", ""].join("\n"));
    },
    commitAll(message) {
      git("add", "--all");
      git("commit", "--quiet", "--message", message);
    },
    tag(version) {
      git("tag", "--annotate", "--message", `${packageName}@${version}`, `${packageName}@${version}`);
    },
    run(script, ...args) {
      // Asynchronous, so that concurrent tests overlap their `redocly diff` runs.
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(repoRoot, "scripts", script), ...args], { cwd: work, env });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          stdout += chunk;
        });
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
          stderr += chunk;
        });
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr, output: stdout + stderr }));
      });
    },
  };
  if (release) repo.tag(release);
  return repo;
}
