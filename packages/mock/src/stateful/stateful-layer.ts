import { basename, dirname } from "node:path";
import { responseBodyChecker } from "../response-validation.js";
import { specAjv } from "../schema-validation.js";
import { resolveSpec } from "../specs.js";
import { createMockClock, type MockClock } from "./clock.js";
import { createLifecycleEngine, ENDPOINT_KIND, type Lifecycle } from "./engine.js";
import { createEventBuilder, type EmittedEvent } from "./events.js";
import { durationMs } from "./expressions.js";
import { createRouter, readQuery } from "./router.js";
import { createObjectStore } from "./store.js";
import {
  createWebhookDispatcher,
  type DeliveryRecord,
  type SigningScheme,
  type WebhookDispatcher,
} from "./webhook-delivery.js";

/** Where the stateful mock delivers webhooks, and how. */
export interface StatefulWebhookOptions {
  /** The endpoint every event is delivered to (besides PaymentKit's registered endpoints). */
  readonly url?: string;
  /** The signing secret (required for every provider but Paymend, which signs nothing). */
  readonly secret?: string;
  /** Divides the provider's retry schedule: 3600 makes an hour a second. Default 1. */
  readonly timeCompression?: number;
  /** Extra copies of every event. Default 0. */
  readonly duplicates?: number;
  /** Delivers each transition's events in reverse order. Default false. */
  readonly outOfOrder?: boolean;
}

