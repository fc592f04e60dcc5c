import type { Client, Middleware } from "openapi-fetch";
import { type AuthScheme, assertCredential, authHeader } from "./auth.js";
import { Call, type ClientRuntime, recordResult } from "./call.js";
import { type EnvironmentOptions, type ResolvedEnvironment, resolveEnvironment } from "./environment.js";
import { ConfigurationError, type ErrorBodyParser, InvalidRequestError, InvalidResponseError } from "./errors.js";
import { defaultIdempotency, type IdempotencySettings, idempotencyKeyFor, keyRule } from "./idempotency.js";
import { checkMiddleware, type MiddlewareContext, runMiddleware } from "./middleware.js";
import { buildRequest, fromRequest, type OutgoingBase, type OutgoingInit, toRequest } from "./outgoing.js";
import { fillPathParams } from "./path-params.js";
import { type CallPolicy, type RequestPolicyOptions, resolvePolicy } from "./policy.js";
import { bindResource, type ResourceTable, readEntry, type ScopeParameter, type SendOperation } from "./resources.js";
import { toResponse } from "./response.js";
import { isParseAs, type ParseAs, resultFromResponse, resultFromWire, UnreadableBodyError } from "./result.js";
import { sendWithRetries } from "./retry.js";
import { defaultUserAgent, isBrowser, isNode } from "./runtime.js";
import {
  type FetchLike,
  fetchTransport,
  followRedirects,
  type PreparedRequest,
  type Transport,
  UnsentRequestError,
} from "./transport.js";

/** What a provider package tells core about its API. */
export interface ProviderSettings<Environment extends string> {
  /** Package-style provider name, used in messages: `paymnt-cloud`. */
  readonly provider: string;
  /** npm name and version of the provider package, for `User-Agent`. */
  readonly packageName: string;
  readonly packageVersion: string;
  /** Base URL of each named environment. */
  readonly environments: Readonly<Record<Environment, string>>;
  readonly auth: AuthScheme;
  /** The option name of the credential as the caller writes it (`apiKey`, `token`). */
  readonly credentialOption: string;
  /** Reads the provider's error body for typed errors. */
  readonly parseErrorBody: ErrorBodyParser;
  /** Idempotency-key rules. Default: {@link defaultIdempotency}. */
  readonly idempotency?: IdempotencySettings;
  /** Statuses the provider's docs call retryable, beyond 408, 429, 500, 502, 503 and 504. */
  readonly extraRetryStatuses?: readonly number[];
  /** `"METHOD /spec/path"` → operationId, for observability events, when there is no resource table. */
  readonly operationIds?: Readonly<Record<string, string>>;
  /** The generated resource layer's operations: each becomes `client.<resource>.<method>()`. */
  readonly resources?: ResourceTable;
  /**
   * The generated `keyedOperations`: the operations the provider is documented to deduplicate by
   * its key, when not every POST, PUT and PATCH (`undefined`: all of them).
   */
  readonly keyedOperations?: readonly string[] | undefined;
  /** A path parameter the client may fill for every call, such as PaymentKit's account. */
  readonly scope?: ScopeParameter;
  /**
   * Provider checks that need both the credential and the resolved environment, such as refusing
   * a live key aimed at a sandbox. Throw a {@link ConfigurationError} to refuse.
   */
  readonly validate?: (credential: string, target: ResolvedEnvironment<Environment>) => void;
  /**
   * Checks a call before anything is built, such as an operation the client's token cannot reach.
   * Throw an {@link InvalidRequestError} to refuse.
   */
  readonly checkCall?: (method: string, schemaPath: string) => void;
  /**
   * The body to send for a call, given the caller's (possibly `undefined`): where a provider needs
   * a default in the body. Runs before the body is serialised; return the caller's body unchanged
   * when nothing applies, and never modify it in place.
   */
  readonly defaultBody?: (method: string, schemaPath: string, body: unknown) => unknown;
}

export type { RequestPolicyOptions } from "./policy.js";

