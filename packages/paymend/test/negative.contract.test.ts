import { violationsOf } from "@payspec/mock";
import { negativeSuite } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, unwrap } from "../src/index.js";
import { validCalls } from "./calls.js";
import { createBody, lenientClient, mockUrl, paymentId, unauthenticatedClient } from "./support.js";

const create = (body: unknown, headers: Record<string, string> = { Authorization: "Bearer t" }) =>
  fetch(`${mockUrl()}/v1/payments`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the Paymend mock rejects bad requests", () => {
  it("answers 401 without a token", async () => {
    expect((await create(createBody, {})).status).toBe(401);
    expect((await fetch(`${mockUrl()}/v1/payments/${paymentId}`)).status).toBe(401);
  });

  it.each([
    ["a missing merchantReference", { ...createBody, merchantReference: undefined }, ["request", "body"], "required"],
    ["a lower-case currency", { ...createBody, currency: "usd" }, ["request", "body", "currency"], "pattern"],
    ["a non-integer amount", { ...createBody, amount: 129.97 }, ["request", "body", "amount"], "type"],
    ["an amount as a string", { ...createBody, amount: "12997" }, ["request", "body", "amount"], "type"],
    [
      "a missing store id",
      { ...createBody, source: { initiatedBy: "CONSUMER" } },
      ["request", "body", "source"],
      "required",
    ],
    ["an unknown goods type", { ...createBody, goodsType: "SERVICE" }, ["request", "body", "goodsType"], "enum"],
    [
      "a previous failure without attempt number or time",
      { ...createBody, previousFailures: [{ providerFailureCode: "05" }] },
      ["request", "body", "previousFailures", "0"],
      "required",
    ],
    [
      "a previous failure mixing the current and the earlier form",
      { ...createBody, previousFailures: [{ provider: "AcquirerX", attemptNumber: 1, responseCode: "05" }] },
      ["request", "body", "previousFailures", "0", "responseCode"],
      "false schema",
    ],
    [
      "a misspelt top-level field",
      { ...createBody, merchantRef: "PAYMENT-12345" },
      ["request", "body"],
      "additionalProperties",
    ],
  ])("answers 422 for %s and names the violation", async (_case, body, location, code) => {
    const response = await create(body);
    expect(response.status).toBe(422);
    expect(violationsOf(response)).toContainEqual(expect.objectContaining({ location, code }));
  });
});

// One negative test per operation, through the typed client: without credentials every operation
// that needs them is refused with 401, which unwrap turns into an AuthenticationError.
await negativeSuite({
  provider: "paymend",
  validCalls,
  unauthenticatedClient,
  lenientClient,
  errors: { unwrap, ApiError, AuthenticationError },
});
