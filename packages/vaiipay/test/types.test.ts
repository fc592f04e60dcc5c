import { describe, expectTypeOf, it } from "vitest";
import { createVaiiPayClient, type Payment, type PaymentStatus, unwrapData, type VaiiPayClient } from "../src/index.js";

const clientId = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
declare const anyToken: VaiiPayClient;
declare const clientToken: VaiiPayClient<"client">;
declare const readOnly: VaiiPayClient<"client", "payments.get">;
declare const oauth: VaiiPayClient<"oauth2">;
declare const withClientId: VaiiPayClient<"client", "*", true>;

describe("VaiiPay types", () => {
  it("infers the client's reach from its options", () => {
    const compileOnly = () => {
      expectTypeOf(createVaiiPayClient({ token: "t", baseUrl: "https://x" })).toEqualTypeOf<VaiiPayClient>();
      expectTypeOf(createVaiiPayClient({ token: "t", baseUrl: "https://x", tokenKind: "client" })).toEqualTypeOf<
        VaiiPayClient<"client">
      >();
      expectTypeOf(
        createVaiiPayClient({ token: "t", baseUrl: "https://x", tokenKind: "client", scopes: ["payments.get"] }),
      ).toEqualTypeOf<VaiiPayClient<"client", "payments.get">>();
      expectTypeOf(
        createVaiiPayClient({ token: "t", baseUrl: "https://x", tokenKind: "client", clientId }),
      ).toEqualTypeOf<
        VaiiPayClient<"client", "payments.create" | "payments.get" | "payments.user-instructions.get" | "*", true>
      >();
    };
    expectTypeOf(compileOnly).toBeFunction();
    expectTypeOf<"UNDERPAID">().toExtend<PaymentStatus>();
    expectTypeOf<"PAID">().not.toExtend<PaymentStatus>();
  });

  it("unwraps the data envelope with its type", () => {
    const compileOnly = async () => {
      const { data, response } = await unwrapData(
        anyToken.GET("/api/payment/{paymentId}", {
          params: { path: { paymentId: "550e8400-e29b-41d4-a716-446655440000" } },
        }),
      );
      expectTypeOf(data).toExtend<Payment>();
      expectTypeOf<Payment>().toExtend<typeof data>();
      expectTypeOf(response).toEqualTypeOf<Response>();
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it("rejects what the token cannot reach, and wrong bodies", () => {
    const paymentId = "550e8400-e29b-41d4-a716-446655440000";
    const compileOnly = () => {
      anyToken.GET("/api/payment-applications");
      oauth.GET("/api/payment-applications");
      // @ts-expect-error payment applications need the OAuth2 token
      clientToken.GET("/api/payment-applications");
      // @ts-expect-error … for creating them too
      clientToken.POST("/api/payment-applications", { body: { name: "Shop", secret: "s" } });
      readOnly.GET("/api/payment/{paymentId}", { params: { path: { paymentId } } });
      // @ts-expect-error a payments.get token cannot create payments
      readOnly.POST("/api/payment/checkout", {
        body: { amount: 1, currencyCode: "USD", reference: "r", referenceLabel: "l", clientId },
      });
      // public checkout endpoints need no scope at all
      readOnly.GET("/api/checkout/{paymentId}/payment-methods", { params: { path: { paymentId } } });
      clientToken.POST("/api/payment/checkout", {
        // @ts-expect-error clientId or siteId is required without a default clientId
        body: { amount: 1, currencyCode: "USD", reference: "r", referenceLabel: "l" },
      });
      withClientId.POST("/api/payment/checkout", {
        body: { amount: 1, currencyCode: "USD", reference: "r", referenceLabel: "l" },
      });
      withClientId.POST("/api/payment/checkout", {
        // @ts-expect-error amount is an integer in minor units
        body: { amount: "100.00", currencyCode: "USD", reference: "r", referenceLabel: "l" },
      });
      // @ts-expect-error reference is required
      withClientId.POST("/api/payment/checkout", { body: { amount: 1, currencyCode: "USD", referenceLabel: "l" } });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it("narrows the resource methods as it narrows the paths", () => {
    const paymentId = "550e8400-e29b-41d4-a716-446655440000";
    const checkout = { amount: 1, currencyCode: "USD", reference: "r", referenceLabel: "l", clientId };
    const compileOnly = () => {
      anyToken.paymentApplications.list();
      oauth.paymentApplications.create({ name: "Shop", secret: "s" });
      // @ts-expect-error payment applications need the OAuth2 token
      clientToken.paymentApplications.list();
      // @ts-expect-error … for creating them too
      clientToken.paymentApplications.create({ name: "Shop", secret: "s" });
      readOnly.payments.retrieve(paymentId);
      // @ts-expect-error a payments.get token cannot create payments
      readOnly.checkouts.create(checkout);
      readOnly.checkout.listPaymentMethods(paymentId);
      clientToken.checkouts.create(checkout);
      withClientId.checkouts.create({ amount: 1, currencyCode: "USD", reference: "r", referenceLabel: "l" });
      // @ts-expect-error clientId or siteId is required without a default clientId
      clientToken.checkouts.create({ amount: 1, currencyCode: "USD", reference: "r", referenceLabel: "l" });
      // @ts-expect-error a list answered in one request has no page size
      anyToken.paymentApplications.list({ pageSize: 10 });
      anyToken.paymentApplications.list({ maxItems: 10 });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