/** Options every payspec client accepts besides its credential and environment. */
export interface CommonClientOptions extends RequestPolicyOptions {
  /**
   * A `fetch`-compatible function to send requests with, called as `fetch(url, init)`, for proxies,
   * custom agents or test doubles. Default: `node:http` with a keep-alive pool on Node, the
   * runtime's `fetch` elsewhere. Timeouts and the deadline hold even if it ignores `init.signal`.
   */
  readonly fetch?: FetchLike;
  /** Extra headers sent on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Path parameters filled in when a call leaves them out, such as `{ account_id: "acc_prod_…" }`
   * for an account-scoped API. A call's own value wins. Default none.
   */
  readonly pathParams?: Readonly<Record<string, string>>;
  /** `User-Agent` to send, or `false` to send none. Default `payspec/<provider>/<version> (<runtime>/<version>)`. */
  readonly userAgent?: string | false;
  /**
   * A secret key in a browser is readable by anyone using the page, so construction there throws.
   * Set this only for trusted tools that really run in a browser. Default `false`.
   */
  readonly dangerouslyAllowBrowser?: boolean;
}

/** Everything {@link createApiClient} needs from the caller. */
export type ApiClientOptions<Environment extends string> = EnvironmentOptions<Environment> &
  CommonClientOptions & { readonly credential: unknown };

/** What every payspec client adds to openapi-fetch's methods. */
export interface ClientViews {
  /**
   * A client identical to this one but for the given retry and timeout options, for one call or a
   * group of calls: `client.withOptions({ maxRetries: 0 }).POST(…)`. It shares this client's
   * connection pool and middleware (including middleware added later with `use`), and has this
   * client's type, a provider's narrower client types included (such as an account-scoped one).
   */
  withOptions(options: RequestPolicyOptions): this;
}

/**
 * An openapi-fetch client with payspec's runtime beneath it and, when the provider has a generated
 * resource layer, its resources (`client.payments.create(…)`) on the same object.
 */
export type ApiClient<Paths extends {}, Resources extends object = Record<never, never>> = Client<Paths> &
  Resources &
  ClientViews;

const noOptions: OutgoingInit = Object.freeze({});
const methods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** The default transport: `node:http` on Node (loaded on the first request), the runtime's `fetch` elsewhere. */
function defaultTransport(): Transport {
  if (!isNode()) return fetchTransport((url, init) => globalThis.fetch(url, init));
  let send: Transport | undefined;
  let loading: Promise<Transport> | undefined;
  return async (prepared, attempt) => {
    if (send === undefined) {
      try {
        loading ??= import("./node-transport.js").then((module) => module.nodeTransport());
        send = await loading;
      } catch (cause) {
        loading = undefined;
        throw new UnsentRequestError("The Node transport could not be loaded", { cause });
      }
    }
    return send(prepared, attempt);
  };
}

/**
 * Builds an openapi-fetch client for a provider: validates the options, resolves the base URL,
 * and sends every call through payspec's runtime. Every check runs here, so a bad option throws a
 * {@link ConfigurationError} before any request can be sent.
 *
 * Each call gets one `Call` object, made when the call starts and passed down to the retry
 * layer: it owns the caller's signal, the deadline, the operation, the idempotency key and the
 * attempts, so user middleware that replaces the `Request` or `Response` loses none of them.
 */
export function createApiClient<
  Paths extends {},
  Environment extends string,
  Resources extends object = Record<never, never>,
