import { describe, expect, it } from "vitest";
import { ConfigurationError, ConnectionError, createPaymendClient, type PaymendClientOptions } from "../src/index.js";
import { createBody, paymentId } from "./support.js";

// The safe-creation policy, proven on the runtime configuration: no idempotency key exists, so a
// POST is resent only when it provably never left the machine.
function scripted(...outcomes: ("refused" | "reset" | number)[]) {
  const requests: Request[] = [];
  const client = createPaymendClient({
    token: "t",
    baseUrl: "http://127.0.0.1:9",
    retryBaseDelayMs: 1,
    fetch: async (url: string, init: RequestInit) => {
      const request = new Request(url, init);
      requests.push(request);
      const outcome = outcomes.shift() ?? 200;
      if (outcome === "refused") {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        });
      }
      if (outcome === "reset") {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
        });
      }
      return Response.json(
        outcome === 200
          ? {
              paymentId,
              merchantReference: "PAYMENT-12345",
              amount: 12997,
              currency: "USD",
              status: "AUTHORIZED",
              createdAt: "2026-11-22T10:00:00Z",
              updatedAt: "2026-11-22T10:00:00Z",
            }
          : { code: "UNAVAILABLE" },
        { status: outcome },
      );
    },
  });
  return { client, requests };
}

describe("creating payments safely", () => {
  it("never sends an idempotency key Paymend does not document", async () => {
    const { client, requests } = scripted();
    await client.POST("/v1/payments", { body: createBody });
    expect(requests[0]?.headers.has("Idempotency-Key")).toBe(false);
  });

  it("resends a create that provably never left (connection refused)", async () => {
    const { client, requests } = scripted("refused");
    const { response } = await client.POST("/v1/payments", { body: createBody });
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("does not resend a create whose response was lost, and says it may have been sent", async () => {
    const { client, requests } = scripted("reset");
    const error = await client.POST("/v1/payments", { body: createBody }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ sent: true, attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it.each(["capture", "refund", "void"] as const)("does not resend a %s after a 503", async (action) => {
    const { client, requests } = scripted(503);
    const { response } = await client.POST(`/v1/payments/{paymentId}/${action}`, { params: { path: { paymentId } } });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("retries reads", async () => {
    const { client, requests } = scripted(503, "reset");
    const { response } = await client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId } } });
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(3);
  });
});

describe("createPaymendClient options", () => {
  it.each([
    ["no token", { environment: "sandbox" }, /token is required/],
    ["an unknown environment", { token: "t", environment: "test" }, /"production" or "sandbox"/],
    ["neither environment nor baseUrl", { token: "t" }, /Choose where requests go/],
  ])("refuses %s", (_case, options, message) => {
    expect(() => createPaymendClient(options as unknown as PaymendClientOptions)).toThrow(ConfigurationError);
    expect(() => createPaymendClient(options as unknown as PaymendClientOptions)).toThrow(message);
  });

  it.each([
    [{ environment: "sandbox" }, "https://test-api.paymend.com/v1/payments/pay_1"],
    [{ environment: "production" }, "https://prod-api.paymend.com/v1/payments/pay_1"],
    [{ baseUrl: "https://sandbox-api.paymend.com" }, "https://sandbox-api.paymend.com/v1/payments/pay_1"],
  ] as const)("sends to the documented host for %j", async (target, url) => {
    const seen: string[] = [];
    const client = createPaymendClient({
      token: "t",
      ...target,
      fetch: async (url: string, init: RequestInit) => {
        const request = new Request(url, init);
        seen.push(request.url);
        return Response.json({});
      },
    } as PaymendClientOptions);
    await client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: "pay_1" } } });
    expect(seen).toEqual([url]);
  });
});
