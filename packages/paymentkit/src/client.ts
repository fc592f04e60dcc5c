import {
  type ApiClient,
  type CommonClientOptions,
  ConfigurationError,
  createApiClient,
  type EnvironmentOptions,
  type ErrorBodyParser,
  type ProviderSettings,
  type ScopedPaths,
} from "@payspec/core";
import type { paths } from "./generated/openapi.js";
import { packageName, packageVersion } from "./generated/provenance.js";
import { keyedOperations, type Resources, resourceTable, scope } from "./generated/resources.js";

/**
 * PaymentKit's hosts. Production is `app.paymentkit.com`, the host of the API reference and of
 * PaymentKit's generated Python SDK (the guides write `api.paymentkit.com`; pass it as `baseUrl`
 * if you need it). Staging ids and tokens carry `stg`, production ones `prod`.
 */
export const environments = {
  production: "https://app.paymentkit.com",
  staging: "https://staging.paymentkit.com",
} as const;

/** A named PaymentKit environment. */
export type PaymentKitEnvironment = keyof typeof environments;

const segmentOf: Record<PaymentKitEnvironment, Segment> = { production: "prod", staging: "stg" };

/**
 * The environment segments ids and tokens carry: `prod` and `stg` (the API introduction) and
 * `dev` (PaymentKit's generated Python SDK prints `org_dev_…`). No host is documented for `dev`.
 */
type Segment = "prod" | "stg" | "dev";
const segmentNames: Record<Segment, string> = { prod: "production", stg: "staging", dev: "development" };

/** Options of {@link createPaymentKitClient}. */
export type PaymentKitClientOptions = EnvironmentOptions<PaymentKitEnvironment> &
  Omit<CommonClientOptions, "pathParams"> & {
    /** Secret token (`st_prod_…`, `st_stg_…`, `st_dev_…`), sent as `Authorization: Bearer …`. Server-side only. */
    readonly token: string;
    /**
     * Your account (`acc_prod_…`). When set, every `/api/{account_id}/…` call gets it filled in,
     * so `params.path.account_id` becomes optional; a call may still pass its own.
     */
    readonly accountId?: string;
  };

/** The API's paths with `account_id` optional, for a client that knows its account. */
export type AccountScopedPaths = ScopedPaths<paths, "path", "account_id">;

/**
 * The resource layer: `paymentkit.customers.update(customerId, body)`, … generated from the spec.
 * `Scoped` is `true` for a client created with `accountId`; otherwise every account-scoped method
 * requires `options.accountId`, at compile time.
 */
export type PaymentKitResources<Scoped extends boolean = true> = Resources<Scoped>;
/** A typed client for the PaymentKit API; every call names its account. */
export type PaymentKitClient = ApiClient<paths, PaymentKitResources<false>>;
// A type-only mark: without it a client that names no account would be assignable to one that
// does (the method types differ only in parameters, which TypeScript compares bivariantly), and
// helpers typed for a scoped client would accept it.
declare const accountScope: unique symbol;

/** A typed client for one PaymentKit account; `account_id` is filled in. */
export type AccountScopedPaymentKitClient = ApiClient<AccountScopedPaths, PaymentKitResources<true>> & {
  readonly [accountScope]: true;
};

interface Problem {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  request_id?: unknown;
}

/**
 * Reads PaymentKit's RFC 7807 problem details, and FastAPI's `HTTPValidationError` that the API
 * reference names for 422.
 */
export const parsePaymentKitError: ErrorBodyParser = (body) => {
  if (typeof body !== "object" || body === null) return {};
  const problem = body as Problem;
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  if (Array.isArray(problem.detail)) {
    const messages = problem.detail.map((item: { loc?: unknown[]; msg?: unknown }) =>
      [Array.isArray(item.loc) ? item.loc.join(".") : undefined, text(item.msg)].filter(Boolean).join(": "),
    );
    return { code: "validation_error", message: messages.join("; ") || undefined, requestId: undefined };
  }
  const type = text(problem.type);
  return {
    code: type === "about:blank" ? undefined : type,
    message: text(problem.detail) ?? text(problem.title),
    requestId: text(problem.request_id),
  };
};

