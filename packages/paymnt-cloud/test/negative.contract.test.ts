import { violationsOf } from "@payspec/mock";
import { negativeSuite } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, unwrap } from "../src/index.js";
import { validCalls } from "./calls.js";
import { lenientClient, mockClient, mockUrl, unauthenticatedClient } from "./support.js";

describe("the Paymnt Cloud mock rejects bad requests", () => {
  it("answers 401 when api-key is missing", async () => {
    const response = await fetch(`${mockUrl()}/payments/pay_123`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe("IR_01");
  });

  it("answers 401 when api-key is empty", async () => {
    const response = await fetch(`${mockUrl()}/payments/pay_123`, { headers: { "api-key": "" } });
    expect(response.status).toBe(401);
  });

  const invalidBodies = [
    {
      name: "amount as a string",
      body: { amount: "1000", currency: "USD" },
      violation: { location: ["request", "body", "amount"], code: "type" },
    },
    {
      name: "lower-case currency",
      body: { amount: 1000, currency: "usd" },
      violation: { location: ["request", "body", "currency"], code: "enum" },
    },
    {
      name: "missing required currency",
      body: { amount: 1000 },
      violation: { location: ["request", "body"], code: "required" },
    },
    {
      name: "negative amount",
      body: { amount: -5, currency: "USD" },
      violation: { location: ["request", "body", "amount"], code: "minimum" },
    },
    {
      name: "misspelt field",
      body: { amount: 1000, currency: "USD", descripton: "typo" },
      violation: { location: ["request", "body"], code: "unevaluatedProperties" },
    },
  ];

  it.each(invalidBodies)("answers 400 for $name and names the violation", async ({ body, violation }) => {
    const response = await fetch(`${mockUrl()}/payments`, {
      method: "POST",
      headers: { "api-key": "k", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(violationsOf(response)).toContainEqual(expect.objectContaining(violation));
    const error = (await response.json()) as { error: { type: string } };
    expect(error.error.type).toBe("validation_error");
  });

  // A body the types forbid still reaches the mock here (through @ts-expect-error), proving the
  // spec, not only the compiler, guards the wire.
  it("rejects a wrongly typed body sent through the typed client", async () => {
    const { client } = mockClient();
    const call = client.POST("/payments", {
      // @ts-expect-error amount must be an integer in minor units, not a string
      body: { amount: "10.00", currency: "USD" },
    });
    await expect(call).rejects.toMatchObject({
      name: "SpecViolationError",
      violations: [expect.objectContaining({ location: ["request", "body", "amount"], code: "type" })],
    });
  });

  it("answers 422 for a refund list limit above 100", async () => {
    const response = await fetch(`${mockUrl()}/refunds/list`, {
      method: "POST",
      headers: { "api-key": "k", "Content-Type": "application/json" },
      body: JSON.stringify({ limit: 500 }),
    });
    expect(response.status).toBe(422);
    expect(violationsOf(response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "limit"], code: "maximum" }),
    );
  });

  it("answers 400 for a payments list limit below 1", async () => {
    const response = await fetch(`${mockUrl()}/payments/list?limit=0`, { headers: { "api-key": "k" } });
    expect(response.status).toBe(400);
    expect(violationsOf(response)).toContainEqual(
      expect.objectContaining({ location: ["request", "query", "limit"], code: "minimum" }),
    );
  });
});

// One negative test per operation, through the typed client: without credentials every operation
// is refused with 401, which unwrap turns into an AuthenticationError.
await negativeSuite({
  provider: "paymnt-cloud",
  validCalls,
  unauthenticatedClient,
  lenientClient,
  errors: { unwrap, ApiError, AuthenticationError },
});
