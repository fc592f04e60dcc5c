import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { describe, expect, it } from "vitest";
import { describeOperations } from "./operations.js";
import { resolveSpec } from "./specs.js";

/** What a sweep call gives back: openapi-fetch's result (`data` on success, `error` otherwise). */
export interface SweepResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * A valid call of one operation, sending the given headers (the sweep's `Prefer`/`Accept`). It
 * may take either form:
 *
 * - an openapi-fetch style call, whose result already is `{ data, error, response }`:
 *   `(c, headers) => c.POST("/payments", { body, headers })`;
 * - a resource method settled into that result by {@link settle}:
 *   `(c, headers) => settle(c.payments.create(body, { headers }))`.
 */
export type SweepCall<Client> = (client: Client, headers: Record<string, string>) => Promise<SweepResult>;

/** A resource method's promise (core's `ApiPromise` or `ListPromise`), as {@link settle} takes it. */
export interface SettleablePromise {
  withResponse(): PromiseLike<{ readonly data: unknown; readonly response: Response }>;
}

/** An error a resource method throws for an error status: core's `ApiError` and its subclasses. */
interface ApiErrorLike {
  readonly status: number;
  readonly body: unknown;
  readonly headers: HeadersInit;
}

function isApiErrorLike(thrown: unknown): thrown is ApiErrorLike {
  if (typeof thrown !== "object" || thrown === null) return false;
  const { status, headers } = thrown as Partial<ApiErrorLike>;
  return typeof status === "number" && "body" in thrown && typeof headers === "object" && headers !== null;
}

/**
 * Turns a resource method's promise into the sweep's `{ data, error, response }`, so the same
 * sweep (and negative suite) exercises the generated methods: on success, `withResponse()`'s
 * data and response; on an `ApiError`-like rejection (a numeric `status`, a `body`, `headers`),
 * the error's body as `error` with a response of that status and headers carrying the body again
 * (no body when the error had none). Anything else (a spec violation, a timeout) is rethrown.
 *
 * @example
 * ```ts
 * const validCalls = {
 *   createPayment: (c, headers) => settle(c.payments.create({ amount: 1000, currency: "USD" }, { headers })),
 * } satisfies Record<string, SweepCall<PaymntCloudClient>>;
 * ```
 */
export async function settle(promise: SettleablePromise): Promise<SweepResult> {
  try {
    const { data, response } = await promise.withResponse();
    return { data, response };
  } catch (thrown) {
    if (!isApiErrorLike(thrown)) throw thrown;
    const { status, body } = thrown;
    const headers = new Headers(thrown.headers);
    // The body is written again below, so the original length no longer describes it.
    headers.delete("content-length");
    const text =
      body === undefined || body === null || body === ""
        ? null
        : typeof body === "string"
          ? body
          : JSON.stringify(body);
    return { error: body, response: new Response(text, { status, headers }) };
  }
}

const rawMethods = new Set(["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"]);

/**
 * The methods a sweep call invokes on its client, as `resource.method` (`payments.create`), or
 * the openapi-fetch method's name (`POST`) for a raw call. The call runs against a stand-in client
 * that sends nothing and answers each resource method with an empty success, so a provider can
 * check that every valid call goes through its operation's resource method and nothing else.
 */
export async function methodsCalledBy<Client>(call: SweepCall<Client>): Promise<string[]> {
  const called: string[] = [];
  const answer = (name: string) => {
    called.push(name);
    const settled = Promise.resolve({ data: {}, response: new Response("{}") });
    return Object.assign(
      settled.then(({ data }) => data),
      { withResponse: () => settled },
    );
  };
  const resource = (name: string) =>
    new Proxy(
      {},
      { get: (_target, method) => (typeof method === "string" ? () => answer(`${name}.${method}`) : undefined) },
    );
  const client = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (typeof name !== "string" || name === "then") return undefined;
        return rawMethods.has(name) ? () => answer(name) : resource(name);
      },
    },
  );
  await call(client as Client, {});
  return called;
}

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
