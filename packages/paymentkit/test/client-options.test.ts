import { describe, expect, it, vi } from "vitest";
import { ConfigurationError, createPaymentKitClient, type PaymentKitClientOptions } from "../src/index.js";

const neverFetch = vi.fn(async () => {
  throw new Error("no request may be sent");
});
const construct = (options: object) => () =>
  createPaymentKitClient({ fetch: neverFetch, ...options } as unknown as PaymentKitClientOptions);

describe("createPaymentKitClient options", () => {
  it.each([
    ["token is missing", { environment: "production" }, "missing_credential", /token is required/],
    [
      "token is publishable",
      { token: "pt_prod_abc123", environment: "production" },
      "invalid_credential",
      /publishable token \(pt_…\).*secret token \(st_…\)/,
    ],
    [
      "a production token aimed at staging",
      { token: "st_prod_abc123", environment: "staging" },
      "credential_environment_mismatch",
      /production token .* environment is "staging"/,
    ],
    [
      "a staging token aimed at production",
      { token: "st_stg_abc123", environment: "production" },
      "credential_environment_mismatch",
      /staging token/,
    ],
    [
      "a staging account on production",
      { token: "st_prod_abc123", environment: "production", accountId: "acc_stg_a1" },
      "credential_environment_mismatch",
      /accountId is a staging account/,
    ],
    [
      "an account whose environment contradicts the token, on a base URL",
      { token: "st_stg_abc123", baseUrl: "http://127.0.0.1:9", accountId: "acc_prod_a1" },
      "credential_environment_mismatch",
      /but the token is staging/,
    ],
    [
      "a development account with a production token",
      { token: "st_prod_abc123", environment: "production", accountId: "acc_dev_a1" },
      "credential_environment_mismatch",
      /accountId is a development account \(acc_dev_…\) but the token is production/,
    ],
    [
      "a development token with a staging account, on a base URL",
      { token: "st_dev_abc123", baseUrl: "http://127.0.0.1:9", accountId: "acc_stg_a1" },
      "credential_environment_mismatch",
      /accountId is a staging account \(acc_stg_…\) but the token is development/,
    ],
    [
      "a staging account with a development token on production",
      { token: "st_dev_abc123", environment: "production", accountId: "acc_stg_a1" },
      "credential_environment_mismatch",
      /accountId is a staging account .* but the environment is production/,
    ],
    [
      "a malformed account id",
      { token: "st_prod_abc123", environment: "production", accountId: "a1b2c3" },
      "invalid_option",
      /accountId must be an account id/,
    ],
    [
      "an unknown environment",
      { token: "st_prod_abc123", environment: "sandbox" },
      "unknown_environment",
      /"production" or "staging"/,
    ],
  ])("refuses %s before sending anything", (_case, options, code, message) => {
    const create = construct(options);
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(message);
    expect(create).toThrow(expect.objectContaining({ code }));
    expect(neverFetch).not.toHaveBeenCalled();
  });

  it("accepts matching tokens, accounts and environments, and the docs' legacy sk_ keys", () => {
    expect(construct({ token: "st_prod_abc", environment: "production", accountId: "acc_prod_a1" })).not.toThrow();
    expect(construct({ token: "st_stg_abc", environment: "staging", accountId: "acc_stg_a1" })).not.toThrow();
    expect(construct({ token: "sk_live_abc", environment: "production" })).not.toThrow();
  });

  it("accepts the dev segment the Python SDK shows, with no documented host to hold it against", () => {
    expect(construct({ token: "st_dev_abc", baseUrl: "http://127.0.0.1:9", accountId: "acc_dev_a1" })).not.toThrow();
    expect(construct({ token: "st_dev_abc", environment: "production", accountId: "acc_dev_a1" })).not.toThrow();
    expect(construct({ token: "st_dev_abc", environment: "staging" })).not.toThrow();
    expect(construct({ token: "sk_live_abc", environment: "staging", accountId: "acc_dev_a1" })).not.toThrow();
  });

  it.each([
    ["production", "https://app.paymentkit.com/api/acc_prod_a1/customers"],
    ["staging", "https://staging.paymentkit.com/api/acc_prod_a1/customers"],
  ] as const)("sends %s requests to the documented host", async (environment, url) => {
    const seen: Request[] = [];
    const client = createPaymentKitClient({
      token: "token_without_segment",
      environment,
      fetch: async (url: string, init: RequestInit) => {
        const request = new Request(url, init);
        seen.push(request);
        return Response.json({ items: [], total: 0, has_more: false });
      },
    });
    await client.GET("/api/{account_id}/customers", { params: { path: { account_id: "acc_prod_a1" } } });
    expect(seen[0]?.url).toBe(url);
    expect(seen[0]?.headers.get("Authorization")).toBe("Bearer token_without_segment");
  });

  it("fills the account into account-scoped paths, and lets a call name another", async () => {
    const seen: string[] = [];
    const client = createPaymentKitClient({
      token: "st_prod_abc",
      accountId: "acc_prod_a1",
      baseUrl: "http://127.0.0.1:9",
      fetch: async (url: string, init: RequestInit) => {
        const request = new Request(url, init);
        seen.push(new URL(request.url).pathname);
        return Response.json({ items: [], total: 0, has_more: false });
      },
    });
    await client.GET("/api/{account_id}/customers");
    await client.GET("/api/{account_id}/subscriptions/{subscription_id}", {
      params: { path: { subscription_id: "sub_prod_1" } },
    });
    await client.GET("/api/{account_id}/customers", { params: { path: { account_id: "acc_prod_other" } } });
    expect(seen).toEqual([
      "/api/acc_prod_a1/customers",
      "/api/acc_prod_a1/subscriptions/sub_prod_1",
      "/api/acc_prod_other/customers",
    ]);
  });

  it("without an account, refuses an account-scoped call that omits it", async () => {
    const fetchSpy = vi.fn(async () => Response.json({}));
    const client = createPaymentKitClient({ token: "st_prod_abc", baseUrl: "http://127.0.0.1:9", fetch: fetchSpy });
    const call = client.GET("/api/{account_id}/customers", { params: {} as never });
    await expect(call).rejects.toThrow(
      /Missing path parameter account_id for \/api\/{account_id}\/customers: pass it in params.path or set accountId/,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
