import {
  type ApiClient,
  type CommonClientOptions,
  ConfigurationError,
  createApiClient,
  type EnvironmentOptions,
  type ErrorBodyParser,
  isValidHeaderValue,
  type ProviderSettings,
  type ScopedPaths,
} from "@payspec/core";
import type { paths } from "./generated/openapi.js";
import { packageName, packageVersion } from "./generated/provenance.js";
import { keyedOperations, type Resources, resourceTable } from "./generated/resources.js";

/** Paymnt Cloud's hosts. Sandbox and production share no data, keys or profiles. */
export const environments = {
  production: "https://api.paymnt.cloud",
  sandbox: "https://sandbox.paymnt.cloud",
} as const;

/** A named Paymnt Cloud environment. */
export type PaymntCloudEnvironment = keyof typeof environments;

/** Options of {@link createPaymntCloudClient}. */
export type PaymntCloudClientOptions = EnvironmentOptions<PaymntCloudEnvironment> &
  CommonClientOptions & {
    /** Your secret API key, sent in the `api-key` header. Server-side only. */
    readonly apiKey: string;
    /**
     * Routing profile (`pro_…`) sent as `x-profile-id` on every request, when profiles are
     * enabled on your account. A single call can override it with `params.header`.
     */
    readonly profileId?: string;
  };

/** A typed openapi-fetch client for the Paymnt Cloud API, with payspec's retrying runtime beneath it. */
export type PaymntCloudClient = ApiClient<paths, PaymntCloudResources>;

/** The API's paths with `x-profile-id` optional, for a client that sends its profile on every call. */
export type ProfileScopedPaths = ScopedPaths<paths, "header", "x-profile-id">;

/**
 * A client created with `profileId`: operations that require the `x-profile-id` header (the
 * subscriptions, relay) take it from the client, so the raw layer does not ask for it again; a
 * call may still pass its own.
 */
export type ProfileScopedPaymntCloudClient = ApiClient<ProfileScopedPaths, PaymntCloudResources>;

/**
 * The resource layer: `paymnt.payments.create(body)`, `paymnt.refunds.list(query)`, … for every
 * operation, generated from the spec.
 */
export type PaymntCloudResources = Resources;

/**
 * Reads both error shapes the spec allows: the documented `{ error: { type, code, message,
 * request_id } }` and the engine's, which may say `error_type` and carries no request id (the
 * `x-request-id` header does).
 */
export const parsePaymntCloudError: ErrorBodyParser = (body) => {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (typeof error !== "object" || error === null) return {};
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  return { code: text(error.code), message: text(error.message), requestId: text(error.request_id) };
};

// The docs' example keys are `sk_sandbox_…` and `sk_live_…`. A key carrying the other
// environment's prefix is a mistake worth stopping before it reaches the network.
const keyPrefixByEnvironment: Record<PaymntCloudEnvironment, string> = {
  production: "sk_live_",
  sandbox: "sk_sandbox_",
};

/**
 * The engine's JSON extractor rejects a POST without a JSON body, yet the docs confirm a payment
 * with no body at all. Sending `{}` satisfies both.
 */
const jsonBodyOnEveryPost = (method: string, _schemaPath: string, body: unknown): unknown =>
  method === "POST" && body === undefined ? {} : body;

const settings: ProviderSettings<PaymntCloudEnvironment> = {
  provider: "paymnt-cloud",
  packageName,
  packageVersion,
  environments,
  parseErrorBody: parsePaymntCloudError,
  resources: resourceTable,
  keyedOperations,
  auth: { type: "apiKey", header: "api-key" },
  credentialOption: "apiKey",
  validate(apiKey, target) {
    if (target.environment === undefined) return;
    for (const [environment, prefix] of Object.entries(keyPrefixByEnvironment)) {
      if (environment !== target.environment && apiKey.startsWith(prefix)) {
        throw new ConfigurationError(
          "credential_environment_mismatch",
          `apiKey is a ${environment} key (${prefix}…) but environment is "${target.environment}": keys are environment-scoped.`,
        );
      }
    }
  },
  defaultBody: jsonBodyOnEveryPost,
};

/**
 * Creates a typed client for the Paymnt Cloud API.
 *
 * Every call is checked against the API's spec at compile time; every POST carries an
 * `Idempotency-Key` (yours, or a fresh UUID v4). Options are validated here, so a missing key,
 * an unknown environment or a malformed `baseUrl` throws a `ConfigurationError` before any
 * request is sent.
 *
 * @example
 * ```ts
 * const paymnt = createPaymntCloudClient({ apiKey: process.env.PAYMNT_API_KEY!, environment: "sandbox" });
 * const { data, error } = await paymnt.POST("/payments", {
 *   body: { amount: 1000, currency: "USD", description: "Order #1001" },
 * });
 * ```
 */
export function createPaymntCloudClient(
  options: PaymntCloudClientOptions & { readonly profileId: string },
): ProfileScopedPaymntCloudClient;
export function createPaymntCloudClient(options: PaymntCloudClientOptions): PaymntCloudClient;
export function createPaymntCloudClient(
  options: PaymntCloudClientOptions,
): PaymntCloudClient | ProfileScopedPaymntCloudClient {
  const profileId = options?.profileId;
  if (profileId !== undefined && (typeof profileId !== "string" || !isValidHeaderValue(profileId))) {
    throw new ConfigurationError(
      "invalid_option",
      "profileId must be a non-empty profile id such as pro_…, without spaces or control characters.",
    );
  }
  return createApiClient<paths, PaymntCloudEnvironment, PaymntCloudResources>(settings, {
    ...options,
    credential: options?.apiKey,
    headers: {
      ...options?.headers,
      ...(profileId === undefined ? {} : { "x-profile-id": profileId }),
    },
  });
}
