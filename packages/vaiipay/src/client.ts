import {
  type ApiClient,
  type CallOptions,
  type CommonClientOptions,
  ConfigurationError,
  createApiClient,
  defaultIdempotency,
  type ErrorBodyParser,
  InvalidRequestError,
  type ProviderSettings,
} from "@payspec/core";
import type { components, paths } from "./generated/openapi.js";
import { operationSecurity, packageName, packageVersion } from "./generated/provenance.js";
import { keyedOperations, type ResourceOperations, type Resources, resourceTable } from "./generated/resources.js";

/** A Client Token scope; `*` grants them all. */
export type Scope = "payments.create" | "payments.get" | "payments.user-instructions.get" | "*";
/** Which kind of Bearer token the client holds: a Client Token, or the merchant's OAuth2 token. */
export type TokenKind = "client" | "oauth2";

const scopes: readonly Scope[] = ["payments.create", "payments.get", "payments.user-instructions.get", "*"];

type Security = typeof operationSecurity;
type OperationKey<Path, Method> = `${Uppercase<Method & string>} ${Path & string}`;
type Alternatives<Key extends keyof Security> = Security[Key][number];
type ClientScopesOf<Key extends keyof Security> =
  Alternatives<Key> extends infer Alternative
    ? Alternative extends { readonly clientToken: readonly (infer Required)[] }
      ? Required
      : never
    : never;
type AcceptsOAuth2<Key extends keyof Security> = [
  Extract<Alternatives<Key>, { readonly oauth2Token: unknown }>,
] extends [never]
  ? false
  : true;

type Reachable<Kind, Granted extends Scope, Key extends keyof Security> = Security[Key] extends readonly []
  ? true
  : Kind extends "oauth2"
    ? AcceptsOAuth2<Key>
    : Kind extends "client"
      ? [ClientScopesOf<Key>] extends [never]
        ? false
        : "*" extends Granted
          ? true
          : [Extract<ClientScopesOf<Key>, Granted>] extends [never]
            ? false
            : true
      : true;

type CheckoutWithDefaultClientId = Omit<components["schemas"]["CheckoutCreate"], "clientId" | "siteId"> & {
  clientId?: string;
  siteId?: string;
};

type WithDefaultClientId<Operation> = Omit<Operation, "requestBody"> & {
  requestBody: { content: { "application/json": CheckoutWithDefaultClientId } };
};

/**
 * The API's paths as one client sees them: operations its token cannot reach are left out, and
 * with a default `clientId` the create-checkout body needs neither `clientId` nor `siteId`.
 */
export type VaiiPayPaths<Kind extends TokenKind | undefined, Granted extends Scope, HasClientId extends boolean> = {
  [Path in keyof paths]: {
    [Method in keyof paths[Path] as Method extends "parameters"
      ? Method
      : OperationKey<Path, Method> extends keyof Security
        ? Reachable<Kind, Granted, OperationKey<Path, Method>> extends true
          ? Method
          : never
        : Method]: Path extends "/api/payment/checkout"
      ? Method extends "post"
        ? HasClientId extends true
          ? WithDefaultClientId<paths[Path][Method]>
          : paths[Path][Method]
        : paths[Path][Method]
      : paths[Path][Method];
  };
};

type WithClientIdDefault<HasClientId extends boolean> = HasClientId extends true
  ? Omit<Resources, "checkouts"> & {
      readonly checkouts: {
        /** Creates a checkout; `clientId` defaults to the client's. `POST /api/payment/checkout` */
        create(body: CheckoutWithDefaultClientId, options?: CallOptions): ReturnType<Resources["checkouts"]["create"]>;
      };
    }
  : Resources;

/** The methods of one resource that a token of this kind and these scopes can reach. */
type ReachableMethods<Kind, Granted extends Scope, Name extends keyof ResourceOperations, Methods> = {
  readonly [Method in keyof Methods as Method extends keyof ResourceOperations[Name]
    ? ResourceOperations[Name][Method] extends infer Key extends keyof Security
      ? Reachable<Kind, Granted, Key> extends true
        ? Method
        : never
      : Method
    : Method]: Methods[Method];
};

