import {
  type ApiClient,
  type ApiClientOptions,
  createApiClient,
  defaultIdempotency,
  type ProviderSettings,
} from "../../src/index.js";

type Operation = {
  parameters: { query?: never; header?: { "Idempotency-Key"?: string }; path?: never; cookie?: never };
  requestBody?: { content: { "application/json": { name?: string } } };
  responses: {
    200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: boolean; sideEffect: number } } };
    default: { headers: { [name: string]: unknown }; content: { "application/json": { error: { code: string } } } };
  };
};

/** A tiny API with every method on one path, for exercising the runtime. */
export interface TestPaths {
  "/things": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: Operation;
    put: Operation;
    post: Operation;
    delete: Operation;
    patch: Operation;
    options?: never;
    head?: never;
    trace?: never;
  };
}

export const secret = "sk_test_51HxSECRETvalue0000";

export const keyedProvider: ProviderSettings<"test"> = {
  provider: "example",
  packageName: "@payspec/example",
  packageVersion: "1.2.3",
  environments: { test: "https://example.invalid" },
  auth: { type: "apiKey", header: "api-key" },
  credentialOption: "apiKey",
  parseErrorBody: (body) => {
    const error = (body as { error?: { code?: string; message?: string } }).error;
    return { code: error?.code, message: error?.message };
  },
  operationIds: { "POST /things": "createThing", "GET /things": "listThings" },
};

/** A provider that documents no idempotency header (like Paymend): POST and PATCH go unkeyed. */
export const unkeyedProvider: ProviderSettings<"test"> = {
  ...keyedProvider,
  idempotency: { ...defaultIdempotency, methods: [] },
};

export function testClient(
  baseUrl: string,
  options: Partial<ApiClientOptions<"test">> & { provider?: ProviderSettings<"test"> } = {},
): ApiClient<TestPaths> {
  const { provider = keyedProvider, ...rest } = options;
  return createApiClient<TestPaths, "test">(provider, {
    credential: secret,
    baseUrl,
    retryBaseDelayMs: 1,
    timeoutMs: 2_000,
    ...rest,
  } as ApiClientOptions<"test">);
}

/** Calls `method` on /things through the client. */
export function call(
  client: ApiClient<TestPaths>,
  method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH",
  init: { signal?: AbortSignal } = {},
): Promise<{ data?: { ok: boolean; sideEffect: number }; error?: unknown; response: Response }> {
  const body = { name: "thing" };
  switch (method) {
    case "GET":
      return client.GET("/things", init);
    case "DELETE":
      return client.DELETE("/things", init);
    case "PUT":
      return client.PUT("/things", { ...init, body });
    case "POST":
      return client.POST("/things", { ...init, body });
    case "PATCH":
      return client.PATCH("/things", { ...init, body });
  }
}
