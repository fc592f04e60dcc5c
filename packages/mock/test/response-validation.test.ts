import { describe, expect, it } from "vitest";
import { ResponseSchemaError, validateResponses } from "../src/index.js";

const middleware = validateResponses("paymnt-cloud");
const call = (body: unknown, status = 200, contentType = "application/json") =>
  middleware.onResponse({
    request: new Request("http://mock/payments", { method: "POST" }),
    schemaPath: "/payments",
    response: new Response(JSON.stringify(body), { status, headers: { "content-type": contentType } }),
  });

const payment = {
  payment_id: "pay_1",
  merchant_id: "m",
  status: "succeeded",
  amount: 1000,
  net_amount: 1000,
  amount_capturable: 0,
  currency: "USD",
  payment_method: "card",
  attempt_count: 1,
};

describe("validateResponses", () => {
  it("accepts a body that matches the operation's schema for its status", async () => {
    await expect(call(payment)).resolves.toBeUndefined();
    await expect(call({ error: { code: "IR_01", message: "no key" } }, 401)).resolves.toBeUndefined();
  });

  it("fails with a readable difference when the body breaks the schema", async () => {
    const error = await call({ ...payment, status: "done", amount: "10.00" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseSchemaError);
    expect((error as Error).message).toContain("POST /payments → 200");
    expect((error as Error).message).toMatch(/\/status must be equal to one of the allowed values \(got "done"\)/);
    expect((error as Error).message).toMatch(/\/amount must be integer \(got "10.00"\)/);
  });

  it("fails on a status or media type the spec does not declare", async () => {
    await expect(call(payment, 418)).rejects.toThrow(/answered 418 application\/json, which the spec does not declare/);
    await expect(call(payment, 200, "application/problem+json")).rejects.toThrow(ResponseSchemaError);
  });
});