/**
 * The resource layer: `vaiipay.checkouts.create(body)`, `vaiipay.payments.retrieve(paymentId)`, …
 * generated from the spec. As with the path methods, what the token cannot reach is left out (a
 * Client Token has no payment applications; its scopes narrow the rest), and with a default
 * `clientId` the create-checkout body needs neither `clientId` nor `siteId`.
 */
export type VaiiPayResources<
  Kind extends TokenKind | undefined = undefined,
  Granted extends Scope = Scope,
  HasClientId extends boolean = false,
> = {
  readonly [Name in keyof WithClientIdDefault<HasClientId>]: Name extends keyof ResourceOperations
    ? ReachableMethods<Kind, Granted, Name, WithClientIdDefault<HasClientId>[Name]>
    : WithClientIdDefault<HasClientId>[Name];
};

/** A typed VaiiPay client; see {@link createVaiiPayClient}. */
export type VaiiPayClient<
  Kind extends TokenKind | undefined = undefined,
  Granted extends Scope = Scope,
  HasClientId extends boolean = false,
> = ApiClient<VaiiPayPaths<Kind, Granted, HasClientId>, VaiiPayResources<Kind, Granted, HasClientId>>;

/** Options of {@link createVaiiPayClient}. */
export interface VaiiPayClientOptions<
  Kind extends TokenKind | undefined = TokenKind | undefined,
  Granted extends Scope = Scope,
> extends Omit<CommonClientOptions, "pathParams"> {
  /** A Client Token or an OAuth2 access token, sent as `Authorization: Bearer …`. */
  readonly token: string;
  /** Your VaiiPay installation, such as `https://api.example.com` (the docs' `api.yourdomain.com`). Required. */
  readonly baseUrl: string;
  /**
   * The payment application's 32-character client id, used as the create-checkout default when
   * a call names neither `clientId` nor `siteId`.
   */
  readonly clientId?: string;
  /**
   * The kind of `token`. With `"client"`, OAuth2-only operations (payment applications) do not
   * compile and are refused before sending; with `"oauth2"`, every operation is open. Default:
   * unknown, nothing is restricted.
   */
  readonly tokenKind?: Kind;
  /** A Client Token's scopes, to narrow further what compiles and what is sent. Default: all. */
  readonly scopes?: readonly Granted[];
}

/** Reads VaiiPay's `{ message, errors? }` error bodies. */
export const parseVaiiPayError: ErrorBodyParser = (body) => {
  if (typeof body !== "object" || body === null) return {};
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const text = typeof message === "string" && message !== "" ? message : undefined;
  const hasFieldErrors = typeof errors === "object" && errors !== null && Object.keys(errors).length > 0;
  return { code: hasFieldErrors ? "validation_error" : undefined, message: text, requestId: undefined };
};

const clientIdPattern = /^[A-Za-z0-9]{32}$/;

function checkAccess(kind: TokenKind | undefined, granted: readonly Scope[] | undefined) {
  return (method: string, schemaPath: string): void => {
    const key = `${method} ${schemaPath}` as keyof typeof operationSecurity;
    const alternatives = operationSecurity[key] as readonly Record<string, readonly string[]>[] | undefined;
    if (alternatives === undefined || alternatives.length === 0 || kind === undefined) return;
    const byClient = alternatives.find((alternative) => "clientToken" in alternative)?.clientToken;
    const byOAuth2 = alternatives.some((alternative) => "oauth2Token" in alternative);
    if (kind === "oauth2" && !byOAuth2) {
      throw new InvalidRequestError("operation_not_allowed", `${key} does not accept an OAuth2 token.`);
    }
    if (kind !== "client") return;
    if (byClient === undefined) {
      throw new InvalidRequestError(
        "operation_not_allowed",
        `${key} needs the merchant's OAuth2 token; this client holds a Client Token.`,
      );
    }
    if (
      granted !== undefined &&
      !granted.includes("*") &&
      !byClient.some((scope) => granted.includes(scope as Scope))
    ) {
      throw new InvalidRequestError(
        "operation_not_allowed",
        `${key} needs a Client Token with scope ${byClient.join(" or ")}; this client's token has ${granted.join(", ") || "no scopes"}.`,
      );
    }
  };
}

