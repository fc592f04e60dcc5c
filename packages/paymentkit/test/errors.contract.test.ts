import { describe, expect, it } from "vitest";
import { ConflictError, parsePaymentKitError, UnprocessableEntityError, unwrap } from "../src/index.js";
import { mockClient } from "./support.js";

describe("PaymentKit errors", () => {
  it("turns a problem+json response into a typed error with its request id", async () => {
    const { client } = mockClient();
    const error = await unwrap(
      client.POST("/api/{account_id}/change-requests", {
        body: { subscription_id: "sub_prod_m3n4o5p6" },
        headers: { Prefer: "code=409" },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      status: 409,
      requestId: "req_7Hq2LmX9",
      provider: "paymentkit",
      message: expect.stringContaining("Subscription already has an active change request"),
    });
  });

  it("reads FastAPI's 422 body too", async () => {
    const { client } = mockClient();
    const error = await unwrap(
      client.GET("/api/{account_id}/customers", { headers: { Prefer: "code=422, example=fastapi" } }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("body.currency: field required"),
    });
  });

  it("parses both shapes and tolerates anything else", () => {
    expect(
      parsePaymentKitError({
        type: "about:blank",
        title: "Bad Request",
        detail: "email is required",
        request_id: "req_1",
      }),
    ).toEqual({
      code: undefined,
      message: "email is required",
      requestId: "req_1",
    });
    expect(
      parsePaymentKitError({ type: "https://docs.paymentkit.com/errors/card", title: "Card declined" }),
    ).toMatchObject({
      code: "https://docs.paymentkit.com/errors/card",
      message: "Card declined",
    });
    expect(parsePaymentKitError("oops")).toEqual({});
    expect(parsePaymentKitError(null)).toEqual({});
  });
});
