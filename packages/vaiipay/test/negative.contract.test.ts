import { violationsOf } from "@payspec/mock";
import { negativeSuite } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, unwrap } from "../src/index.js";
import { signed, validCalls } from "./calls.js";
import { clientId, lenientClient, mockUrl, paymentId, unauthenticatedClient } from "./support.js";

const checkout = (body: unknown, headers: Record<string, string> = { Authorization: "Bearer t" }) =>
  fetch(`${mockUrl()}/api/payment/checkout`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
const valid = { amount: 10000, currencyCode: "USD", reference: "ORDER-123", referenceLabel: "Order #123", clientId };

describe("the VaiiPay mock rejects bad requests", () => {
  it.each([
    ["no token", {}],
    ["a Basic credential", { Authorization: "Basic dXNlcjpwYXNz" }],
  ])("answers 401 with %s", async (_case, headers) => {
    const response = await checkout(valid, headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthenticated." });
    const read = await fetch(`${mockUrl()}/api/payment/${paymentId}`, { headers });
    expect(read.status).toBe(401);
  });

  it("serves the public checkout endpoints without a token", async () => {
    const response = await fetch(`${mockUrl()}/api/checkout/${paymentId}/payment-methods`);
    expect(response.status).toBe(200);
  });

  it.each([
    ["an amount that is not an integer", { ...valid, amount: 100.5 }, ["request", "body", "amount"], "type"],
    ["an amount given as a string", { ...valid, amount: "10000" }, ["request", "body", "amount"], "type"],
    ["a missing reference", { ...valid, reference: undefined }, ["request", "body"], "required"],
    ["neither clientId nor siteId", { ...valid, clientId: undefined }, ["request", "body"], "required"],
    [
      "a siteId that is not a UUID",
      { ...valid, clientId: undefined, siteId: "site-1" },
      ["request", "body", "siteId"],
      "format",
    ],
    ["an unknown field", { ...valid, amuont: 1 }, ["request", "body"], "unevaluatedProperties"],
  ])("answers 422 for %s and names the violation", async (_case, body, location, code) => {
    const response = await checkout(body);
    expect(response.status).toBe(422);
    expect(violationsOf(response)).toContainEqual(expect.objectContaining({ location, code }));
  });

  it("answers 422 for a payment id that is not a UUID (Prism's own problem, as the operation declares no 422)", async () => {
    const response = await fetch(`${mockUrl()}/api/payment/ORDER-123`, { headers: { Authorization: "Bearer t" } });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { validation: { location: string[]; code: string }[] };
    expect(problem.validation).toContainEqual(
      expect.objectContaining({ location: ["path", "paymentid"], code: "format" }),
    );
  });
});

// One negative test per operation, through the typed client: without credentials every operation
// that needs them is refused with 401, which unwrap turns into an AuthenticationError.
await negativeSuite({
  provider: "vaiipay",
  validCalls,
  unauthenticatedClient,
  lenientClient,
  invalidCalls: {
    retrieveCheckoutInstructions: (client) =>
      client.GET("/api/checkout/payment/{paymentId}/provider/{provider}/method/{method}", {
        params: { path: { paymentId: "not-a-uuid", provider: "tron", method: "usdt" }, query: signed },
      }),
    listCheckoutPaymentMethods: (client) =>
      client.GET("/api/checkout/{paymentId}/payment-methods", {
        params: { path: { paymentId: "not-a-uuid" }, query: signed },
      }),
  },
  errors: { unwrap, ApiError, AuthenticationError },
});
