import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type FaultRule, type MockProxy, type RecordedAttempt, startProxy } from "./proxy.js";
import { MockStartError, resolveSpec } from "./specs.js";
import { type MockServer, startMock } from "./start-mock.js";
import {
  createStatefulLayer,
  type StatefulDelivery,
  type StatefulLayer,
  type StatefulWebhookOptions,
} from "./stateful/stateful-layer.js";

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
  /**
   * Remember objects and run each provider's lifecycle (docs/stateful-mock.md): created objects
   * come back on retrieve and in lists, transitions follow the spec's `x-payspec-lifecycle`, and
   * events are delivered to `webhooks.url`. Needs the proxy. Default `false`.
   */
  readonly stateful?: boolean;
  /** Stateful mode: where and how webhooks are delivered. */
  readonly webhooks?: StatefulWebhookOptions;
  /** Stateful mode: the mock clock's start (ms since the epoch). Default: now. */
  readonly clockStart?: number;
  /** Stateful mode: values the lifecycle reads as `config.*`, such as `merchantId`. */
  readonly config?: Readonly<Record<string, unknown>>;
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

/** A provider mock in stateful mode: the mock clock, the deliveries and the control API, in process. */
export interface StatefulProviderMock extends ProviderMock {
  /** The mock clock: `await mock.clock.advance(ms)` runs what falls due (a new clock after `reset`). */
  readonly clock: StatefulLayer["clock"];
  /** Every webhook delivery so far, with each attempt and its answer. */
  deliveries(): StatefulDelivery[];
  /** Resolves once no webhook delivery is pending. */
  idle(): Promise<void>;
  /** Creates an object in any declared state, as `POST /__payspec/objects` does. */
  seed: StatefulLayer["seed"];
  /** Fires a provider-side event on an object, as `POST /__payspec/objects/{kind}/{id}/events/{name}` does. */
  fire: StatefulLayer["fire"];
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
export async function startProviderMock(
  options: ProviderMockOptions & { readonly stateful: true },
): Promise<StatefulProviderMock>;
export async function startProviderMock(options: ProviderMockOptions): Promise<ProviderMock>;
export async function startProviderMock(options: ProviderMockOptions): Promise<ProviderMock | StatefulProviderMock> {
  const withProxy = options.proxy ?? true;
  if (options.stateful === true && !withProxy) {
    throw new MockStartError("Stateful mode runs in the proxy: leave proxy on (remove proxy: false / --no-proxy).");
  }
  if (options.stateful !== true && (options.webhooks !== undefined || options.clockStart !== undefined)) {
    throw new MockStartError("webhooks and clockStart apply to stateful mode only: add stateful: true.");
  }
  const layer =
    options.stateful === true
      ? createStatefulLayer({
          spec: options.spec,
          ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
          ...(options.clockStart === undefined ? {} : { clockStart: options.clockStart }),
          ...(options.config === undefined ? {} : { config: options.config }),
        })
      : undefined;
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
          handle: mock.request,
          host: options.host ?? "127.0.0.1",
          port: options.port ?? 0,
          ...(header === undefined ? {} : { idempotencyHeader: header }),
          ...(conflictStatus === undefined ? {} : { conflictStatus }),
          ...(conflictExample === undefined ? {} : { conflictExample }),
          ...(layer === undefined ? {} : { stateful: layer }),
        })
      : undefined;
  } catch (error) {
    layer?.close();
    await mock.close();
    throw error;
  }
  const base: ProviderMock = {
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
      layer?.close();
      await proxy?.close();
      await mock.close();
    },
  };
  if (layer === undefined) return base;
  layer.setBaseUrl(base.url);
  return {
    ...base,
    get clock() {
      return layer.clock;
    },
    deliveries: () => layer.deliveries(),
    idle: () => layer.idle(),
    seed: (input) => layer.seed(input),
    fire: (kind, id, name, params) => layer.fire(kind, id, name, params),
  };
}
