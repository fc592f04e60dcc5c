import type { Client, Middleware } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { type AuthScheme, assertCredential, authMiddleware } from "./auth.js";
import { type EnvironmentOptions, type ResolvedEnvironment, resolveEnvironment } from "./environment.js";
import { ConfigurationError, type ErrorBodyParser } from "./errors.js";
import { defaultIdempotency, type IdempotencySettings, idempotencyMiddleware } from "./idempotency.js";
import { rememberSchemaPath } from "./meta.js";
import type { AttemptHook } from "./observability.js";
import { pathParamsMiddleware } from "./path-params.js";
import { defaultRetryPolicy, type RetryPolicy, sendWithRetries } from "./retry.js";
import { defaultUserAgent, isBrowser } from "./runtime.js";
import { defaultDeadlineMs, defaultTimeoutMs } from "./timeouts.js";
import { fetchTransport, followRedirects, isNode, nodeTransport, type Transport } from "./transport.js";

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
  /** Provider middleware, run after auth and idempotency. */
  readonly middleware?: readonly Middleware[];
}

/** Retry and timeout options; settable per client and, through `withOptions`, per call. */
export interface RequestPolicyOptions {
  /** Retries after the first attempt; 0 disables retries. Default 2. */
  readonly maxRetries?: number;
  /** Time one attempt may take, to the last byte of the response. Default 60 000 ms. */
  readonly timeoutMs?: number;
  /** Time the whole call may take, across attempts and backoff. Default 120 000 ms. */
  readonly deadlineMs?: number;
  /** Longest `Retry-After` honoured; a longer one ends the call with that response. Default 60 000 ms. */
  readonly maxRetryAfterMs?: number;
  /** First backoff step, doubled on each retry (with jitter), capped at 8 s. Default 500 ms. */
  readonly retryBaseDelayMs?: number;
  /** Called once per HTTP attempt with a secret-free event. Default none. */
  readonly onAttempt?: AttemptHook;
}

/** Options every payspec client accepts besides its credential and environment. */
export interface CommonClientOptions extends RequestPolicyOptions {
  /**
   * The `fetch` to send requests with. Default: undici's keep-alive pool on Node, the global
   * `fetch` elsewhere. Use it for proxies, custom agents or test doubles.
   */
  readonly fetch?: (request: Request) => Promise<Response>;
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
   * group of calls: `client.withOptions({ maxRetries: 0 }).POST(…)`.
   */
  withOptions(options: RequestPolicyOptions): ApiClient<Paths>;
};

/**
 * Builds an openapi-fetch client for a provider: validates the options, resolves the base URL,
 * installs auth and idempotency middleware, and sends through the retry layer. Every check runs
 * here, so a bad option throws a {@link ConfigurationError} before any request can be sent.
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
    throw new ConfigurationError("invalid_option", "fetch must be a function (request: Request) => Promise<Response>.");
  }
  if (options.userAgent !== undefined && options.userAgent !== false && typeof options.userAgent !== "string") {
    throw new ConfigurationError("invalid_option", "userAgent must be a string, or false to send none.");
  }

  const idempotency = settings.idempotency ?? defaultIdempotency;
  const authHeader = settings.auth.type === "apiKey" ? settings.auth.header : "Authorization";
  const baseTransport: Transport =
    options.fetch !== undefined
      ? fetchTransport(options.fetch)
      : isNode()
        ? nodeTransport()
        : fetchTransport((request) => globalThis.fetch(request));
  const transport = followRedirects(baseTransport, [authHeader, "authorization", "proxy-authorization", "cookie"]);
  const userAgent =
    options.userAgent === undefined
      ? defaultUserAgent(settings.packageName, settings.packageVersion)
      : options.userAgent;
  const headers = { ...(userAgent === false ? {} : { "User-Agent": userAgent }), ...options.headers };
  const middleware = [
    authMiddleware(settings.auth, credential),
    idempotencyMiddleware(idempotency),
    pathParamsMiddleware(options.pathParams ?? {}),
    ...(settings.middleware ?? []),
    // Last, so it sees the Request that is actually sent.
    { onRequest: ({ request, schemaPath }) => rememberSchemaPath(request, schemaPath) } satisfies Middleware,
  ];

  const build = (policyOptions: RequestPolicyOptions): ApiClient<Paths> => {
    const policy = resolvePolicy(policyOptions, settings.extraRetryStatuses ?? []);
    const client = createClient<Paths>({
      baseUrl: target.baseUrl,
      headers,
      fetch: (request) =>
        sendWithRetries(request, {
          provider: settings.provider,
          transport,
          policy: policy.retry,
          timeoutMs: policy.timeoutMs,
          deadlineMs: policy.deadlineMs,
          idempotencyHeader: idempotency.header,
          parseErrorBody: settings.parseErrorBody,
          secrets: [credential],
          ...(settings.operationIds === undefined ? {} : { operationIds: settings.operationIds }),
          ...(policyOptions.onAttempt === undefined ? {} : { onAttempt: policyOptions.onAttempt }),
        }),
    });
    client.use(...middleware);
    return Object.assign(client, {
      withOptions: (overrides: RequestPolicyOptions) => build({ ...policyOptions, ...overrides }),
    });
  };
  return build(options);
}

interface ResolvedPolicy {
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
}

function resolvePolicy(options: RequestPolicyOptions, extraRetryStatuses: readonly number[]): ResolvedPolicy {
  const number = (name: keyof RequestPolicyOptions, fallback: number, min: number, max: number, integer = false) => {
    const value = options[name] ?? fallback;
    if (
      typeof value !== "number" ||
      Number.isNaN(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    ) {
      throw new ConfigurationError(
        "invalid_option",
        `${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got ${String(value)}.`,
      );
    }
    return value;
  };
  const maxRetries = number("maxRetries", defaultRetryPolicy.maxRetries, 0, 10, true);
  const timeoutMs = number("timeoutMs", defaultTimeoutMs, 1, 3_600_000);
  const deadlineMs = number("deadlineMs", Math.max(defaultDeadlineMs, timeoutMs), 1, 86_400_000);
  const maxRetryAfterMs = number("maxRetryAfterMs", defaultRetryPolicy.maxRetryAfterMs, 0, 3_600_000);
  const baseDelayMs = number("retryBaseDelayMs", defaultRetryPolicy.baseDelayMs, 0, 60_000);
  if (options.onAttempt !== undefined && typeof options.onAttempt !== "function") {
    throw new ConfigurationError("invalid_option", "onAttempt must be a function.");
  }
  return {
    retry: {
      ...defaultRetryPolicy,
      maxRetries,
      baseDelayMs,
      maxRetryAfterMs,
      retryStatuses: [...defaultRetryPolicy.retryStatuses, ...extraRetryStatuses],
    },
    timeoutMs,
    deadlineMs,
  };
}
