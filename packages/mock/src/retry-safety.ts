import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { idempotencyOf } from "./provider-mock.js";
import { type MockProxy, type RecordedAttempt, startProxy } from "./proxy.js";

type Result = { data?: unknown; error?: unknown; response: Response };

/** Client settings the suite varies per case. */
export interface RetrySafetyClientOptions {
  readonly maxRetries: number;
  readonly timeoutMs: number;
}

/** Options for {@link retrySafetySuite}. */
export interface RetrySafetyOptions<Client> {
  /** The provider's spec: its `x-payspec-idempotency` decides which behaviour is expected. */
  readonly provider: string;
  /** URL of the running Prism mock the proxy forwards to (read when the suite starts). */
  readonly target: () => string;
  /** A client for `baseUrl` with the given retry settings and a short retry delay. */
  readonly newClient: (baseUrl: string, options: RetrySafetyClientOptions) => Client;
  /** A valid POST that makes the provider act (creates a payment, a customer…), sent at `path`. */
  readonly create: {
    readonly path: string;
    readonly call: (client: Client, headers: Record<string, string>) => Promise<Result>;
  };
  /**
   * A valid POST the provider does not deduplicate, for a provider whose key covers only some
   * operations (`x-payspec-idempotency.operations`): it must never be sent twice.
   */
  readonly unkeyedCreate?: {
    readonly path: string;
    readonly call: (client: Client, headers: Record<string, string>) => Promise<Result>;
  };
  /** The same POST with a different body, for the reused-key case (providers with idempotency). */
  readonly createOtherBody?: (client: Client, headers: Record<string, string>) => Promise<Result>;
  /** A valid GET, sent at `path`. */
  readonly read: { readonly path: string; readonly call: (client: Client) => Promise<Result> };
}

const reachedProvider = (attempt: RecordedAttempt) =>
  attempt.outcome === "forwarded" || attempt.fault === "drop-after-forward" || attempt.fault === "delay";

/**
 * Retry and idempotency contract tests through the remembering proxy, with injected faults: a
 * mutating request reaches the provider at most once per idempotency key, a provider without
 * idempotency never gets a POST twice, and 429/503/slow answers are retried as documented.
 */
