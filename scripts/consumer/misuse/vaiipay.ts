// Misuse corpus, VaiiPay: every `@ts-expect-error` line is a mistake the resource layer's types
// must refuse, and names it with the error tsc gives (checked by scripts/consumer.mjs); every
// other line is a valid call that must compile. Compiled, never run.
import { createVaiiPayClient, type VaiiPayClient } from "@payspec/vaiipay";

declare const vaiipay: VaiiPayClient;
// A client with a default clientId, whose checkouts.create takes a body without clientId or siteId.
declare const withDefault: VaiiPayClient<"client", "*", true>;
declare const paymentId: string;
const clientId = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
const order = { amount: 10000, currencyCode: "USD", reference: "ORDER-1", referenceLabel: "Order #1" } as const;

export async function validCalls(): Promise<void> {
  const withClientId = createVaiiPayClient({
    token: "t",
    baseUrl: "https://api.example.com",
    tokenKind: "client",
    clientId,
  });
  const { data } = await withClientId.checkouts.create({ ...order, redirectUrl: "https://shop.example/ok" });
  const checkoutUrl: string = data.checkoutUrl;
  await vaiipay.checkouts.create({ ...order, clientId }, { timeoutMs: 10_000, maxRetries: 2 });
  await vaiipay.checkouts.create({
    amount: 100,
    currencyCode: "EUR",
    reference: "R",
    referenceLabel: "R",
    siteId: "s",
  });
  await withDefault.checkouts.create({ ...order }, { deadlineMs: 30_000 });
  await vaiipay.payments.retrieve(paymentId, { signal: AbortSignal.timeout(5000) });
  await vaiipay.payments.retrieveInstructions(paymentId, "tron", "usdt");
  for await (const method of vaiipay.checkout.listPaymentMethods(paymentId, undefined, { maxItems: 5 })) void method;
  void checkoutUrl;
}

export async function misuse(): Promise<void> {
  const clientToken = createVaiiPayClient({ token: "t", baseUrl: "https://x", tokenKind: "client" });
  // @ts-expect-error unreachable: payment applications need the OAuth2 token (TS2339)
  await clientToken.paymentApplications.list();
  const readOnly = createVaiiPayClient({
    token: "t",
    baseUrl: "https://x",
    tokenKind: "client",
    scopes: ["payments.get"],
  });
  // @ts-expect-error unreachable: a payments.get token cannot create checkouts (TS2339)
  await readOnly.checkouts.create({ ...order, clientId });
  // @ts-expect-error unknown option: pageSize on a list answered in one request (TS2353)
  await vaiipay.checkout.listPaymentMethods(paymentId, undefined, { pageSize: 10 });
  // @ts-expect-error unknown field: note on a checkout (TS2353)
  await vaiipay.checkouts.create({ ...order, clientId, note: "gift" });
  // @ts-expect-error misspelt optional field: redirectURL for redirectUrl (TS2561)
  await vaiipay.checkouts.create({ ...order, clientId, redirectURL: "https://shop.example/ok" });
  // @ts-expect-error missing required field: neither clientId nor siteId, on a client without a default (TS2345)
  await vaiipay.checkouts.create({ ...order });
  // @ts-expect-error missing required field: reference (TS2345)
  await vaiipay.checkouts.create({ amount: 100, currencyCode: "USD", referenceLabel: "R", clientId });
  // @ts-expect-error wrong type: amount as a string (TS2322)
  await vaiipay.checkouts.create({ ...order, clientId, amount: "100.00" });
  // @ts-expect-error wrong enum value: tokenKind "clent" (TS2820)
  createVaiiPayClient({ token: "t", baseUrl: "https://api.example.com", tokenKind: "clent" });
  // @ts-expect-error wrong enum value: scope "payments.craete" (TS2820)
  createVaiiPayClient({ token: "t", baseUrl: "https://x", tokenKind: "client", scopes: ["payments.craete"] });
  // @ts-expect-error missing path parameter: retrieve with no arguments (TS2554)
  await vaiipay.payments.retrieve();
  // @ts-expect-error missing path parameter: instructions without the method (TS2554)
  await vaiipay.payments.retrieveInstructions(paymentId, "tron");
  // @ts-expect-error an idempotency key: VaiiPay documents none (TS2353)
  await vaiipay.checkouts.create({ ...order, clientId }, { idempotencyKey: "order-1" });
  // @ts-expect-error an idempotency key inside the body (TS2353)
  await vaiipay.checkouts.create({ ...order, clientId, idempotencyKey: "order-1" });
  // @ts-expect-error unknown option: retries (TS2353)
  await vaiipay.payments.retrieve(paymentId, { retries: 3 });
  // @ts-expect-error unknown field on a client with a default clientId (TS2353)
  await withDefault.checkouts.create({ ...order, note: "gift" });
  // @ts-expect-error an idempotency key on a client with a default clientId (TS2353)
  await withDefault.checkouts.create({ ...order }, { idempotencyKey: "order-1" });
  // @ts-expect-error missing required field on a client with a default clientId: referenceLabel (TS2345)
  await withDefault.checkouts.create({ amount: 100, currencyCode: "USD", reference: "R" });
  // @ts-expect-error misspelt resource: checkout for checkouts, which has no create (TS2339)
  await vaiipay.checkout.create({ ...order, clientId });
  // @ts-expect-error a list option on a method that does not list (TS2353)
  await vaiipay.payments.retrieve(paymentId, { maxItems: 3 });
}
