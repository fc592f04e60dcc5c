/** True in a browser page or worker with a DOM, where a secret credential would be exposed. */
export function isBrowser(): boolean {
  const scope = globalThis as { window?: { document?: unknown }; document?: unknown };
  return typeof scope.window === "object" && scope.window !== null && typeof scope.document === "object";
}

/** `payspec/<provider>/<version> (<runtime>/<version>)`, as sent in `User-Agent`. */
export function defaultUserAgent(packageName: string, packageVersion: string): string {
  const scope = globalThis as {
    process?: { versions?: Record<string, string | undefined> };
    Deno?: { version?: { deno?: string } };
  };
  const versions = scope.process?.versions;
  const runtime =
    versions?.bun !== undefined
      ? `bun/${versions.bun}`
      : scope.Deno?.version?.deno !== undefined
        ? `deno/${scope.Deno.version.deno}`
        : versions?.node !== undefined
          ? `node/${versions.node}`
          : "unknown-runtime";
  return `${packageName.replace(/^@/, "")}/${packageVersion} (${runtime})`;
}

/** True on Node.js (not Bun or Deno, whose own `fetch` is already fast). */
export function isNode(): boolean {
  const runtime = globalThis as { process?: { versions?: { node?: string; bun?: string } }; Deno?: unknown };
  return (
    runtime.process?.versions?.node !== undefined &&
    runtime.process.versions.bun === undefined &&
    runtime.Deno === undefined
  );
}
