// One client per provider against the mocks that test/global-setup.ts (the @payspec/mock README's
// vitest recipe, verbatim) provided; each URL comes from inject("mock:<provider>"), typed by the
// recipe's ProvidedContext declaration.
import { createPaymendClient, unwrap } from "@payspec/paymend";
import { createPaymentKitClient } from "@payspec/paymentkit";
import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
import { createVaiiPayClient, unwrapData } from "@payspec/vaiipay";
import { expect, expectTypeOf, inject, test } from "vitest";

test("the mock URLs are typed strings", () => {
  expectTypeOf(inject("mock:paymnt-cloud")).toEqualTypeOf<string>();
  // @ts-expect-error no mock was provided under this key
  inject("mock:stripe");
});

test("Paymnt Cloud: create a payment", async () => {
  const client = createPaymntCloudClient({ apiKey: "sk_sandbox_vitest", baseUrl: inject("mock:paymnt-cloud") });
  const { data, response } = await client.POST("/payments", { body: { amount: 1000, currency: "USD" } });
  expect(response.status).toBe(200);
  expect(data?.payment_id).toMatch(/^pay_/);
});

test("PaymentKit: list customers", async () => {
  const client = createPaymentKitClient({
    token: "st_prod_vitest",
    accountId: "acc_prod_a1b2c3d4",
    baseUrl: inject("mock:paymentkit"),
  });
  const { data, response } = await client.GET("/api/{account_id}/customers");
  expect(response.status).toBe(200);
  expect(data?.items[0]?.id).toMatch(/^cus_/);
});

test("VaiiPay: create a checkout", async () => {
  const client = createVaiiPayClient({
    token: "vitest",
    baseUrl: inject("mock:vaiipay"),
    tokenKind: "client",
    clientId: "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
  });
  const { data } = await unwrapData(
    client.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "R-1", referenceLabel: "One" },
    }),
  );
  expect(data.checkoutUrl).toContain("/checkout/");
});

test("Paymend: query a payment", async () => {
  const client = createPaymendClient({ token: "vitest", baseUrl: inject("mock:paymend") });
  const payment = await unwrap(
    client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: "pay_1234567890abcdef" } } }),
  );
  expect(payment.status).toBe("CAPTURED");
});