/** The create-checkout body with the client's `clientId` when the call names neither `clientId` nor `siteId`. */
function withDefaultClientId(clientId: string) {
  return (method: string, schemaPath: string, body: unknown): unknown => {
    if (method !== "POST" || schemaPath !== "/api/payment/checkout") return body;
    if (typeof body !== "object" || body === null || "clientId" in body || "siteId" in body) return body;
    return { ...body, clientId };
  };
}

/**
 * Creates a typed client for a VaiiPay installation.
 *
 * `baseUrl` is required: the docs write the host as a placeholder. Declare `tokenKind` (and a
 * Client Token's `scopes`) to have operations the token cannot reach fail to compile — and be
 * refused before sending, for callers without types. A `clientId` is checked for its 32-character
 * form and becomes the create-checkout default.
 *
 * @example
 * ```ts
 * const vaiipay = createVaiiPayClient({ token, baseUrl: "https://api.example.com", tokenKind: "client", clientId });
 * const { data } = await unwrapData(vaiipay.POST("/api/payment/checkout", { body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123" } }));
 * ```
 */
export function createVaiiPayClient<
  const Kind extends TokenKind | undefined = undefined,
  const Granted extends Scope = Scope,
  const ClientId extends string | undefined = undefined,
>(
  options: VaiiPayClientOptions<Kind, Granted> & { readonly clientId?: ClientId },
): VaiiPayClient<Kind, Granted, ClientId extends string ? true : false> {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("invalid_option", "Pass an options object to create the vaiipay client.");
  }
  const { clientId, tokenKind, scopes: granted } = options;
  if (options.baseUrl === undefined) {
    throw new ConfigurationError(
      "missing_environment",
      "baseUrl is required: VaiiPay runs on your installation's host (the docs write it as https://api.yourdomain.com).",
    );
  }
  if (clientId !== undefined && (typeof clientId !== "string" || !clientIdPattern.test(clientId))) {
    throw new ConfigurationError(
      "invalid_option",
      "clientId must be the payment application's 32-character client id (letters and digits).",
    );
  }
  if (tokenKind !== undefined && tokenKind !== "client" && tokenKind !== "oauth2") {
    throw new ConfigurationError("invalid_option", 'tokenKind must be "client" or "oauth2".');
  }
  if (granted !== undefined) {
    if (tokenKind !== "client") {
      throw new ConfigurationError("invalid_option", 'scopes describe a Client Token: set tokenKind: "client" too.');
    }
    if (!Array.isArray(granted)) {
      throw new ConfigurationError("invalid_option", `scopes must be an array of ${scopes.join(", ")}.`);
    }
    const unknown = granted.filter((scope) => !scopes.includes(scope));
    if (unknown.length > 0) {
      throw new ConfigurationError("invalid_option", `Unknown scope ${unknown.join(", ")}: use ${scopes.join(", ")}.`);
    }
  }
  const settings: ProviderSettings<never> = {
    provider: "vaiipay",
    packageName,
    packageVersion,
    environments: {},
    auth: { type: "bearer" },
    credentialOption: "token",
    parseErrorBody: parseVaiiPayError,
    resources: resourceTable,
    keyedOperations,
    // VaiiPay documents no idempotency header: create-checkout is retried only when provably unsent.
    idempotency: { ...defaultIdempotency, methods: [] },
    checkCall: checkAccess(tokenKind, granted),
    ...(clientId === undefined ? {} : { defaultBody: withDefaultClientId(clientId) }),
  };
  return createApiClient<paths, never>(settings, { ...options, credential: options.token }) as unknown as VaiiPayClient<
    Kind,
    Granted,
    ClientId extends string ? true : false
  >;
}