/** Options of the stateful mode (`startProviderMock({ stateful: true, … })`). */
export interface StatefulOptions {
  /** A provider name or a path to a spec with an `x-payspec-lifecycle`. */
  readonly spec: string;
  readonly webhooks?: StatefulWebhookOptions;
  /** The mock clock's start (ms since the epoch). Default: the real time at start. */
  readonly clockStart?: number;
  /** Values lifecycles read as `config.*`, such as `merchantId`. `baseUrl` is set by the server. */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** A request as the proxy received it. */
export interface LayerRequest {
  readonly method: string;
  /** Path and query, as in the request line. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** A response as the proxy sends it. */
export interface LayerResponse {
  readonly status: number;
  readonly headers: readonly [string, string][];
  readonly body: Buffer;
}

/** A delivery as the control API lists it: the dispatcher's record and where it went. */
export type StatefulDelivery = DeliveryRecord & { readonly target: "configured" | string };

/** The stateful mock: the lifecycle engine, its clock, the webhook deliveries, the control API. */
export interface StatefulLayer {
  /** Prism's answer replaced by the engine's, for the operations a lifecycle serves. */
  answer(request: LayerRequest, prism: LayerResponse): LayerResponse;
  /** Serves `/__payspec/…` stateful endpoints; `undefined` for a path it does not own. */
  control(method: string, url: string, body: Buffer): Promise<{ status: number; body: unknown } | undefined>;
  /** The mock clock (a new one after each reset). */
  readonly clock: MockClock;
  /** Every delivery so far, with its attempts. */
  deliveries(): StatefulDelivery[];
  /** Resolves once no delivery is pending. */
  idle(): Promise<void>;
  seed(input: { object: string; state?: string; fields?: Record<string, unknown> }): { status: number; body: unknown };
  fire(kind: string, id: string, name: string, params?: unknown): { status: number; body: unknown };
  /** Forgets objects, timers and deliveries; the clock restarts at `now` (default: its start). */
  reset(now?: number): void;
  /** Sets `config.baseUrl`, once the server knows its address. */
  setBaseUrl(url: string): void;
  close(): void;
}

interface WebhooksExtension {
  readonly targets?: {
    readonly configured?: boolean;
    readonly endpoints?: {
      readonly operations: Readonly<Record<string, string>>;
      readonly urlField: string;
      readonly eventsField: string;
    };
  };
  readonly retry?: {
    readonly schedule?: readonly string[];
    readonly retryOn?: readonly ("3xx" | "4xx" | "5xx" | "timeout" | "network")[];
    readonly success?: "2xx" | "200";
    readonly timeout?: string;
  };
}

const json = (status: number, value: unknown): LayerResponse => ({
  status,
  headers: [["content-type", "application/json"]],
  body: Buffer.from(JSON.stringify(value)),
});

function providerOf(spec: string): string {
  return spec.includes("/") ? basename(dirname(resolveSpec(spec))) : spec;
}

/**
 * The stateful mode of a provider mock (docs/stateful-mock.md): requests Prism accepted are
 * answered by the lifecycle engine from its store; every answer is checked against the spec's
 * schema for its operation and status before it leaves; transitions' events are built in the
 * provider's envelope and delivered, signed, to the webhook URL (and PaymentKit's registered
 * endpoints) on the provider's retry schedule.
 */
export function createStatefulLayer(options: StatefulOptions): StatefulLayer {
  const provider = providerOf(options.spec);
  const document = specAjv(options.spec).document as Record<string, unknown>;
  const lifecycle = document["x-payspec-lifecycle"] as (Lifecycle & { webhooks?: WebhooksExtension }) | undefined;
  if (lifecycle === undefined) {
    throw new TypeError(`payspec-mock: ${options.spec} declares no x-payspec-lifecycle, so it has no stateful mode.`);
  }
  const route = createRouter(document as Parameters<typeof createRouter>[0]);
  const checkBody = responseBodyChecker(options.spec);
  const config: Record<string, unknown> = { ...options.config };
  const buildEvent = createEventBuilder({ provider: options.spec, config });
  const webhooks = lifecycle.webhooks ?? {};
  const endpointTarget = webhooks.targets?.endpoints;
  const start = options.clockStart ?? Date.now();

  const dispatcherOptions = (url: string, secret: string | undefined) => ({
    scheme: provider as SigningScheme,
    url,
    ...(secret === undefined ? {} : { secret }),
    retryDelaysMs: (webhooks.retry?.schedule ?? []).map(durationMs),
    ...(webhooks.retry?.retryOn === undefined ? {} : { retryOn: webhooks.retry.retryOn }),
    ...(webhooks.retry?.success === undefined ? {} : { success: webhooks.retry.success }),
    ...(webhooks.retry?.timeout === undefined ? {} : { attemptTimeoutMs: durationMs(webhooks.retry.timeout) }),
    timeCompression: options.webhooks?.timeCompression ?? 1,
    duplicates: options.webhooks?.duplicates ?? 0,
    outOfOrder: options.webhooks?.outOfOrder ?? false,
  });

  // Everything a reset forgets, rebuilt together so nothing of the old run leaks into the new.
  const build = (now: number) => {
    const clock = createMockClock(now);
    const store = createObjectStore(() => clock.now());
    const dispatchers: { target: string; dispatcher: WebhookDispatcher }[] = [];
    const endpointDispatchers = new Map<
      string,
      { url: string; secret: string | undefined; dispatcher: WebhookDispatcher }
    >();
    const emitted = new Map<string, EmittedEvent>();
    const onOutcome = (record: DeliveryRecord) => {
      const source = emitted.get(record.eventId);
      if (source === undefined) return;
      engine.deliveryOutcome({
        kind: source.kind,
        id: source.id,
        type: source.type,
        outcome: record.outcome === "delivered" ? "acknowledged" : "exhausted",
      });
    };
    if (options.webhooks?.url !== undefined && webhooks.targets?.configured !== false) {
      dispatchers.push({
        target: "configured",
        dispatcher: createWebhookDispatcher({
          ...dispatcherOptions(options.webhooks.url, options.webhooks.secret),
          now: () => clock.now(),
          onOutcome,
        }),
      });
    }
    // PaymentKit's endpoints registered through its API, each signed with its own secret.
    const endpointsFor = (type: string) => {
      if (endpointTarget === undefined) return [];
      return store
        .list(ENDPOINT_KIND)
        .items.filter((endpoint) => {
          const events = endpoint.fields[endpointTarget.eventsField];
          return !Array.isArray(events) || events.length === 0 || events.includes(type) || events.includes("*");
        })
        .map((endpoint) => {
          const url = String(endpoint.fields[endpointTarget.urlField]);
          const secret = typeof endpoint.fields.secret === "string" ? endpoint.fields.secret : options.webhooks?.secret;
          let entry = endpointDispatchers.get(endpoint.id);
          // An endpoint updated to another URL (or secret) gets a dispatcher of its own from then on;
          // the old one keeps its records and the retries it has pending.
          if (entry === undefined || entry.url !== url || entry.secret !== secret) {
            const dispatcher = createWebhookDispatcher({
              ...dispatcherOptions(url, secret),
              now: () => clock.now(),
              onOutcome,
            });
            entry = { url, secret, dispatcher };
            endpointDispatchers.set(endpoint.id, entry);
            dispatchers.push({ target: endpoint.id, dispatcher });
          }
          return entry.dispatcher;
        });
    };
    const emit = (events: readonly EmittedEvent[]) => {
      // Nobody to deliver to: nothing is built (each event's body is still built and validated
      // whenever a webhook URL or a registered endpoint is there to receive it).
      const listening =
        dispatchers.some(({ target }) => target === "configured") ||
        (endpointTarget !== undefined && store.list(ENDPOINT_KIND, { limit: 1 }).items.length > 0);
      if (!listening) return;
      const built = events.map((event) => {
        const delivered = buildEvent(event, clock.now());
        emitted.set(delivered.id, event);
        return delivered;
      });
      for (const { target, dispatcher } of dispatchers) {
        if (target === "configured") dispatcher.deliver(...built);
      }
      for (const event of built) for (const dispatcher of endpointsFor(event.type)) dispatcher.deliver(event);
    };
    const engine = createLifecycleEngine({
      lifecycle,
      spec: document as Parameters<typeof createLifecycleEngine>[0]["spec"],
      store,
      clock,
      config,
      emit,
    });
    return { clock, store, engine, dispatchers };
  };
  let state = build(start);

  const answer = (request: LayerRequest, prism: LayerResponse): LayerResponse => {
    // Prism refused the request (validation, security, unknown path): that answer stands.
    if (prism.status >= 300) return prism;
    // An explicit example request (`Prefer: code=…`) stays Prism's, as in stateless mode.
    if (request.headers.prefer !== undefined) return prism;
    const url = new URL(request.url, "http://mock");
    const matched = route(request.method, url.pathname);
    if (matched === undefined || !state.engine.serves(matched.operation.operationId)) return prism;
    const contentType = String(request.headers["content-type"] ?? "");
    let body: unknown;
    if (request.body.length > 0 && contentType.includes("json")) body = JSON.parse(request.body.toString("utf8"));
    const lowerCase: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) lowerCase[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    // Lifecycles write headers as the docs do (`X-Payspec-Outcome`); HTTP names are case-insensitive.
    const header = new Proxy(lowerCase, {
      get: (target, name) => (typeof name === "string" ? target[name.toLowerCase()] : undefined),
    });
    const result = state.engine.handle(matched.operation.operationId, {
      body,
      query: readQuery(url.searchParams, matched.operation.parameters),
      path: matched.path,
      header,
    });
    if (result === undefined) return prism;
    const differences = checkBody(
      { method: request.method, schemaPath: matched.operation.schemaPath },
      result.status,
      result.mediaType,
      result.body,
    );
    if (differences !== undefined) {
      // State must never drift from the contract silently: a lifecycle bug is loud.
      return json(500, {
        error: "payspec_mock_schema_violation",
        message: `The stateful answer to ${matched.operation.operationId} (${result.status}) does not match the spec.`,
        differences,
      });
    }
    const prismHeaders = result.status === prism.status ? prism.headers : [];
    return {
      status: result.status,
      headers: [
        ["content-type", result.mediaType],
        ...prismHeaders.filter(([name]) => !["content-type", "content-length", "sl-violations"].includes(name)),
      ],
      body: Buffer.from(JSON.stringify(result.body)),
    };
  };

  const deliveries = () =>
    state.dispatchers.flatMap(({ target, dispatcher }) =>
      dispatcher.records.map((record) => ({ ...record, target }) as StatefulDelivery),
    );

  const control = async (method: string, rawUrl: string, body: Buffer) => {
    const url = new URL(rawUrl, "http://mock");
    const path = url.pathname.replace(/^\/__payspec/, "");
    const input = () => {
      if (body.length === 0) return {};
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new TypeError("the body must be a JSON object");
      }
      return parsed as Record<string, unknown>;
    };
    const refused = (message: string) => ({ status: 400, body: { error: "invalid_request", message } });
    try {
      if (path === "/clock" && method === "GET") {
        return { status: 200, body: { now: new Date(state.clock.now()).toISOString(), ms: state.clock.now() } };
      }
      if (path === "/clock/advance" && method === "POST") {
        const { ms, to } = input();
        const by = to !== undefined ? Date.parse(String(to)) - state.clock.now() : Number(ms);
        if (!Number.isFinite(by) || by < 0) {
          return refused('send {"ms": n} with n ≥ 0, or {"to": "<ISO time>"} not before the clock\'s time');
        }
        await state.clock.advance(by);
        return { status: 200, body: { now: new Date(state.clock.now()).toISOString(), ms: state.clock.now() } };
      }
      if (path === "/deliveries" && method === "GET") {
        const event = url.searchParams.get("event");
        const outcome = url.searchParams.get("status");
        return {
          status: 200,
          body: deliveries().filter(
            (delivery) =>
              (event === null || delivery.eventType === event) && (outcome === null || delivery.outcome === outcome),
          ),
        };
      }
      if (path === "/objects" && method === "POST") {
        const { object, state: initial, fields } = input();
        if (typeof object !== "string") return refused('send {"object": "<kind>", "state"?: …, "fields"?: {…}}');
        return state.engine.seed({
          object,
          ...(typeof initial === "string" ? { state: initial } : {}),
          ...(typeof fields === "object" && fields !== null ? { fields: fields as Record<string, unknown> } : {}),
        });
      }
      // Every stored object of a kind, newest first: how a test counts what a provider without a
      // list operation (VaiiPay, Paymend) holds.
      const kindPath = /^\/objects\/([^/]+)$/.exec(path);
      if (kindPath !== null && method === "GET") {
        const kind = decodeURIComponent(kindPath[1] as string);
        if (!state.engine.kinds().includes(kind)) {
          return { status: 404, body: { error: "not_found", message: `no kind ${kind}`, kinds: state.engine.kinds() } };
        }
        return { status: 200, body: state.store.list(kind).items.map((object) => object.fields) };
      }
      const objectPath = /^\/objects\/([^/]+)\/([^/]+)(?:\/events\/([^/]+))?$/.exec(path);
      if (objectPath !== null) {
        const [, kind, id, event] = objectPath.map((part) => (part === undefined ? part : decodeURIComponent(part)));
        if (event === undefined && method === "GET") {
          const found = state.engine.inspect(kind as string, id as string);
          return found === undefined
            ? { status: 404, body: { error: "not_found", message: `no ${kind} ${id}` } }
            : { status: 200, body: found };
        }
        if (event !== undefined && method === "POST") {
          return state.engine.fire(kind as string, id as string, event, input());
        }
      }
    } catch (error) {
      return refused(error instanceof Error ? error.message : String(error));
    }
    return undefined;
  };

  return {
    answer,
    control,
    get clock() {
      return state.clock;
    },
    deliveries,
    async idle() {
      await Promise.all(state.dispatchers.map(({ dispatcher }) => dispatcher.idle()));
    },
    seed: (input) => state.engine.seed(input),
    fire: (kind, id, name, params) => state.engine.fire(kind, id, name, params),
    reset(now = start) {
      for (const { dispatcher } of state.dispatchers) dispatcher.close();
      state.engine.reset();
      state = build(now);
    },
    setBaseUrl(url) {
      config.baseUrl = url;
    },
    close() {
      for (const { dispatcher } of state.dispatchers) dispatcher.close();
      state.engine.reset();
    },
  };
}
