// TypeDoc configuration for `pnpm docs` (scripts/docs.mjs): one API reference, built from TSDoc, for
// every public package under packages/, written to site/api/.
import { relative } from "node:path";
import { OptionDefaults } from "typedoc";
import { publishablePackages, root } from "./scripts/packages.mjs";

/** @type {Partial<import("typedoc").TypeDocOptions>} */
const packageOptions = {
  entryPoints: ["src/index.ts"],
  // openapi-typescript writes @description and @constant into src/generated/openapi.ts.
  blockTags: [...OptionDefaults.blockTags, "@description", "@constant"],
  // `pnpm typecheck` already type-checks every package; doing it again here doubles the time.
  skipErrorChecking: true,
  // Helper types that are referenced but deliberately not exported are not an error; broken links are.
  validation: { notExported: false, invalidLink: true, rewrittenLink: true, notDocumented: false },
  disableGit: true,
  gitRevision: "main",
  sourceLinkTemplate: "https://github.com/payspec/payspec/blob/{gitRevision}/{path}#L{line}",
};

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "payspec API reference",
  entryPointStrategy: "packages",
  entryPoints: publishablePackages().map((dir) => relative(root, dir)),
  packageOptions,
  out: "site/api",
  readme: "none",
  // TypeDoc's defaults plus the languages the READMEs' code blocks use (SQL: a webhook store's schema).
  highlightLanguages: ["bash", "console", "css", "html", "javascript", "json", "jsonc", "json5", "tsx", "typescript", "sh", "sql", "yaml", "text"],
  // Any other warning (an unknown tag, a broken {@link}) fails `pnpm docs`.
  treatWarningsAsErrors: true,
};
