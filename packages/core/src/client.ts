import createClient, { type Client, type Middleware } from "openapi-fetch";
import { type AuthScheme, assertCredential, authMiddleware } from "./auth.js";
import { type EnvironmentOptions, type ResolvedEnvironment, resolveEnvironment } from "./environment.js";
import { ConfigurationError } from "./errors.js";
import { defaultIdempotency, type IdempotencySettings, idempotencyMiddleware } from "./idempotency.js";
import { recordRequestMeta } from "./meta.js";

/** What a provider package tells core about its API. */
export interface ProviderSettings<Environment extends string> {
  /** Package-style provider name, used in messages: `paymnt-cloud`. */
  readonly provider: string;
  /** Base URL of each named environment. */
  readonly environments: Readonly<Record<Environment, string>>;
  readonly auth: AuthScheme;
  /** The option name of the credential as the caller writes it (`apiKey`, `token`). */
  readonly credentialOption: string;
  /** Idempotency-key rules. Default: {@link defaultIdempotency}. */
  readonly idempotency?: IdempotencySettings;
  /**
   * Provider checks that need both the credential and the resolved environment, such as refusing
   * a live key aimed at a sandbox. Throw a {@link ConfigurationError} to refuse.
   */
  readonly validate?: (credential: string, target: ResolvedEnvironment<Environment>) => void;
  /** Provider middleware, run after auth and idempotency. */
  readonly middleware?: readonly Middleware[];
}

/** Options every payspec client accepts besides its credential and environment. */
export interface CommonClientOptions {
  /**
   * The `fetch` to send requests with. Default: the runtime's global `fetch`. Use it for proxies,
   * custom agents or test doubles.
   */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Extra headers sent on every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Everything {@link createApiClient} needs from the caller. */
export type ApiClientOptions<Environment extends string> = EnvironmentOptions<Environment> &
  CommonClientOptions & { readonly credential: unknown };

/**
 * Builds an openapi-fetch client for a provider: validates the options, resolves the base URL,
 * and installs auth and idempotency middleware. Every check runs here, so a bad option throws a
 * {@link ConfigurationError} before any request can be sent.
 */
export function createApiClient<Paths extends {}, Environment extends string>(
  settings: ProviderSettings<Environment>,
  options: ApiClientOptions<Environment>,
): Client<Paths, "application/json"> {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("invalid_option", `Pass an options object to create the ${settings.provider} client.`);
  }
  const credential = assertCredential(settings.credentialOption, options.credential);
  const target = resolveEnvironment(options, settings.environments);
  settings.validate?.(credential, target);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError("invalid_option", "fetch must be a function (request: Request) => Promise<Response>.");
  }

  const idempotency = settings.idempotency ?? defaultIdempotency;
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<Paths, "application/json">({
    baseUrl: target.baseUrl,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    fetch: async (request) => {
      const response = await send(request);
      recordRequestMeta(response, {
        idempotencyKey: request.headers.get(idempotency.header) ?? undefined,
        attempts: 1,
      });
      return response;
    },
  });
  client.use(
    authMiddleware(settings.auth, credential),
    idempotencyMiddleware(idempotency),
    ...(settings.middleware ?? []),
  );
  return client;
}
