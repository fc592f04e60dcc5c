import { describe, expect, it } from "vitest";
import type { SweepCall } from "./example-sweep.js";
import { describeOperations } from "./operations.js";
import { resolveSpec } from "./specs.js";
import { violationsOf } from "./violations.js";

/** A call of one operation that the spec forbids (a bad parameter or body), sent through the typed client. */
export type InvalidCall<Client> = (client: Client) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Options for {@link negativeSuite}. */
export interface NegativeSuiteOptions<Client> {
  /** The provider's spec (a provider name or a path). */
  readonly provider: string;
  /** The valid call of each operation, as the example sweep uses them. */
  readonly validCalls: Readonly<Record<string, SweepCall<Client>>>;
  /** A client that sends no credentials and does not throw on violations (the mock's answer is the subject). */
  readonly unauthenticatedClient: () => Client;
  /** A client with credentials that does not throw on violations, for {@link invalidCalls}. */
  readonly lenientClient: () => Client;
  /** Bad requests per operation; required for operations that need no credentials. */
  readonly invalidCalls?: Readonly<Record<string, InvalidCall<Client>>>;
  /**
   * The client's typed errors: each refusal must become an `ApiError` with the response's status
   * through `unwrap`, and a 401 an `AuthenticationError`.
   */
  readonly errors: {
    readonly unwrap: (result: { data?: unknown; error?: unknown; response: Response }) => Promise<unknown>;
    readonly ApiError: abstract new (...args: never[]) => unknown;
    readonly AuthenticationError: abstract new (...args: never[]) => unknown;
  };
}

async function expectTypedError<Client>(
  errors: NegativeSuiteOptions<Client>["errors"],
  result: { data?: unknown; error?: unknown; response: Response },
) {
  const error = await errors.unwrap(result).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(result.response.status === 401 ? errors.AuthenticationError : errors.ApiError);
  expect(error).toMatchObject({ status: result.response.status });
}

/**
 * Registers a negative test per operation: the valid call without credentials must be refused
 * with 401 by the mock, and each bad request in `invalidCalls` must be refused with a 4xx that
 * names the violation. Every operation that needs no credentials must have a bad request.
 */
export async function negativeSuite<Client>(options: NegativeSuiteOptions<Client>): Promise<void> {
  const operations = await describeOperations(resolveSpec(options.provider));
  const invalidCalls = options.invalidCalls ?? {};
  const secured = operations.filter((operation) => operation.secured);
  const invalid = operations.filter((operation) => invalidCalls[operation.operationId] !== undefined);

  describe(`every ${options.provider} operation refuses a bad request`, () => {
    it("has a bad request for every operation that needs no credentials", () => {
      const anonymous = operations.filter((operation) => !operation.secured).map((operation) => operation.operationId);
      expect(anonymous.filter((operationId) => invalidCalls[operationId] === undefined)).toEqual([]);
    });

    it.each(secured.map((operation) => operation.operationId))(
      "%s without credentials answers 401",
      async (operationId) => {
        const call = options.validCalls[operationId];
        if (call === undefined) throw new Error(`no valid call for ${operationId}`);
        const result = await call(options.unauthenticatedClient(), {});
        expect(result.response.status).toBe(401);
        expect(result.error).toBeTypeOf("object");
        await expectTypedError(options.errors, result);
      },
    );

    it.each(invalid.map((operation) => operation.operationId))(
      "%s with a bad request answers 4xx",
      async (operationId) => {
        const call = invalidCalls[operationId];
        if (call === undefined) throw new Error(`no bad request for ${operationId}`);
        const result = await call(options.lenientClient());
        expect(result.response.status).toBeGreaterThanOrEqual(400);
        expect(result.response.status).toBeLessThan(500);
        expect(result.error).toBeTypeOf("object");
        // Prism names what was wrong: in the header for spec-defined errors, in the body otherwise.
        const named =
          violationsOf(result.response).length > 0 ||
          Array.isArray((result.error as { validation?: unknown } | undefined)?.validation);
        expect(named, "the mock should name the violation").toBe(true);
        await expectTypedError(options.errors, result);
      },
    );
  });
}
