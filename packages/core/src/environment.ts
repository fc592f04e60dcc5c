import { ConfigurationError } from "./errors.js";

/** Where a client sends requests: a named environment, or an explicit base URL (mocks, proxies). */
export type EnvironmentOptions<Environment extends string> =
  | { readonly environment: Environment; readonly baseUrl?: undefined }
  | { readonly baseUrl: string; readonly environment?: undefined };

/** The resolved target of a client. */
export interface ResolvedEnvironment<Environment extends string> {
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  /** The named environment, or `undefined` when the caller gave a base URL. */
  readonly environment: Environment | undefined;
}

/**
 * Resolves `environment` or `baseUrl` against a provider's known environments. Exactly one must be
 * given: a payments client never guesses between sandbox and production.
 */
export function resolveEnvironment<Environment extends string>(
  options: { readonly environment?: unknown; readonly baseUrl?: unknown },
  environments: Readonly<Record<Environment, string>>,
): ResolvedEnvironment<Environment> {
  const names = Object.keys(environments) as Environment[];
  const choices = names.map((name) => `"${name}"`).join(" or ");
  const { environment, baseUrl } = options;

  if (environment !== undefined && baseUrl !== undefined) {
    throw new ConfigurationError(
      "conflicting_options",
      `Pass either environment or baseUrl, not both (environment is ${choices}; baseUrl is for mocks and proxies).`,
    );
  }
  if (environment !== undefined) {
    if (typeof environment !== "string" || !names.includes(environment as Environment)) {
      throw new ConfigurationError(
        "unknown_environment",
        `Unknown environment ${JSON.stringify(environment)}: use ${choices}.`,
      );
    }
    const name = environment as Environment;
    return { baseUrl: environments[name], environment: name };
  }
  if (baseUrl !== undefined) {
    return { baseUrl: parseBaseUrl(baseUrl), environment: undefined };
  }
  throw new ConfigurationError(
    "missing_environment",
    `Choose where requests go: environment ${choices}, or an explicit baseUrl.`,
  );
}

function parseBaseUrl(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError("invalid_base_url", "baseUrl must be a non-empty URL string.");
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(
      "invalid_base_url",
      `baseUrl ${JSON.stringify(value)} is not an absolute URL: include the scheme, as in "https://api.example.com".`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError("invalid_base_url", `baseUrl must use http or https, not ${url.protocol}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new ConfigurationError(
      "invalid_base_url",
      "baseUrl must not contain credentials: pass them as the client's key or token instead.",
    );
  }
  if (url.search !== "" || url.hash !== "") {
    throw new ConfigurationError("invalid_base_url", "baseUrl must not contain a query string or fragment.");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
