import {
  type ApiClient,
  type CommonClientOptions,
  createApiClient,
  defaultIdempotency,
  type EnvironmentOptions,
  type ErrorBodyParser,
  type ProviderSettings,
} from "@payspec/core";
import type { paths } from "./generated/openapi.js";
import { packageName, packageVersion } from "./generated/provenance.js";
import { keyedOperations, type Resources, resourceTable } from "./generated/resources.js";

/**
 * Paymend's hosts. The docs name two sandbox hosts: `test-api` (overview) is the default, and
 * {@link alternateSandboxUrl} (testing page) can be used through `baseUrl`.
 */
export const environments = {
  production: "https://prod-api.paymend.com",
  sandbox: "https://test-api.paymend.com",
} as const;

/** The sandbox host the testing page names; pass it as `baseUrl` if your token is issued for it. */
export const alternateSandboxUrl = "https://sandbox-api.paymend.com";

/** A named Paymend environment. */
export type PaymendEnvironment = keyof typeof environments;

/** Options of {@link createPaymendClient}. */
export type PaymendClientOptions = EnvironmentOptions<PaymendEnvironment> &
  Omit<CommonClientOptions, "pathParams"> & {
    /** The API token from your Paymend sales representative, sent as `Authorization: Bearer …`. */
    readonly token: string;
  };

/** A typed client for the Paymend API. */
export type PaymendClient = ApiClient<paths, PaymendResources>;

/** The resource layer: `paymend.payments.create(body)`, `paymend.payments.refund(paymentId, body)`, … generated from the spec. */
export type PaymendResources = Resources;

/** Reads an error body's `code` and `message` when present (Paymend documents no error schema). */
export const parsePaymendError: ErrorBodyParser = (body) => {
  if (typeof body !== "object" || body === null) return {};
  const { code, message } = body as { code?: unknown; message?: unknown };
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  return { code: text(code), message: text(message), requestId: undefined };
};

const settings: ProviderSettings<PaymendEnvironment> = {
  provider: "paymend",
  packageName,
  packageVersion,
  environments,
  auth: { type: "bearer" },
  credentialOption: "token",
  parseErrorBody: parsePaymendError,
  resources: resourceTable,
  keyedOperations,
  // The safe-creation policy, enforced here: Paymend documents no idempotency header, so no POST
  // carries a key, and the retry layer resends a POST (create, capture, refund, void) only when
  // the request provably never left this machine. After a possibly delivered request, the call
  // fails with `sent: true` and the caller recovers as the README describes.
  idempotency: { ...defaultIdempotency, methods: [] },
};

/**
 * Creates a typed client for the Paymend API.
 *
 * A bad option throws a `ConfigurationError` before anything is sent. Creating, capturing,
 * refunding and voiding are never resent after the request may have reached Paymend; reads are
 * retried as usual.
 *
 * @example
 * ```ts
 * const paymend = createPaymendClient({ token: process.env.PAYMEND_TOKEN!, environment: "sandbox" });
 * ```
 */
export function createPaymendClient(options: PaymendClientOptions): PaymendClient {
  return createApiClient<paths, PaymendEnvironment, PaymendResources>(settings, {
    ...options,
    credential: options?.token,
  });
}
