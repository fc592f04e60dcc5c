/**
 * Where the provider specs live and how a provider name maps to its spec file. A module of its own
 * so that everything that resolves a spec (the mock server, the provider mock, the validators, the
 * suites) imports it directly instead of going through the package entry.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Thrown when Prism cannot load a spec; `message` carries Prism's own explanation. */
export class MockStartError extends Error {
  override readonly name = "MockStartError";
}

// Inside the payspec repository the specs are read where they are edited; a published package
// reads the copies its build put in `specs/`.
const packageRoot = fileURLToPath(new URL("../", import.meta.url));
const specsDirectory = existsSync(join(packageRoot, "../../pnpm-workspace.yaml"))
  ? join(packageRoot, "../../specs")
  : join(packageRoot, "specs");

/** The providers whose specs this package serves, such as `paymnt-cloud`. */
export function providers(): string[] {
  return readdirSync(specsDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specsDirectory, entry.name, "openapi.yaml")))
    .map((entry) => entry.name)
    .sort();
}

/** The spec file of a provider, such as `paymnt-cloud` → `specs/paymnt-cloud/openapi.yaml`. */
export function providerSpecPath(provider: string): string {
  if (!/^[a-z0-9-]+$/.test(provider) || !existsSync(join(specsDirectory, provider, "openapi.yaml"))) {
    throw new MockStartError(
      `Unknown provider "${provider}": use one of ${providers().join(", ")}, or a path to an OpenAPI file.`,
    );
  }
  return join(specsDirectory, provider, "openapi.yaml");
}

/** A provider name or a path, as `startMock` accepts it, resolved to a spec file path. */
export function resolveSpec(spec: string): string {
  return spec.includes("/") ? spec : providerSpecPath(spec);
}
