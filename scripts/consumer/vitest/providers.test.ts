// One client per provider against the mocks that test/global-setup.ts (the @payspec/mock README's
// vitest recipe, verbatim) provided; each URL comes from inject("mock:<provider>"), typed by the
// recipe's ProvidedContext declaration.
import { expect, expectTypeOf, inject, test } from "vitest";
import { createCheckout, createPayment, listCustomers, queryPayment } from "./provider-calls.js";

test("the mock URLs are typed strings", () => {
  expectTypeOf(inject("mock:paymnt-cloud")).toEqualTypeOf<string>();
  // @ts-expect-error no mock was provided under this key
  inject("mock:stripe");
});

test("Paymnt Cloud: create a payment", async () => {
  expect(await createPayment(inject("mock:paymnt-cloud"))).toMatch(/^pay_/);
});

test("PaymentKit: list customers", async () => {
  expect(await listCustomers(inject("mock:paymentkit"))).toMatch(/^cus_/);
});

test("VaiiPay: create a checkout", async () => {
  expect(await createCheckout(inject("mock:vaiipay"))).toContain("/checkout/");
});

test("Paymend: query a payment", async () => {
  expect(await queryPayment(inject("mock:paymend"))).toBe("CAPTURED");
});
