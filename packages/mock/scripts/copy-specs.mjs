// Copies every provider spec into the package (`specs/<provider>/openapi.yaml`), so the published
// package serves the specs it was built with. Inside the repository the mock reads ../../specs.
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const source = new URL("../../../specs/", import.meta.url).pathname;
const destination = new URL("../specs/", import.meta.url).pathname;
rmSync(destination, { recursive: true, force: true });
for (const provider of readdirSync(source)) {
  const spec = join(source, provider, "openapi.yaml");
  if (existsSync(spec)) cpSync(spec, join(destination, provider, "openapi.yaml"));
}
