import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { describe, expect, it } from "vitest";
import { describeOperations } from "./operations.js";
import { resolveSpec } from "./specs.js";

/** A valid call of one operation, sending the given headers (the sweep's `Prefer`/`Accept`). */
export type SweepCall<Client> = (
  client: Client,
  headers: Record<string, string>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Registers the example sweep for a provider: one valid call per operation is required (the list
 * is checked against the spec), then every documented (operation, status, example) is requested
 * with `Prefer: code=…, example=…`, so every example the spec ships is served and validated by
 * Prism. A success documented without content must come back with an empty body; any other
 * success must carry an object. `newClient` should fail on violations (see `rejectViolations`)
 * and not retry.
 */
export async function exampleSweepSuite<Client>(
  provider: string,
  newClient: () => Client,
  validCalls: Readonly<Record<string, SweepCall<Client>>>,
  check?: (response: Response) => void,
): Promise<void> {
  const operations = await describeOperations(resolveSpec(provider));
  // The (operation, status) pairs documented without content: answered with an empty body.
  const bodyless = new Set(
    (await getHttpOperationsFromSpec(resolveSpec(provider))).flatMap((operation) =>
      operation.responses
        .filter((response) => (response.contents ?? []).length === 0)
        .map((response) => `${operation.iid ?? `${operation.method} ${operation.path}`} ${response.code}`),
    ),
  );
  const cases = operations.flatMap((operation) =>
    operation.responses.flatMap((response) =>
      (response.examples.length > 0 ? response.examples : [undefined]).map((example) => ({
        label: `${operation.operationId} ${response.status}${example === undefined ? "" : ` (${example.name}, ${example.mediaType})`}`,
        operationId: operation.operationId,
        status: Number(response.status),
        example,
        empty: bodyless.has(`${operation.operationId} ${response.status}`),
      })),
    ),
  );

  describe(`every documented response of the ${provider} spec`, () => {
    it("has a valid call for every operation", () => {
      expect(Object.keys(validCalls).sort()).toEqual(operations.map((operation) => operation.operationId).sort());
    });

    it.each(cases)("$label is served without violations", async ({ operationId, status, example, empty }) => {
      const call = validCalls[operationId];
      if (call === undefined) throw new Error(`no valid call for ${operationId}`);
      const headers: Record<string, string> =
        example === undefined
          ? { Prefer: `code=${status}` }
          : { Prefer: `code=${status}, example=${example.name}`, Accept: example.mediaType };
      const { data, error, response } = await call(newClient(), headers);
      expect(response.status).toBe(status);
      if (status < 300 && empty) {
        // Documented without content: the success carries no body at all.
        expect(data).toBeUndefined();
        expect(await response.text()).toBe("");
      } else {
        expect(status < 300 ? data : error).toBeTypeOf("object");
      }
      check?.(response);
    });
  });
}
