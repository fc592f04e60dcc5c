import { describe, expectTypeOf, it } from "vitest";
import {
  type Currency,
  createPaymntCloudClient,
  type Payment,
  type PaymentCreateParams,
  type PaymentStatus,
  type PaymntCloudClient,
  type PaymntCloudClientOptions,
  type ProfileScopedPaymntCloudClient,
} from "../src/index.js";

// Compile-time guarantees. `pnpm typecheck` fails if any @ts-expect-error line starts to compile;
// the runtime bodies only keep vitest from reporting an empty file.
declare const client: PaymntCloudClient;

describe("Paymnt Cloud types", () => {
  it("types request bodies, paths and results from the spec", () => {
    expectTypeOf<PaymentCreateParams["amount"]>().toEqualTypeOf<number>();
    expectTypeOf<"USD">().toExtend<Currency>();
    expectTypeOf<"usd">().not.toExtend<Currency>();
    expectTypeOf<Payment["status"]>().toEqualTypeOf<PaymentStatus>();
    expectTypeOf<"requires_capture">().toExtend<PaymentStatus>();
    expectTypeOf<"authorized">().not.toExtend<PaymentStatus>();
  });

  it("rejects wrong bodies and paths at compile time", () => {
    const compileOnly = () => {
      // @ts-expect-error amount is required
      client.POST("/payments", { body: { currency: "USD" } });
      // @ts-expect-error currency must be an ISO 4217 code in upper case
      client.POST("/payments", { body: { amount: 1000, currency: "usd" } });
      // @ts-expect-error amount is an integer in minor units, not a decimal string
      client.POST("/payments", { body: { amount: "10.00", currency: "USD" } });
      // @ts-expect-error unknown body fields are rejected
      client.POST("/payments", { body: { amount: 1000, currency: "USD", amuont: 1 } });
      // @ts-expect-error the path parameter is required
      client.GET("/payments/{payment_id}", {});
      // @ts-expect-error there is no such path
      client.GET("/payment/{payment_id}", { params: { path: { payment_id: "pay_1" } } });
      // @ts-expect-error updates are POST, not PATCH
      client.PATCH("/payments/{payment_id}", { params: { path: { payment_id: "pay_1" } }, body: {} });
      // @ts-expect-error refunds list takes a body, not a query
      client.GET("/refunds/list");
      // @ts-expect-error payment_id is required on a refund
      client.POST("/refunds", { body: { amount: 100 } });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it("requires exactly one of environment and baseUrl", () => {
    expectTypeOf<{ apiKey: string; environment: "sandbox" }>().toExtend<PaymntCloudClientOptions>();
    expectTypeOf<{ apiKey: string; baseUrl: string }>().toExtend<PaymntCloudClientOptions>();
    expectTypeOf<{ apiKey: string }>().not.toExtend<PaymntCloudClientOptions>();
    expectTypeOf<{ apiKey: string; environment: "staging" }>().not.toExtend<PaymntCloudClientOptions>();
    expectTypeOf<{
      apiKey: string;
      environment: "sandbox";
      baseUrl: string;
    }>().not.toExtend<PaymntCloudClientOptions>();
    expectTypeOf<{ environment: "sandbox" }>().not.toExtend<PaymntCloudClientOptions>();
    expectTypeOf(createPaymntCloudClient({ apiKey: "k", environment: "sandbox" })).toEqualTypeOf<PaymntCloudClient>();
    const withProfile = createPaymntCloudClient({ apiKey: "k", environment: "sandbox", profileId: "pro_1" });
    expectTypeOf(withProfile).toEqualTypeOf<ProfileScopedPaymntCloudClient>();
  });
});