>(settings: ProviderSettings<Environment>, options: ApiClientOptions<Environment>): ApiClient<Paths, Resources> {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("invalid_option", `Pass an options object to create the ${settings.provider} client.`);
  }
  if (isBrowser() && options.dangerouslyAllowBrowser !== true) {
    throw new ConfigurationError(
      "browser_refused",
      `The ${settings.provider} client holds a secret ${settings.credentialOption} and refuses to run in a browser, where anyone could read it. Call the API from your server, or set dangerouslyAllowBrowser: true if you accept the risk.`,
    );
  }
  const credential = assertCredential(settings.credentialOption, options.credential);
  const target = resolveEnvironment(options, settings.environments);
  settings.validate?.(credential, target);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError(
      "invalid_option",
      "fetch must be a function (url: string, init: RequestInit) => Promise<Response>.",
    );
  }
  if (options.userAgent !== undefined && options.userAgent !== false && typeof options.userAgent !== "string") {
    throw new ConfigurationError("invalid_option", "userAgent must be a string, or false to send none.");
  }
  const extraRetryStatuses = settings.extraRetryStatuses ?? [];
  const initialPolicy = resolvePolicy(options, extraRetryStatuses);

  const rules = settings.idempotency ?? defaultIdempotency;
  const idempotency: IdempotencySettings =
    rules.operations === undefined && settings.keyedOperations !== undefined
      ? { ...rules, operations: settings.keyedOperations }
      : rules;
  const [authName, authValue] = authHeader(settings.auth, credential);
  const transport = followRedirects(options.fetch !== undefined ? fetchTransport(options.fetch) : defaultTransport(), [
    authName,
    "authorization",
    "proxy-authorization",
    "cookie",
  ]);
  const runtime: ClientRuntime = {
    provider: settings.provider,
    transport,
    transportSettlesOnAbort: options.fetch === undefined && isNode(),
    idempotencyHeader: idempotency.header.toLowerCase(),
    honoursKey: keyRule(idempotency),
    parseErrorBody: settings.parseErrorBody,
    secrets: [credential],
  };
  const userAgent =
    options.userAgent === undefined
      ? defaultUserAgent(settings.packageName, settings.packageVersion)
      : options.userAgent;
  const baseHeaders = {
    ...(userAgent === false ? {} : { "User-Agent": userAgent }),
    ...options.headers,
    [authName]: authValue,
  };
  const outgoing: OutgoingBase = {
    baseUrl: target.baseUrl.replace(/\/$/, ""),
    headers: Object.fromEntries(Object.entries(baseHeaders).map(([name, value]) => [name.toLowerCase(), value])),
    idempotencyHeader: runtime.idempotencyHeader,
  };
  const pathDefaults = options.pathParams ?? {};
  const sendingFetch = options.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init));
  // Shared by this client and every `withOptions` view of it. While it is empty, no one but the
  // retry layer sees a call's request, so none of the WHATWG fetch classes is made.
  const clientMiddleware: Middleware[] = [];
  const use = (...middleware: Middleware[]) => {
    clientMiddleware.push(...checkMiddleware(middleware));
  };
  const eject = (...middleware: Middleware[]) => {
    for (const item of middleware) {
      const index = clientMiddleware.indexOf(item);
      if (index !== -1) clientMiddleware.splice(index, 1);
    }
  };

  // `"METHOD /path"` → operationId, made from the resource table on the first call that needs it.
  let operationIds = settings.operationIds;
  const operationIdOf = (method: string, schemaPath: string) => {
    if (operationIds === undefined) {
      const table: Record<string, string> = {};
      for (const entries of Object.values(settings.resources ?? {})) {
        for (const compact of Object.values(entries)) {
          const { method, path, operationId } = readEntry(compact);
          table[`${method} ${path}`] = operationId;
        }
      }
      operationIds = table;
    }
    return operationIds[`${method} ${schemaPath}`];
  };

  async function invoke(
    policy: CallPolicy,
    method: string,
    schemaPath: string,
    init: OutgoingInit | undefined,
    operationId = operationIdOf(method, schemaPath),
  ) {
    const options = init ?? noOptions;
    const { signal, parseAs } = options;
    if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
      throw new InvalidRequestError("invalid_signal", "signal must be an AbortSignal.");
    }
    if (!isParseAs(parseAs)) {
      throw new InvalidRequestError(
        "invalid_option",
        'parseAs must be "json", "text", "blob", "arrayBuffer" or "stream".',
      );
    }
    const callMiddleware = options.middleware === undefined ? [] : checkMiddleware(options.middleware as Middleware[]);
    settings.checkCall?.(method, schemaPath);
    const params = options.params ?? noOptions;
    const path = fillPathParams(schemaPath, params.path, pathDefaults);
    const body =
      settings.defaultBody === undefined ? options.body : settings.defaultBody(method, schemaPath, options.body);
    const key = idempotencyKeyFor(options, idempotency, runtime.honoursKey(method, schemaPath));
    const generatedKey = key?.generated === true ? key.key : undefined;
    const call = new Call(runtime, policy, method, schemaPath, operationId, signal ?? undefined);
    const building = buildRequest(outgoing, method, schemaPath, options, { path, body, generatedKey });
    const prepared = building instanceof Promise ? await building : building;
    const middleware = clientMiddleware.length === 0 ? callMiddleware : [...clientMiddleware, ...callMiddleware];
    let result: object;
    try {
      result = await readResult(call, prepared, middleware, params, path, options);
    } catch (error) {
      if (!(error instanceof UnreadableBodyError)) throw error;
      throw new InvalidResponseError(
        `The provider answered HTTP ${error.status} with a body that is not valid JSON; the call may have taken effect`,
        {
          method: call.method,
          path: call.path,
          idempotencyKey: call.idempotencyKey,
          attempts: call.attempts,
          requestId: call.requestId,
          status: error.status,
        },
        { cause: error.cause },
      );
    }
    recordResult(result, call);
    return result;
  }

  async function readResult(
    call: Call,
    prepared: PreparedRequest,
    middleware: Middleware[],
    params: NonNullable<OutgoingInit["params"]>,
    path: Record<string, unknown> | undefined,
    options: OutgoingInit,
  ): Promise<object> {
    const { method, schemaPath } = call;
    const parseAs = options.parseAs as ParseAs | undefined;
    let result: object;
    if (middleware.length === 0) {
      // No one else sees the call: the result is read straight off the wire.
      const wire = await sendWithRetries(prepared, call);
      result =
        parseAs === undefined || parseAs === "json"
          ? resultFromWire(wire, method)
          : await resultFromResponse(toResponse(wire), method, parseAs);
    } else {
      const { request, response } = await runMiddleware(
        middleware,
        toRequest(prepared),
        {
          schemaPath,
          params: { ...params, path } as MiddlewareContext["params"],
          id: Math.random().toString(36).slice(2, 11),
          // The serialisers as the call gave them (`undefined` for openapi-fetch's defaults).
          options: Object.freeze({
            baseUrl: outgoing.baseUrl,
            parseAs: parseAs ?? "json",
            querySerializer: options.querySerializer,
            bodySerializer: options.bodySerializer,
            pathSerializer: options.pathSerializer,
            fetch: sendingFetch,
          }) as MiddlewareContext["options"],
        },
        // The caller's signal stays with the call; middleware cannot detach it from the request.
        async (request) => toResponse(await sendWithRetries(await fromRequest(request), call)),
      );
      result = await resultFromResponse(response, request.method, parseAs);
    }
    return result;
  }

  const resourceContext = {
    honoursKey: runtime.honoursKey,
    keyHeader: idempotency.header,
    ...(settings.scope === undefined ? {} : { scope: settings.scope }),
  };
  const view = (policyOptions: RequestPolicyOptions, policy: CallPolicy): ApiClient<Paths, Resources> => {
    const client: Record<string, unknown> = {
      request: (method: string, url: string, init?: OutgoingInit) =>
        invoke(policy, String(method).toUpperCase(), url, init),
      use,
      eject,
      withOptions: (overrides: RequestPolicyOptions) => {
        const merged = { ...policyOptions, ...overrides };
        return view(merged, resolvePolicy(merged, extraRetryStatuses));
      },
    };
    for (const method of methods)
      client[method] = (url: string, init?: OutgoingInit) => invoke(policy, method, url, init);
    const send: SendOperation = (entry, init, overrides) =>
      invoke(
        overrides === undefined ? policy : resolvePolicy({ ...policyOptions, ...overrides }, extraRetryStatuses),
        entry.method,
        entry.path,
        init,
        entry.operationId,
      ) as ReturnType<SendOperation>;
    // Each resource is made on first use, so a client costs nothing for the ones it never calls.
    for (const [name, entries] of Object.entries(settings.resources ?? {})) {
      let bound: object | undefined;
      Object.defineProperty(client, name, {
        get: () => {
          bound ??= bindResource(name, entries, send, resourceContext);
          return bound;
        },
        enumerable: true,
      });
    }
    return client as unknown as ApiClient<Paths, Resources>;
  };
  return view(options, initialPolicy);
}