const accountPattern = /^acc_[A-Za-z0-9_]+$/;
const environmentSegment = (id: string) => /^[a-z]+_(prod|stg|dev)_/.exec(id)?.[1] as Segment | undefined;

function checkCredentials(
  token: string,
  accountId: string | undefined,
  environment: PaymentKitEnvironment | undefined,
) {
  if (token.startsWith("pt_")) {
    throw new ConfigurationError(
      "invalid_credential",
      "token is a publishable token (pt_…), made for PaymentKit.js in browsers; server-side calls need a secret token (st_…).",
    );
  }
  const tokenSegment = environmentSegment(token);
  const environmentSegmentOf = environment === undefined ? undefined : segmentOf[environment];
  // A prod or stg token must match the environment. A dev token has no documented host, so it is
  // not held against a named environment, only against the account below.
  if (environmentSegmentOf !== undefined && tokenSegment !== undefined && tokenSegment !== "dev") {
    if (tokenSegment !== environmentSegmentOf) {
      throw new ConfigurationError(
        "credential_environment_mismatch",
        `token is a ${segmentNames[tokenSegment]} token (st_${tokenSegment}_…) but environment is "${environment}".`,
      );
    }
  }
  if (accountId === undefined) return;
  if (typeof accountId !== "string" || !accountPattern.test(accountId)) {
    throw new ConfigurationError("invalid_option", "accountId must be an account id such as acc_prod_a1b2c3d4.");
  }
  const accountSegment = environmentSegment(accountId);
  if (accountSegment === undefined) return;
  // The account must match a named environment (as the token must), and the token when both carry a segment.
  if (environmentSegmentOf !== undefined && accountSegment !== "dev" && accountSegment !== environmentSegmentOf) {
    throw new ConfigurationError(
      "credential_environment_mismatch",
      `accountId is a ${segmentNames[accountSegment]} account (acc_${accountSegment}_…) but the environment is ${segmentNames[environmentSegmentOf]}.`,
    );
  }
  if (tokenSegment !== undefined && accountSegment !== tokenSegment) {
    throw new ConfigurationError(
      "credential_environment_mismatch",
      `accountId is a ${segmentNames[accountSegment]} account (acc_${accountSegment}_…) but the token is ${segmentNames[tokenSegment]}.`,
    );
  }
}

/**
 * Creates a typed client for the PaymentKit API.
 *
 * Options are checked before anything is sent: a publishable `pt_` token, a token or account whose
 * `prod`/`stg` segment contradicts the environment, a token and account whose segments (`prod`,
 * `stg`, `dev`) differ, or a malformed `accountId` throws a `ConfigurationError`. With
 * `accountId`, account-scoped paths are filled in for you.
 *
 * @example
 * ```ts
 * const paymentkit = createPaymentKitClient({ token: process.env.PAYMENTKIT_TOKEN!, accountId: "acc_prod_a1b2c3d4", environment: "production" });
 * const { data } = await paymentkit.GET("/api/{account_id}/customers", { params: { query: { limit: 20 } } });
 * ```
 */
export function createPaymentKitClient(
  options: PaymentKitClientOptions & { readonly accountId: string },
): AccountScopedPaymentKitClient;
export function createPaymentKitClient(
  options: PaymentKitClientOptions & { readonly accountId?: undefined },
): PaymentKitClient;
export function createPaymentKitClient(
  options: PaymentKitClientOptions,
): PaymentKitClient | AccountScopedPaymentKitClient;
export function createPaymentKitClient(
  options: PaymentKitClientOptions,
): PaymentKitClient | AccountScopedPaymentKitClient {
  const accountId = options?.accountId;
  const settings: ProviderSettings<PaymentKitEnvironment> = {
    provider: "paymentkit",
    packageName,
    packageVersion,
    environments,
    auth: { type: "bearer" },
    credentialOption: "token",
    parseErrorBody: parsePaymentKitError,
    resources: resourceTable,
    scope,
    keyedOperations,
    validate: (token, target) => checkCredentials(token, accountId, target.environment),
  };
  return createApiClient<paths, PaymentKitEnvironment, PaymentKitResources<boolean>>(settings, {
    ...options,
    credential: options?.token,
    ...(accountId === undefined ? {} : { pathParams: { account_id: accountId } }),
  });
}
