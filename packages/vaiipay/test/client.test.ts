import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  createVaiiPayClient,
  InvalidRequestError,
  PermissionDeniedError,
  paymentIdFromCheckoutUrl,
  UnprocessableEntityError,
  unwrap,
  unwrapData,
  type VaiiPayClientOptions,
} from "../src/index.js";
import { clientId, mockClient, mockUrl, paymentId, recordingFetch } from "./support.js";

const neverFetch = vi.fn(async () => {
  throw new Error("no request may be sent");
});
afterEach(() => neverFetch.mockClear());

describe("createVaiiPayClient options", () => {
  it.each([
    ["baseUrl is missing", { token: "t" }, "missing_environment", /baseUrl is required/],
    ["token is missing", { baseUrl: "https://api.example.com" }, "missing_credential", /token is required/],
    [
      "clientId is too short",
      { token: "t", baseUrl: "https://x.example", clientId: "your_client_id" },
      "invalid_option",
      /32-character/,
    ],
    [
      "clientId has symbols",
      { token: "t", baseUrl: "https://x.example", clientId: "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p!" },
      "invalid_option",
      /32-character/,
    ],
    [
      "tokenKind is unknown",
      { token: "t", baseUrl: "https://x.example", tokenKind: "api" },
      "invalid_option",
      /tokenKind/,
    ],
    [
      "scopes without a client token",
      { token: "t", baseUrl: "https://x.example", scopes: ["payments.get"] },
      "invalid_option",
      /tokenKind: "client"/,
    ],
    [
      "an unknown scope",
      { token: "t", baseUrl: "https://x.example", tokenKind: "client", scopes: ["payments.delete"] },
      "invalid_option",
      /Unknown scope payments.delete/,
    ],
    [
      "scopes that are not an array (a plain-JavaScript caller)",
      { token: "t", baseUrl: "https://x.example", tokenKind: "client", scopes: "payments.get" },
      "invalid_option",
      /scopes must be an array of /,
    ],
    ["baseUrl is not a URL", { token: "t", baseUrl: "api.yourdomain.com" }, "invalid_base_url", /include the scheme/],
  ])("refuses %s before sending anything", (_case, options, code, message) => {
    const create = () => createVaiiPayClient({ fetch: neverFetch, ...options } as unknown as VaiiPayClientOptions);
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(message);
    expect(create).toThrow(expect.objectContaining({ code }));
    expect(neverFetch).not.toHaveBeenCalled();
  });
});

describe("token reach at run time", () => {
  it("refuses an OAuth2-only operation on a client token before sending", async () => {
    const client = createVaiiPayClient({
      token: "t",
      baseUrl: "https://x.example",
      tokenKind: "client",
      fetch: neverFetch,
    });
    const untyped = client as unknown as { GET(path: string): Promise<unknown> };
    await expect(untyped.GET("/api/payment-applications")).rejects.toThrow(
      expect.objectContaining({
        code: "operation_not_allowed",
        message: expect.stringContaining("needs the merchant's OAuth2 token"),
      }),
    );
    expect(neverFetch).not.toHaveBeenCalled();
  });

  it("refuses an operation outside the token's scopes, naming the scope it needs", async () => {
    const client = createVaiiPayClient({
      token: "t",
      baseUrl: "https://x.example",
      tokenKind: "client",
      scopes: ["payments.get"],
      fetch: neverFetch,
    });
    const untyped = client as unknown as { POST(path: string, init: object): Promise<unknown> };
    const call = untyped.POST("/api/payment/checkout", { body: { amount: 1 } });
    await expect(call).rejects.toThrow(InvalidRequestError);
    await expect(untyped.POST("/api/payment/checkout", { body: { amount: 1 } })).rejects.toThrow(
      /needs a Client Token with scope payments.create; this client's token has payments.get/,
    );
    expect(neverFetch).not.toHaveBeenCalled();
  });

  it("reports a 401 and a 403 from the server as typed errors", async () => {
    const { client } = mockClient();
    const unauthenticated = await unwrap(
      client.GET("/api/payment/{paymentId}", { params: { path: { paymentId } }, headers: { Prefer: "code=401" } }),
    ).catch((caught: unknown) => caught);
    expect(unauthenticated).toBeInstanceOf(AuthenticationError);
    expect(unauthenticated).toMatchObject({ status: 401, message: expect.stringContaining("Unauthenticated.") });
    const forbidden = await unwrap(client.GET("/api/payment-applications", { headers: { Prefer: "code=403" } })).catch(
      (caught: unknown) => caught,
    );
    expect(forbidden).toBeInstanceOf(PermissionDeniedError);
    expect(forbidden).toMatchObject({ status: 403, message: expect.stringContaining("Insufficient permissions") });
  });
});

describe("create checkout", () => {
  it("fills in the configured clientId when the call names neither clientId nor siteId", async () => {
    const recorder = recordingFetch();
    const client = createVaiiPayClient({
      token: "t",
      baseUrl: mockUrl(),
      tokenKind: "client",
      clientId,
      fetch: recorder.fetch,
    });
    await client.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "R-1", referenceLabel: "One" },
    });
    await client.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "R-2", referenceLabel: "Two", siteId: paymentId },
    });
    expect(recorder.bodies.map((body) => JSON.parse(body ?? "{}").clientId)).toEqual([clientId, undefined]);
    expect(JSON.parse(recorder.bodies[1] ?? "{}").siteId).toBe(paymentId);
  });

  it("unwraps the envelope, keeps the response, and finds the payment id in the URL", async () => {
    const { client } = mockClient();
    const { data, response } = await unwrapData(
      client.POST("/api/payment/checkout", {
        body: { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123", clientId },
      }),
    );
    expect(response.status).toBe(200);
    expect(data.checkoutUrl).toMatch(/^https:\/\/yourdomain\.com\/checkout\//);
    expect(paymentIdFromCheckoutUrl(data.checkoutUrl)).toBe(paymentId);
    expect(() => paymentIdFromCheckoutUrl("https://yourdomain.com/checkout/")).toThrow(/No payment id/);
    expect(() => paymentIdFromCheckoutUrl("not a url")).toThrow(/No payment id/);
    expect(() => paymentIdFromCheckoutUrl("not a url")).toThrow(
      expect.objectContaining({ code: "invalid_checkout_url" }),
    );
  });

  it("reads the Laravel-style 422 body into a typed error", async () => {
    const { client } = mockClient();
    const error = await unwrap(
      client.POST("/api/payment/checkout", {
        body: { amount: 10000, currencyCode: "USD", reference: "R", referenceLabel: "L", clientId },
        headers: { Prefer: "code=422" },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("The reference field is required."),
    });
  });
});
