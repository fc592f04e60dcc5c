import { violationsOf } from "@payspec/mock";
import { negativeSuite } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, unwrap } from "../src/index.js";
import { validCalls } from "./calls.js";
import { accountId, lenientClient, mockClient, mockUrl, unauthenticatedClient } from "./support.js";

const customers = () => `${mockUrl()}/api/${accountId}/customers`;

describe("the PaymentKit mock rejects bad requests", () => {
  it.each([
    ["no Authorization header", {}],
    ["a Token scheme instead of Bearer", { Authorization: "Token st_prod_abc" }],
    ["Bearer without a token", { Authorization: "Bearer " }],
  ])("answers 401 for %s", async (_case, headers) => {
    const response = await fetch(customers(), { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ title: "Unauthorized", status: 401 });
  });

  const post = (path: string, body: unknown) =>
    fetch(`${mockUrl()}/api/${accountId}${path}`, {
      method: "POST",
      headers: { Authorization: "Bearer st_prod_abc", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it.each([
    [
      "a subscription without items",
      "/subscriptions",
      { customer_id: "cus_abc", currency: "USD" },
      ["request", "body"],
      "required",
    ],
    [
      "a subscription with an unknown billing interval",
      "/subscriptions",
      { customer_id: "cus_abc", currency: "USD", items: [{ price_id: "price_1" }], billing_interval: "fortnight" },
      ["request", "body", "billing_interval"],
      "enum",
    ],
    [
      "a subscription with both trial_end and trial_period_days",
      "/subscriptions",
      {
        customer_id: "cus_abc",
        currency: "USD",
        items: [{ price_id: "price_1" }],
        trial_end: "2026-12-01T00:00:00Z",
        trial_period_days: 7,
      },
      ["request", "body"],
      "not",
    ],
    ["a refund naming no payment", "/payments/refunds", { amount_atom: 100 }, ["request", "body"], "required"],
    [
      "a refund of a decimal amount",
      "/payments/refunds",
      { payment_intent_id: "pi_1", amount_atom: 15.5 },
      ["request", "body", "amount_atom"],
      "type",
    ],
    [
      "a webhook endpoint over plain http",
      "/webhook-endpoints",
      { url: "http://x.example/hook", events: ["invoice.paid"] },
      ["request", "body", "url"],
      "pattern",
    ],
    [
      "a misspelt customer field (the request schema lists every field the docs and the Ruby gem send)",
      "/customers",
      { email: "jane@acme.com", frist_name: "Jane" },
      ["request", "body"],
      "additionalProperties",
    ],
    [
      "a scheduled resume without its date",
      "/subscriptions/sub_prod_m3n4o5p6/resume",
      { resume_timing: "on_date" },
      ["request", "body"],
      "required",
    ],
    [
      "a resume timing the reference does not list",
      "/subscriptions/sub_prod_m3n4o5p6/resume",
      { resume_timing: "tomorrow" },
      ["request", "body", "resume_timing"],
      "enum",
    ],
    [
      "a customer id without its prefix",
      "/invoices",
      { customer_id: "123", currency: "usd", items: [{ amount: 1 }] },
      ["request", "body", "customer_id"],
      "pattern",
    ],
  ])("answers 422 for %s and names the violation", async (_case, path, body, location, code) => {
    const response = await post(path, body);
    expect(response.status).toBe(422);
    expect(violationsOf(response)).toContainEqual(expect.objectContaining({ location, code }));
  });

  it("answers 422 for an account without its organization", async () => {
    const response = await fetch(`${mockUrl()}/api/accounts`, {
      method: "POST",
      headers: { Authorization: "Bearer st_prod_abc", "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Production Environment" }),
    });
    expect(response.status).toBe(422);
    expect(violationsOf(response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body"], code: "required" }),
    );
  });

  it("answers 422 for a limit above 100 and an account id without its prefix", async () => {
    const tooMany = await fetch(`${customers()}?limit=500`, { headers: { Authorization: "Bearer x" } });
    expect(tooMany.status).toBe(422);
    expect(violationsOf(tooMany)).toContainEqual(expect.objectContaining({ location: ["request", "query", "limit"] }));
    const badAccount = await fetch(`${mockUrl()}/api/a1b2/customers`, { headers: { Authorization: "Bearer x" } });
    expect(badAccount.status).toBe(422);
  });

  it("rejects a wrongly typed body sent through the typed client", async () => {
    const { client } = mockClient();
    const call = client.POST("/api/{account_id}/subscriptions/{subscription_id}/pause", {
      params: { path: { subscription_id: "sub_prod_m3n4o5p6" } },
      // @ts-expect-error pause_behavior is an enum
      body: { pause_behavior: "pause_forever" },
    });
    await expect(call).rejects.toMatchObject({
      name: "SpecViolationError",
      violations: [expect.objectContaining({ location: ["request", "body", "pause_behavior"], code: "enum" })],
    });
  });
});

// One negative test per operation, through the typed client: without credentials every operation
// that needs them is refused with 401, which unwrap turns into an AuthenticationError.
await negativeSuite({
  provider: "paymentkit",
  validCalls,
  unauthenticatedClient,
  lenientClient,
  errors: { unwrap, ApiError, AuthenticationError },
});
