import type { Client, Middleware } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { type AuthScheme, assertCredential, authHeader } from "./auth.js";
import { Call, type ClientRuntime, recordResult } from "./call.js";
import { type EnvironmentOptions, type ResolvedEnvironment, resolveEnvironment } from "./environment.js";
import { ConfigurationError, type ErrorBodyParser, InvalidRequestError } from "./errors.js";
import { defaultIdempotency, type IdempotencySettings, idempotencyKeyFor } from "./idempotency.js";
import { buildRequest, fromRequest, type OutgoingBase } from "./outgoing.js";
import { fillPathParams } from "./path-params.js";
import { PlainRequest } from "./plain-request.js";
import { type CallPolicy, type RequestPolicyOptions, resolvePolicy } from "./policy.js";
import { toResponse } from "./response.js";
import { resultFromWire } from "./result.js";
import { sendWithRetries } from "./retry.js";
import { defaultUserAgent, isBrowser, isNode } from "./runtime.js";
import { type FetchLike, fetchTransport, followRedirects, type Transport, UnsentRequestError } from "./transport.js";

// openapi-fetch's CommonJS build sets `exports.default` beside `__esModule`. Our CommonJS bundle
// imports it in Node's interop mode, where the default import is the whole exports object; unwrap
// once more there so both builds get the function.
const createClient: typeof openapiFetch.default =
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: typeof openapiFetch.default }).default;

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
  /** `"METHOD /spec/path"` → operationId, for observability events. */
  readonly operationIds?: Readonly<Record<string, string>>;
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

/** An openapi-fetch client with payspec's runtime beneath it. */
export type ApiClient<Paths extends {}> = Client<Paths> & {
  /**
   * A client identical to this one but for the given retry and timeout options, for one call or a
   * group of calls: `client.withOptions({ maxRetries: 0 }).POST(…)`. It shares this client's
   * connection pool and middleware (including middleware added later with `use`).
   */
  withOptions(options: RequestPolicyOptions): ApiClient<Paths>;
};

/** A call's options as openapi-fetch takes them; only the parts payspec reads are typed. */
interface CallInit {
  readonly params?: { readonly path?: unknown; readonly header?: unknown };
  readonly headers?: unknown;
  readonly body?: unknown;
  readonly signal?: unknown;
  readonly [option: string]: unknown;
}

const noOptions: CallInit = Object.freeze({});
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
export function createApiClient<Paths extends {}, Environment extends string>(
  settings: ProviderSettings<Environment>,
  options: ApiClientOptions<Environment>,
): ApiClient<Paths> {
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

  const idempotency = settings.idempotency ?? defaultIdempotency;
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
    idempotentMethods: new Set(idempotency.methods.map((method) => method.toUpperCase())),
    parseErrorBody: settings.parseErrorBody,
    secrets: [credential],
  };
  const userAgent =
    options.userAgent === undefined
      ? defaultUserAgent(settings.packageName, settings.packageVersion)
      : options.userAgent;
  // One openapi-fetch client for this client and every `withOptions` view of it, so they share
  // its middleware.
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
  const underlying = createClient<Paths>({
    baseUrl: target.baseUrl,
    headers: baseHeaders,
    // Given here so openapi-fetch never reads `globalThis.Request` or `fetch` (each call passes its
    // own), which would load the WHATWG fetch classes for a client that may never need them.
    Request: PlainRequest as unknown as typeof Request,
    fetch: () => Promise.reject(new Error("payspec passes a fetch to every call")),
  });
  const request = underlying.request as (method: string, url: string, init: CallInit) => Promise<object>;
  const pathDefaults = options.pathParams ?? {};
  // The middleware added with `use`, as openapi-fetch keeps it: while there is none, no one but the
  // retry layer sees a call's request, so it need not be a WHATWG Request.
  const userMiddleware: Middleware[] = [];
  const use = (...middleware: Middleware[]) => {
    underlying.use(...middleware);
    for (const item of middleware) if (item) userMiddleware.push(item);
  };
  const eject = (...middleware: Middleware[]) => {
    underlying.eject(...middleware);
    for (const item of middleware) {
      const index = userMiddleware.indexOf(item);
      if (index !== -1) userMiddleware.splice(index, 1);
    }
  };

  async function invoke(policy: CallPolicy, method: string, schemaPath: string, init: CallInit | undefined) {
    const options = init ?? noOptions;
    const signal = options.signal;
    if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
      throw new InvalidRequestError("invalid_signal", "signal must be an AbortSignal.");
    }
    settings.checkCall?.(method, schemaPath);
    const params = options.params ?? noOptions;
    const path = fillPathParams(schemaPath, params.path, pathDefaults);
    const body =
      settings.defaultBody === undefined ? options.body : settings.defaultBody(method, schemaPath, options.body);
    const key = idempotencyKeyFor(method, options, idempotency);
    const generatedKey = key?.generated === true ? key.key : undefined;
    const call = new Call(
      runtime,
      policy,
      method,
      schemaPath,
      settings.operationIds?.[`${method} ${schemaPath}`],
      signal ?? undefined,
    );
    // Without middleware nothing needs openapi-fetch's WHATWG objects: the request is built directly,
    // as openapi-fetch would build it, and the result is read straight off the wire.
    const direct =
      userMiddleware.length === 0
        ? buildRequest(outgoing, method, schemaPath, options, { path, body, generatedKey })
        : undefined;
    if (direct !== undefined) {
      const result = resultFromWire(await sendWithRetries(direct, call), method);
      recordResult(result, call);
      return result;
    }
    const header: unknown =
      generatedKey === undefined
        ? params.header
        : { ...(params.header as object | undefined), [idempotency.header]: generatedKey };
    // The caller's signal stays with the call and is not given to openapi-fetch's Request.
    const result = await request(method, schemaPath, {
      ...options,
      signal: undefined,
      params: { ...params, path, header },
      body,
      fetch: async (built: Request | PlainRequest) => {
        const preparing = fromRequest(built);
        return toResponse(await sendWithRetries(preparing instanceof Promise ? await preparing : preparing, call));
      },
      Request: userMiddleware.length === 0 ? PlainRequest : globalThis.Request,
    });
    recordResult(result, call);
    return result;
  }

  const view = (policyOptions: RequestPolicyOptions, policy: CallPolicy): ApiClient<Paths> => {
    const client: Record<string, unknown> = {
      request: (method: string, url: string, init?: CallInit) =>
        invoke(policy, String(method).toUpperCase(), url, init),
      use,
      eject,
      withOptions: (overrides: RequestPolicyOptions) => {
        const merged = { ...policyOptions, ...overrides };
        return view(merged, resolvePolicy(merged, extraRetryStatuses));
      },
    };
    for (const method of methods) client[method] = (url: string, init?: CallInit) => invoke(policy, method, url, init);
    return client as unknown as ApiClient<Paths>;
  };
  return view(options, initialPolicy);
}
