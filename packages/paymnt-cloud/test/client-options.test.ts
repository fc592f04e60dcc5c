import { describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createPaymntCloudClient,
  InvalidRequestError,
  type PaymntCloudClientOptions,
} from "../src/index.js";

const secret = "sk_sandbox_9f8e7d6c5b4a39281706";

// Construction must fail before any request: every case here uses a fetch that fails the test.
const neverFetch = vi.fn(async () => {
  throw new Error("no request may be sent");
});

function construct(options: unknown) {
  return () =>
    createPaymntCloudClient({ fetch: neverFetch, ...(options as object) } as unknown as PaymntCloudClientOptions);
}

describe("createPaymntCloudClient options", () => {
  it.each([
    ["apiKey is missing", { environment: "sandbox" }, "missing_credential", /apiKey is required/],
    ["apiKey is empty", { apiKey: "", environment: "sandbox" }, "missing_credential", /apiKey is empty/],
    ["apiKey is blank", { apiKey: "   ", environment: "sandbox" }, "missing_credential", /apiKey is empty/],
    ["apiKey is not a string", { apiKey: 42, environment: "sandbox" }, "invalid_credential", /must be a string/],
    [
      "apiKey has a trailing newline",
      { apiKey: `${secret}\n`, environment: "sandbox" },
      "invalid_credential",
      /stray newline/,
    ],
    [
      "environment is unknown",
      { apiKey: secret, environment: "staging" },
      "unknown_environment",
      /"production" or "sandbox"/,
    ],
    [
      "neither environment nor baseUrl",
      { apiKey: secret },
      "missing_environment",
      /environment "production" or "sandbox"/,
    ],
    [
      "both environment and baseUrl",
      { apiKey: secret, environment: "sandbox", baseUrl: "http://127.0.0.1:4010" },
      "conflicting_options",
      /not both/,
    ],
    [
      "baseUrl is not a URL",
      { apiKey: secret, baseUrl: "sandbox.paymnt.cloud" },
      "invalid_base_url",
      /include the scheme/,
    ],
    [
      "baseUrl has a bad scheme",
      { apiKey: secret, baseUrl: "ftp://sandbox.paymnt.cloud" },
      "invalid_base_url",
      /http or https/,
    ],
    [
      "baseUrl embeds credentials",
      { apiKey: secret, baseUrl: "https://user:pass@sandbox.paymnt.cloud" },
      "invalid_base_url",
      /must not contain credentials/,
    ],
    [
      "baseUrl has a query",
      { apiKey: secret, baseUrl: "https://sandbox.paymnt.cloud?x=1" },
      "invalid_base_url",
      /query/,
    ],
    [
      "a live key aimed at the sandbox",
      { apiKey: "sk_live_abc123", environment: "sandbox" },
      "credential_environment_mismatch",
      /production key/,
    ],
    [
      "a sandbox key aimed at production",
      { apiKey: secret, environment: "production" },
      "credential_environment_mismatch",
      /sandbox key/,
    ],
    ["profileId is empty", { apiKey: secret, environment: "sandbox", profileId: "" }, "invalid_option", /profileId/],
  ])("throws a ConfigurationError when %s", (_case, options, code, message) => {
    const create = construct(options);
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(message);
    try {
      create();
    } catch (error) {
      expect((error as ConfigurationError).code).toBe(code);
      expect(String(error)).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
    expect(neverFetch).not.toHaveBeenCalled();
  });

  it("throws a ConfigurationError when called without options", () => {
    expect(() => createPaymntCloudClient(undefined as unknown as PaymntCloudClientOptions)).toThrow(
      /apiKey is required/,
    );
  });

  it.each([
    ["production", "https://api.paymnt.cloud/payments/pay_1"],
    ["sandbox", "https://sandbox.paymnt.cloud/payments/pay_1"],
  ] as const)("sends %s requests to the documented host", async (environment, url) => {
    const seen: Request[] = [];
    const client = createPaymntCloudClient({
      apiKey: "key_without_documented_prefix",
      environment,
      fetch: async (url: string, init: RequestInit) => {
        const request = new Request(url, init);
        seen.push(request);
        return Response.json({}, { status: 200 });
      },
    });
    await client.GET("/payments/{payment_id}", { params: { path: { payment_id: "pay_1" } } });
    expect(seen[0]?.url).toBe(url);
  });

  it("keeps a base URL's path and drops its trailing slash", async () => {
    const seen: string[] = [];
    const client = createPaymntCloudClient({
      apiKey: secret,
      baseUrl: "http://127.0.0.1:9/proxy/paymnt/",
      fetch: async (url: string, init: RequestInit) => {
        const request = new Request(url, init);
        seen.push(request.url);
        return Response.json([], { status: 200 });
      },
    });
    await client.GET("/customers/list");
    expect(seen).toEqual(["http://127.0.0.1:9/proxy/paymnt/customers/list"]);
  });

  it("refuses an invalid caller idempotency key before sending", async () => {
    const fetchSpy = vi.fn(async () => Response.json({}));
    const client = createPaymntCloudClient({ apiKey: secret, baseUrl: "http://127.0.0.1:9", fetch: fetchSpy });
    const call = client.POST("/payments", {
      params: { header: { "Idempotency-Key": "x".repeat(256) } },
      body: { amount: 1000, currency: "USD" },
    });
    await expect(call).rejects.toThrow(InvalidRequestError);
    await expect(
      client.POST("/payments", {
        params: { header: { "Idempotency-Key": "two words" } },
        body: { amount: 1000, currency: "USD" },
      }),
    ).rejects.toThrow(/visible ASCII/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("lets one call override the client's profile", async () => {
    const seen: Request[] = [];
    const client = createPaymntCloudClient({
      apiKey: secret,
      baseUrl: "http://127.0.0.1:9",
      profileId: "pro_default",
      fetch: async (url: string, init: RequestInit) => {
        const request = new Request(url, init);
        seen.push(request);
        return Response.json([]);
      },
    });
    await client.GET("/customers/list");
    await client.GET("/customers/list", { params: { header: { "x-profile-id": "pro_other" } } });
    expect(seen.map((request) => request.headers.get("x-profile-id"))).toEqual(["pro_default", "pro_other"]);
  });
});
