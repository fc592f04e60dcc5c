import type { ValidateFunction } from "ajv/dist/2020.js";
import { specAjv } from "./schema-validation.js";

/** A response body that does not match the spec's schema for its operation and status. */
export class ResponseSchemaError extends Error {
  override readonly name = "ResponseSchemaError";
}

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Checks response bodies against the spec's schema for an operation, status and media type, with
 * Ajv (JSON Schema 2020-12, formats) — independent of Prism. Returns `undefined` when the body
 * matches, else a readable list of differences; throws {@link ResponseSchemaError} when the spec
 * declares no such response at all.
 */
export function responseBodyChecker(provider: string) {
  const { ajv, document: parsed } = specAjv(provider);
  const document = parsed as {
    paths: Record<
      string,
      Record<string, { responses?: Record<string, { $ref?: string; content?: Record<string, unknown> }> }>
    >;
    components?: { responses?: Record<string, { content?: Record<string, unknown> }> };
  };
  const cache = new Map<string, ValidateFunction | undefined>();

  const validatorFor = (schemaPath: string, method: string, status: number, mediaType: string) => {
    const key = `${method} ${schemaPath} ${status} ${mediaType}`;
    if (cache.has(key)) return cache.get(key);
    const responses = document.paths[schemaPath]?.[method.toLowerCase()]?.responses ?? {};
    const statusKey = [String(status), `${String(status)[0]}XX`, "default"].find((candidate) => candidate in responses);
    let pointer: string | undefined;
    if (statusKey !== undefined) {
      const response = responses[statusKey];
      const base =
        response?.$ref ?? `#/paths/${escapePointer(schemaPath)}/${method.toLowerCase()}/responses/${statusKey}`;
      const content = response?.$ref
        ? document.components?.responses?.[response.$ref.split("/").at(-1) ?? ""]?.content
        : response?.content;
      if (content !== undefined && mediaType in content) pointer = `${base}/content/${escapePointer(mediaType)}/schema`;
    }
    const validate = pointer === undefined ? undefined : ajv.getSchema(`spec${pointer}`);
    cache.set(key, validate);
    return validate;
  };

  return (request: { method: string; schemaPath: string }, status: number, mediaType: string, body: unknown) => {
    const validate = validatorFor(request.schemaPath, request.method, status, mediaType);
    if (validate === undefined) {
      throw new ResponseSchemaError(
        `${request.method} ${request.schemaPath} answered ${status} ${mediaType}, which the spec does not declare.`,
      );
    }
    if (validate(body)) return undefined;
    return (validate.errors ?? []).map(
      (error) =>
        `${error.instancePath || "/"} ${error.message ?? ""} (got ${JSON.stringify(valueAt(body, error.instancePath))?.slice(0, 80)})`,
    );
  };
}

/**
 * openapi-fetch middleware for contract tests: validates every response body with Ajv (JSON Schema
 * 2020-12, formats) against the spec's schema for the operation, status and media type — a check
 * independent of Prism's own — and fails the call with a readable list of differences.
 */
export function validateResponses(provider: string) {
  const check = responseBodyChecker(provider);
  return {
    async onResponse({ request, response, schemaPath }: { request: Request; response: Response; schemaPath: string }) {
      const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
      if (!mediaType.includes("json") || response.status === 204) return undefined;
      const differences = check(
        { method: request.method, schemaPath },
        response.status,
        mediaType,
        await response.clone().json(),
      );
      if (differences !== undefined) {
        throw new ResponseSchemaError(
          `${request.method} ${schemaPath} → ${response.status}: the body does not match the spec's schema:\n${differences.map((line) => `  - ${line}`).join("\n")}`,
        );
      }
      return undefined;
    },
  };
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const segment of pointer.split("/").slice(1)) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return current;
}
