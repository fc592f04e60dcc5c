import { InvalidRequestError } from "./errors.js";

const placeholder = /\{([^{}]+)\}/g;
const namesBySchemaPath = new Map<string, readonly string[]>();

function placeholders(schemaPath: string): readonly string[] {
  let names = namesBySchemaPath.get(schemaPath);
  if (names === undefined) {
    names = [...schemaPath.matchAll(placeholder)].map((match) => match[1] as string);
    namesBySchemaPath.set(schemaPath, names);
  }
  return names;
}

/**
 * The call's path parameters with client-wide defaults filled in (such as the account id every
 * path of an account-scoped API carries). Refuses a call that leaves a placeholder unfilled:
 * without this, `/api/{account_id}/…` would go out literally.
 */
export function fillPathParams(
  schemaPath: string,
  given: unknown,
  defaults: Readonly<Record<string, string>>,
): Record<string, unknown> | undefined {
  const names = placeholders(schemaPath);
  if (names.length === 0) return given as Record<string, unknown> | undefined;
  const path = (typeof given === "object" && given !== null ? given : {}) as Record<string, unknown>;
  let filled: Record<string, unknown> | undefined;
  const missing: string[] = [];
  for (const name of names) {
    const value = path[name];
    if (value === "") {
      throw new InvalidRequestError("missing_path_parameter", `Path parameter ${name} of ${schemaPath} is empty.`);
    }
    if (value !== undefined && value !== null) continue;
    const fallback = defaults[name];
    if (fallback === undefined) missing.push(name);
    else {
      filled ??= { ...path };
      filled[name] = fallback;
    }
  }
  if (missing.length > 0) {
    throw new InvalidRequestError(
      "missing_path_parameter",
      `Missing path parameter ${missing.join(", ")} for ${schemaPath}: pass it in params.path${missing.includes("account_id") ? " or set accountId on the client" : ""}.`,
    );
  }
  return filled ?? path;
}
