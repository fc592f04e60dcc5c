// `pnpm check:cycles`, run by `npm test` before turbo: dependency-cruiser with the root's
// .dependency-cruiser.mjs must fail on an import cycle inside a package's src/, naming its files,
// and pass on one without. Each case runs the root script's own command in a throwaway repository.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./git-repo.js";

const rootManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};
const [tool, ...args] = (rootManifest.scripts["check:cycles"] ?? "").split(" ");
const cruiserManifest = join(repoRoot, "node_modules", "dependency-cruiser", "package.json");
const cruiserBin = join(
  dirname(cruiserManifest),
  (JSON.parse(readFileSync(cruiserManifest, "utf8")) as { bin: Record<string, string> }).bin.depcruise ?? "",
);

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (paths relative to the repository root) and runs `pnpm check:cycles`'s command there. */
function checkCycles(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "payspec-cycles-"));
  created.push(dir);
  copyFileSync(join(repoRoot, ".dependency-cruiser.mjs"), join(dir, ".dependency-cruiser.mjs"));
  for (const [path, text] of Object.entries({
    "packages/fixture/package.json": '{ "name": "fixture", "type": "module" }\n',
    ...files,
  })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const result = spawnSync(process.execPath, [cruiserBin, ...args], { cwd: dir, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("pnpm check:cycles", () => {
  it("is dependency-cruiser with the root's configuration", () => {
    expect(tool).toBe("depcruise");
    expect(args).toContain(".dependency-cruiser.mjs");
  });

  // The ways this repository's files import each other: each must count as an edge of a cycle.
  it.each([
    {
      kind: "static imports",
      a: 'import { b } from "./b.js";\nexport const a = () => b();\n',
      b: 'import { a } from "./a.js";\nexport const b = () => 1;\nexport const again = () => a();\n',
    },
    {
      kind: "a re-export and a type-only import",
      a: 'export { b } from "./b.js";\nexport interface A {\n  readonly name: string;\n}\n',
      b: 'import type { A } from "./a.js";\nexport const b = (value: A) => value.name;\n',
    },
    {
      kind: "a dynamic import",
      a: 'import { b } from "./b.js";\nexport const a = () => b;\n',
      b: 'export const b = 1;\nexport const load = () => import("./a.js");\n',
    },
  ])("fails on a cycle through $kind and names both files", ({ a, b }) => {
    const { status, output } = checkCycles({
      "packages/fixture/src/a.ts": a,
      "packages/fixture/src/b.ts": b,
      "packages/fixture/src/c.ts": 'export const c = "not in the cycle";\n',
    });
    expect(status, output).not.toBe(0);
    expect(output).toContain("no-circular");
    expect(output).toContain("packages/fixture/src/a.ts");
    expect(output).toContain("packages/fixture/src/b.ts");
    expect(output).not.toContain("packages/fixture/src/c.ts");
  });

  it("passes when imports point one way, and looks only at src/", () => {
    const { status, output } = checkCycles({
      "packages/fixture/src/index.ts": 'export { a } from "./a.js";\nexport { b } from "./b.js";\n',
      "packages/fixture/src/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
      "packages/fixture/src/b.ts": "export const b = 1;\n",
      // Tests may import each other; only a package's src/ is checked.
      "packages/fixture/test/helpers.ts": 'import { x } from "./x.test.js";\nexport const y = x;\n',
      "packages/fixture/test/x.test.ts": 'import { y } from "./helpers.js";\nexport const x = () => y;\n',
    });
    expect(output).toContain("no dependency violations found");
    expect(status, output).toBe(0);
  });
});
