// Tests every provider package declares in a few lines: its README examples, and its re-export of
// @payspec/core's public API. Imported by relative path from the packages' test/ files.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, inject, it, vi } from "vitest";

declare module "vitest" {
  // `provideMocks(project, ["<provider>"])` in a package's test/global-setup.ts provides the mock's
  // URL under `mock:<provider>`.
  export interface ProvidedContext {
    [mock: `mock:${string}`]: string;
  }
}

/** One run of an example against the package's mock. */
export interface ExampleRun {
  /** Environment the example reads, besides the base URL. */
  readonly env: Readonly<Record<string, string>>;
  /** What the example prints: the arguments of each `console.log` call, in order. */
  readonly logs: readonly (readonly unknown[])[];
}

/** What a package's README shows and what its examples print. */
export interface ReadmeSuiteOptions {
  /** The spec name; the mock's URL is `inject("mock:<provider>")`. */
  readonly provider: string;
  /** The variable through which the examples take the mock's URL, such as `PAYMEND_BASE_URL`. */
  readonly baseUrlEnv: string;
  /** Whether the README also shows `examples/webhook-server.ts`. */
  readonly webhookServer: boolean;
  /** `examples/quickstart.ts`. */
  readonly quickstart: ExampleRun;
  /** `examples/resources.ts`: one call per resource. */
  readonly resources: ExampleRun;
  /** Further examples the README shows, by file name in `examples/`, each run against the mock. */
  readonly more?: Readonly<Record<string, ExampleRun>>;
}

/**
 * The README's examples are the files in `examples/`, verbatim, and they run against the mock
 * printing what is expected. `testFile` is the calling test's `import.meta.url`.
 */
export function readmeSuite(testFile: string, options: ReadmeSuiteOptions): void {
  const packageDir = new URL("../", testFile);
  const read = (path: string) => readFileSync(new URL(path, packageDir), "utf8");
  const readme = read("README.md");
  const shows = (example: string) => expect(readme).toContain(`\`\`\`ts\n${read(`examples/${example}`)}\`\`\``);
  const run = async (example: string, { env, logs }: ExampleRun) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    vi.stubEnv(options.baseUrlEnv, inject(`mock:${options.provider}`));
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import(/* @vite-ignore */ fileURLToPath(new URL(`examples/${example}`, packageDir)));
    expect(log.mock.calls).toEqual(logs);
  };

  describe("the README example", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    });

    it("is examples/quickstart.ts, verbatim", () => shows("quickstart.ts"));

    if (options.webhookServer) {
      it("shows examples/webhook-server.ts, verbatim", () => shows("webhook-server.ts"));
    }

    it("runs against the mock", () => run("quickstart.ts", options.quickstart));

    it("shows examples/resources.ts, verbatim", () => shows("resources.ts"));

    it("runs examples/resources.ts against the mock: one call per resource", () =>
      run("resources.ts", options.resources));

    for (const [example, expected] of Object.entries(options.more ?? {})) {
      it(`shows examples/${example}, verbatim`, () => shows(example));

      it(`runs examples/${example} against the mock`, () => run(example, expected));
    }
  });
}

interface ExportTarget {
  readonly import: { readonly default: string };
  readonly require: { readonly default: string };
}

interface Manifest {
  readonly name: string;
  readonly exports: Readonly<Record<string, ExportTarget>>;
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/**
 * The package's built module, as ESM and as CommonJS, exports every runtime name of
 * `@payspec/core/public` as the very same object that `@payspec/core` (which the client is built
 * on) has: one `ApiError` class for `instanceof`, one registry behind `requestMetaOf`. Names that
 * exist only as types are checked by `pnpm typecheck`. `testFile` is the calling test's
 * `import.meta.url`; run after `pnpm build`.
 */
export function publicApiSuite(testFile: string): void {
  const packageDir = fileURLToPath(new URL("../", testFile));
  const require = createRequire(join(packageDir, "package.json"));
  const coreDir = dirname(require.resolve("@payspec/core/package.json"));
  const entry = (dir: string, subpath: string) => {
    const target = manifest(dir).exports[subpath];
    if (target === undefined) throw new Error(`${manifest(dir).name} exports no "${subpath}".`);
    return { esm: join(dir, target.import.default), cjs: join(dir, target.require.default) };
  };
  const core = entry(coreDir, ".");
  const corePublic = entry(coreDir, "./public");
  const built = entry(packageDir, ".");
  const load = async (file: string): Promise<Record<string, unknown>> => import(pathToFileURL(file).href);
  const loadBoth = async (files: { esm: string; cjs: string }) => ({
    esm: await load(files.esm),
    cjs: require(files.cjs) as Record<string, unknown>,
  });
  // The names of `expected` that `module` lacks or binds to another object.
  const missingOrOther = (expected: Record<string, unknown>, module: Record<string, unknown>) =>
    Object.keys(expected).filter((name) => module[name] !== expected[name]);

  describe(`${manifest(packageDir).name} re-exports @payspec/core/public`, () => {
    it("@payspec/core/public has the same names in ESM and CommonJS, each @payspec/core's own object", async () => {
      const facade = await loadBoth(corePublic);
      const main = await loadBoth(core);
      expect(Object.keys(facade.esm)).toContain("ApiError");
      expect(Object.keys(facade.cjs).sort()).toEqual(Object.keys(facade.esm).sort());
      expect(missingOrOther(facade.esm, main.esm)).toEqual([]);
      expect(missingOrOther(facade.cjs, main.cjs)).toEqual([]);
    });

    it("the ESM build exports every name, as the same object", async () => {
      expect(missingOrOther(await load(corePublic.esm), await load(built.esm))).toEqual([]);
    });

    it("the CommonJS build exports every name, as the same object", () => {
      expect(missingOrOther(require(corePublic.cjs), require(built.cjs))).toEqual([]);
    });
  });
}