export function retrySafetySuite<Client>(options: RetrySafetyOptions<Client>): void {
  const { header } = idempotencyOf(options.provider);
  let proxy: MockProxy;

  describe(`${options.provider} retries are safe (remembering proxy, injected faults)`, () => {
    beforeAll(async () => {
      proxy = await startProxy({
        target: options.target(),
        ...(header === undefined ? {} : { idempotencyHeader: header }),
      });
    });
    afterEach(() => proxy.reset());
    afterAll(() => proxy.close());

    const client = (overrides: Partial<RetrySafetyClientOptions> = {}) =>
      options.newClient(proxy.url, { maxRetries: 2, timeoutMs: 10_000, ...overrides });
    const creates = () => proxy.attempts.filter((attempt) => attempt.path === options.create.path);

    /** A POST the provider does not deduplicate reaches it at most once, whatever fails. */
    const neverResent = (label: string, target: NonNullable<RetrySafetyOptions<Client>["unkeyedCreate"]>) => {
      const sent = () => proxy.attempts.filter((attempt) => attempt.path === target.path);
      it(`${label}: dropped after sending, it is never resent`, async () => {
        proxy.fault({ method: "POST", path: target.path, fault: { kind: "drop-after-forward" } });
        const failure = await target.call(client(), {}).catch((error: unknown) => error);
        expect(failure).toMatchObject({ name: "ConnectionError", sent: true });
        expect(sent()).toHaveLength(1);
      });

      it(`${label}: a 503 is not resent either`, async () => {
        proxy.fault({ method: "POST", path: target.path, fault: { kind: "status", status: 503 } });
        const result = await target.call(client(), {});
        expect(result.response.status).toBe(503);
        expect(sent()).toHaveLength(1);
      });

      // A key header the caller sets anyway is sent, but the provider ignores it, so it must not
      // make a resend look safe: the provider would act twice.
      it.each([
        ["a connection dropped after sending", { kind: "drop-after-forward" }, "ConnectionError"],
        ["a 500", { kind: "status", status: 500 }, 500],
        ["a 503", { kind: "status", status: 503 }, 503],
        ["a timeout", { kind: "delay", ms: 3_000 }, "TimeoutError"],
      ] as const)(
        `${label}: with a caller's Idempotency-Key header it is not resent after %s`,
        async (_case, fault, expected) => {
          proxy.fault({ method: "POST", path: target.path, fault });
          const outcome = await target
            .call(client({ timeoutMs: 1_000 }), { "Idempotency-Key": `caller-key-${Date.now()}` })
            .then(
              (result) => result.response.status,
              (error: { name?: string }) => error.name,
            );
          expect(outcome).toBe(expected);
          expect(sent()).toHaveLength(1);
        },
      );
    };

    if (header !== undefined) {
      it("a POST dropped after the provider acted is retried with the same key and answered from memory", async () => {
        proxy.fault({ method: "POST", path: options.create.path, fault: { kind: "drop-after-forward" } });
        const result = await options.create.call(client(), {});
        expect(result.response.status).toBeLessThan(300);
        expect(creates().map((attempt) => attempt.outcome)).toEqual(["fault", "replayed"]);
        const keys = new Set(creates().map((attempt) => attempt.idempotencyKey));
        expect(keys.size).toBe(1);
        expect([...keys][0]).toBeTruthy();
        expect(creates().filter(reachedProvider)).toHaveLength(1);
      });

      it("a 503 on a POST is retried with the same key", async () => {
        proxy.fault({ method: "POST", path: options.create.path, fault: { kind: "status", status: 503 } });
        const result = await options.create.call(client(), {});
        expect(result.response.status).toBeLessThan(300);
        expect(creates().map((attempt) => attempt.status)).toEqual([503, expect.any(Number)]);
        expect(new Set(creates().map((attempt) => attempt.idempotencyKey)).size).toBe(1);
      });

      it("a key reused with a different body is refused, and nothing new happens", async () => {
        const key = `payspec-reuse-${Date.now()}`;
        const first = await options.create.call(client(), { [header]: key });
        expect(first.response.status).toBeLessThan(300);
        const again = await options.create.call(client(), { [header]: key });
        expect(again.response.headers.get("idempotent-replayed")).toBe("true");
        if (options.createOtherBody === undefined)
          throw new Error("createOtherBody is required for a provider with idempotency");
        const other = await options.createOtherBody(client(), { [header]: key });
        expect(other.response.status).toBeGreaterThanOrEqual(400);
        expect(other.error).toBeTypeOf("object");
        expect(creates().map((attempt) => attempt.outcome)).toEqual(["forwarded", "replayed", "conflict"]);
      });
      if (options.unkeyedCreate !== undefined) {
        neverResent("a POST the provider does not deduplicate by its key", options.unkeyedCreate);
      }
    } else {
      neverResent("a POST of a provider that documents no idempotency", options.create);
    }

    it("a 429 with Retry-After is waited out, then retried", async () => {
      proxy.fault({
        method: "GET",
        path: options.read.path,
        fault: { kind: "status", status: 429, retryAfterSeconds: 1 },
      });
      const started = performance.now();
      const result = await options.read.call(client());
      expect(result.response.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(900);
      expect(proxy.attempts.map((attempt) => attempt.status)).toEqual([429, 200]);
    });

    it("a response slower than the attempt timeout is abandoned and the GET retried", async () => {
      // The timeout leaves the retry (through Prism, on a possibly busy machine) ample time.
      proxy.fault({ method: "GET", path: options.read.path, fault: { kind: "delay", ms: 4_000 } });
      const result = await options.read.call(client({ timeoutMs: 1_000 }));
      expect(result.response.status).toBe(200);
      expect(proxy.attempts.map((attempt) => attempt.fault ?? attempt.outcome)).toEqual(["delay", "forwarded"]);
    });

    it("gives up after maxRetries and reports the last answer", async () => {
      proxy.fault({ method: "GET", path: options.read.path, times: 5, fault: { kind: "status", status: 503 } });
      const result = await options.read.call(client({ maxRetries: 1 }));
      expect(result.response.status).toBe(503);
      expect(proxy.attempts).toHaveLength(2);
    });
  });
}
