// One client per provider against the mocks that jest.global-setup.ts (the @payspec/mock README's
// jest recipe, verbatim) started; each makes one real call and checks what came back.
import { expect, test } from "@jest/globals";
import { createCheckout, createPayment, listCustomers, queryPayment } from "./provider-calls";

function mockUrl(provider: string): string {
  const name = `PAYSPEC_MOCK_${provider.toUpperCase().replaceAll("-", "_")}_URL`;
  const url = process.env[name];
  if (url === undefined) throw new Error(`${name} is not set: did globalSetup run?`);
  return url;
}

test("Paymnt Cloud: create a payment", async () => {
  expect(await createPayment(mockUrl("paymnt-cloud"))).toMatch(/^pay_/);
});

test("PaymentKit: list customers", async () => {
  expect(await listCustomers(mockUrl("paymentkit"))).toMatch(/^cus_/);
});

test("VaiiPay: create a checkout", async () => {
  expect(await createCheckout(mockUrl("vaiipay"))).toContain("/checkout/");
});

test("Paymend: query a payment", async () => {
  expect(await queryPayment(mockUrl("paymend"))).toBe("CAPTURED");
});
