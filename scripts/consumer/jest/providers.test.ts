// One client per provider against the mocks that jest.global-setup.ts (the @payspec/mock README's
// jest recipe, verbatim) started; each makes one real call and checks what came back.
import { expect, test } from "@jest/globals";
import { createPaymendClient, unwrap } from "@payspec/paymend";
import { createPaymentKitClient } from "@payspec/paymentkit";
import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
import { createVaiiPayClient, unwrapData } from "@payspec/vaiipay";

function mockUrl(provider: string): string {
  const name = `PAYSPEC_MOCK_${provider.toUpperCase().replaceAll("-", "_")}_URL`;
  const url = process.env[name];
  if (url === undefined) throw new Error(`${name} is not set: did globalSetup run?`);
  return url;
}

test("Paymnt Cloud: create a payment", async () => {
  const client = createPaymntCloudClient({ apiKey: "sk_sandbox_jest", baseUrl: mockUrl("paymnt-cloud") });
  const { data, response } = await client.POST("/payments", { body: { amount: 1000, currency: "USD" } });
  expect(response.status).toBe(200);
  expect(data?.payment_id).toMatch(/^pay_/);
});

test("PaymentKit: list customers", async () => {
  const client = createPaymentKitClient({
    token: "st_prod_jest",
    accountId: "acc_prod_a1b2c3d4",
    baseUrl: mockUrl("paymentkit"),
  });
  const { data, response } = await client.GET("/api/{account_id}/customers");
  expect(response.status).toBe(200);
  expect(data?.items[0]?.id).toMatch(/^cus_/);
});

test("VaiiPay: create a checkout", async () => {
  const client = createVaiiPayClient({
    token: "jest",
    baseUrl: mockUrl("vaiipay"),
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
  const client = createPaymendClient({ token: "jest", baseUrl: mockUrl("paymend") });
  const payment = await unwrap(
    client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: "pay_1234567890abcdef" } } }),
  );
  expect(payment.status).toBe("CAPTURED");
});
