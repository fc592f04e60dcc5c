import { describe, expectTypeOf, it } from "vitest";
import {
  capture,
  type PaymendClient,
  type Payment,
  type PaymentIn,
  refund,
  type StatusesAllowing,
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
      if (payment.status === "AUTHORIZED") await capture(client, payment as PaymentIn<"AUTHORIZED">);
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
});
