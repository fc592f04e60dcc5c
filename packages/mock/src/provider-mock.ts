import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type FaultRule, type MockProxy, type RecordedAttempt, startProxy } from "./proxy.js";
import { resolveSpec } from "./specs.js";
import { type MockServer, startMock } from "./start-mock.js";

/** Options for {@link startProviderMock}. */
export interface ProviderMockOptions {
  /** A provider name (`paymnt-cloud`, `paymentkit`, `vaiipay`, `paymend`) or a path to an OpenAPI file. */
  readonly spec: string;
  /** Interface to bind. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port of the URL clients use (the proxy's, or Prism's without it). Default `0`: a free port. */
  readonly port?: number;
  /** Put the remembering proxy in front of Prism. Default `true`. */
  readonly proxy?: boolean;
  /** Generate responses from schemas instead of serving examples. Default `false`. */
  readonly dynamic?: boolean;
}

/** A provider mock: Prism, and in front of it (unless disabled) the remembering proxy. */
export interface ProviderMock {
  /** The URL to point a client at. */
  readonly url: string;
  /** Prism's own URL, behind the proxy. */
  readonly mockUrl: string;
  /** The idempotency header the proxy remembers, from the spec's `x-payspec-idempotency`; undefined when none. */
  readonly idempotencyHeader: string | undefined;
  /** Every request the proxy saw (empty without the proxy). */
  readonly attempts: readonly RecordedAttempt[];
  /** Queues a fault. Throws without the proxy. */
  fault(rule: FaultRule): void;
  /** Forgets attempts, remembered responses and faults. */
  reset(): void;
  close(): Promise<void>;
}

interface IdempotencyExtension {
  readonly header?: string;
  readonly conflictStatus?: number;
  readonly conflictExample?: string;
}

/** The provider's idempotency as its spec declares it (`x-payspec-idempotency`). */
export function idempotencyOf(spec: string): {
  header: string | undefined;
  conflictStatus: number | undefined;
  conflictExample: string | undefined;
} {
  const document = parse(readFileSync(resolveSpec(spec), "utf8")) as { "x-payspec-idempotency"?: IdempotencyExtension };
  const declared = document["x-payspec-idempotency"];
  const header = declared?.header === undefined || declared.header === "none" ? undefined : declared.header;
  return { header, conflictStatus: declared?.conflictStatus, conflictExample: declared?.conflictExample };
}

/**
 * Starts the mock for one provider: Prism serving the spec (requests and responses validated,
 * `--errors`, CORS off) and, by default, the remembering proxy in front of it, configured with the
 * idempotency header and conflict status the spec declares.
 */
export async function startProviderMock(options: ProviderMockOptions): Promise<ProviderMock> {
  const withProxy = options.proxy ?? true;
  const mock: MockServer = await startMock({
    spec: options.spec,
    host: options.host ?? "127.0.0.1",
    port: withProxy ? 0 : (options.port ?? 0),
    dynamic: options.dynamic ?? false,
  });
  const { header, conflictStatus, conflictExample } = idempotencyOf(options.spec);
  let proxy: MockProxy | undefined;
  try {
    proxy = withProxy
      ? await startProxy({
          target: mock.url,
          host: options.host ?? "127.0.0.1",
          port: options.port ?? 0,
          ...(header === undefined ? {} : { idempotencyHeader: header }),
          ...(conflictStatus === undefined ? {} : { conflictStatus }),
          ...(conflictExample === undefined ? {} : { conflictExample }),
        })
      : undefined;
  } catch (error) {
    await mock.close();
    throw error;
  }
  return {
    url: proxy?.url ?? mock.url,
    mockUrl: mock.url,
    idempotencyHeader: header,
    attempts: proxy?.attempts ?? [],
    fault(rule) {
      if (proxy === undefined) throw new Error("Faults need the proxy: start the mock with proxy: true.");
      proxy.fault(rule);
    },
    reset: () => proxy?.reset(),
    close: async () => {
      await proxy?.close();
      await mock.close();
    },
  };
}
