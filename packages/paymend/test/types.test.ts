import { describe, expect, expectTypeOf, it } from "vitest";
import {
  capture,
  isPaymentIn,
  type PaymendClient,
  type Payment,
  type PaymentIn,
  type PreviousFailure,
  refund,
  type StatusesAllowing,
  type Transaction,
  voidPayment,
  waitForFinalStatus,
} from "../src/index.js";

declare const client: PaymendClient;
declare const payment: Payment;

describe("Paymend types", () => {
  it("derives the allowed statuses of each action", () => {
    expectTypeOf<StatusesAllowing<"capture">>().toEqualTypeOf<"AUTHORIZED">();
    expectTypeOf<StatusesAllowing<"void">>().toEqualTypeOf<"PENDING" | "AUTHORIZED">();
    expectTypeOf<StatusesAllowing<"refund">>().toEqualTypeOf<"CAPTURED">();
  });

  it("makes lifecycle misuse visible at compile time", () => {
    const compileOnly = async () => {
      // @ts-expect-error a payment of unknown status cannot be captured
      await capture(client, payment);
      // isPaymentIn narrows the whole payment, without a cast; several statuses give their union.
      if (isPaymentIn(payment, "AUTHORIZED")) await capture(client, payment);
      if (isPaymentIn(payment, "PENDING", "AUTHORIZED")) await voidPayment(client, payment);
      // @ts-expect-error a payment that may be PENDING cannot be captured
      if (isPaymentIn(payment, "PENDING", "AUTHORIZED")) await capture(client, payment);
      // @ts-expect-error not a status
      isPaymentIn(payment, "PAID");
      const captured = {} as PaymentIn<"CAPTURED">;
      await refund(client, captured, { refundAmount: 500 });
      // @ts-expect-error a captured payment cannot be voided; refund it
      await voidPayment(client, captured);
      // @ts-expect-error refunds are integer minor units
      await refund(client, captured, { refundAmount: "5.00" });
      const final = await waitForFinalStatus(client, "pay_1");
      expectTypeOf(final.status).toEqualTypeOf<"AUTHORIZED" | "CAPTURED" | "REFUNDED" | "VOIDED" | "FAILED">();
      const withoutReference = {
        amount: 1,
        currency: "USD",
        goodsType: "DIGITAL",
        source: { storeId: "s" },
        paymentMethod: {
          type: "CARD",
          card: { number: "4111111111111111", holderName: "A", expiryMonth: "01", expiryYear: "2030" },
        },
      } as const;
      // @ts-expect-error merchantReference is required on create
      await client.POST("/v1/payments", { body: withoutReference });
      // @ts-expect-error there is no list endpoint
      await client.GET("/v1/payments");
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it("accepts a previous failure in either published form, never a mix of the two", () => {
    const current = [
      { provider: "AcquirerX", attemptNumber: 1, providerFailureCode: "05" },
      { providerFailureCode: "05", createdAt: "2025-11-05T14:22:10Z" },
    ] satisfies PreviousFailure[];
    const earlier = [
      { gateway: "AcquirerX", attemptNumber: 1, responseCode: "05", reason: "Do not honour" },
      { transactionId: "txn_abc123", additionalData: { avsResult: "N" } },
    ] satisfies PreviousFailure[];
    // @ts-expect-error the current form needs attemptNumber or createdAt
    const withoutWhen: PreviousFailure = { providerFailureCode: "05" };
    // @ts-expect-error one entry cannot mix the current form's names with the earlier form's
    const mixed: PreviousFailure = { provider: "AcquirerX", attemptNumber: 1, responseCode: "05" };
    expectTypeOf([...current, ...earlier, withoutWhen, mixed]).toExtend<PreviousFailure[]>();
  });

  it("types a failed payment's reason in both forms, and a transaction amount as printed", () => {
    expectTypeOf<NonNullable<Payment["failure"]>["failureCode"]>().toEqualTypeOf<string>();
    expectTypeOf<Payment["failureCode"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Payment["failureMessage"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Transaction["amount"]>().toEqualTypeOf<number | string | undefined>();
  });
});

describe("isPaymentIn", () => {
  it("is true exactly for the statuses given", () => {
    const authorised = { status: "AUTHORIZED" } as Payment;
    expect(isPaymentIn(authorised, "AUTHORIZED")).toBe(true);
    expect(isPaymentIn(authorised, "PENDING", "AUTHORIZED")).toBe(true);
    expect(isPaymentIn(authorised, "CAPTURED")).toBe(false);
    expect(isPaymentIn(authorised)).toBe(false);
  });
});
