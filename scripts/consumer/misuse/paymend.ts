// Misuse corpus, Paymend: every `@ts-expect-error` line is a mistake the resource layer's types
// must refuse, and names it with the error tsc gives (checked by scripts/consumer.mjs); every
// other line is a valid call that must compile. Compiled, never run.
import { capture, createPaymendClient, isPaymentIn, type PaymendClient } from "@payspec/paymend";

declare const paymend: PaymendClient;
declare const paymentId: string;
const card = { number: "4111111111111111", holderName: "J Doe", expiryMonth: "12", expiryYear: "2030" } as const;
const source = { storeId: "store_abc123" } as const;

export async function validCalls(): Promise<void> {
  const client = createPaymendClient({ token: "t", environment: "sandbox" });
  const payment = await client.payments.create({
    amount: 1299,
    currency: "USD",
    merchantReference: "ORDER-1",
    goodsType: "DIGITAL",
    paymentMethod: { type: "CARD", card },
    source,
    captureNow: true,
  });
  await paymend.payments.refund(payment.paymentId, { refundAmount: 500 });
  await paymend.payments.capture(paymentId, undefined, { timeoutMs: 5000, deadlineMs: 20_000 });
  await paymend.payments.void(paymentId, { headers: { "x-trace": "1" } });
  const { meta } = await paymend.payments.get(paymentId).withResponse();
  void meta.attempts;
  // The helpers typed by status take a payment narrowed by isPaymentIn, without a cast.
  const current = await paymend.payments.get(paymentId);
  if (isPaymentIn(current, "AUTHORIZED")) await capture(paymend, current);
}

export async function misuse(): Promise<void> {
  const paymentMethod = { type: "CARD", card } as const;
  const order = { amount: 1299, currency: "USD", merchantReference: "ORDER-1", goodsType: "DIGITAL" } as const;
  const { holderName: _, ...cardWithoutHolder } = card;
  // @ts-expect-error idempotencyKey inside the create body: Paymend's key is merchantReference (TS2353)
  await paymend.payments.create({ ...order, paymentMethod, source, idempotencyKey: "k" });
  // @ts-expect-error unknown field in the create body: customer for consumer (TS2353)
  await paymend.payments.create({ ...order, paymentMethod, source, customer: { email: "j@example.com" } });
  const latest = await paymend.payments.get(paymentId);
  // @ts-expect-error capture takes only a payment known to be AUTHORIZED: comparing the status field alone does not narrow it (TS2379)
  if (latest.status === "AUTHORIZED") await capture(paymend, latest);
  // @ts-expect-error misspelt field inside shipping: adress (TS2561)
  await paymend.payments.create({ ...order, paymentMethod, source, shipping: { adress: { zip: "10001" } } });
  // @ts-expect-error misspelt optional field: captureAmount in a refund (TS2353)
  await paymend.payments.refund(paymentId, { captureAmount: 500 });
  // @ts-expect-error misspelt enum value: goodsType "DIGITIAL" (TS2820)
  await paymend.payments.create({ ...order, goodsType: "DIGITIAL", paymentMethod, source });
  // @ts-expect-error wrong enum value: a payment method type other than CARD (TS2322)
  await paymend.payments.create({ ...order, paymentMethod: { type: "APPLE_PAY", card }, source });
  // @ts-expect-error missing required field: merchantReference (TS2345)
  await paymend.payments.create({ amount: 1299, currency: "USD", goodsType: "DIGITAL", paymentMethod, source });
  // @ts-expect-error missing required field: the card's holderName (TS2741)
  await paymend.payments.create({ ...order, paymentMethod: { type: "CARD", card: cardWithoutHolder }, source });
  // @ts-expect-error wrong type: amount in major units as a string (TS2322)
  await paymend.payments.create({ ...order, amount: "12.99", paymentMethod, source });
  // @ts-expect-error missing path parameter: refund without the payment id (TS2345)
  await paymend.payments.refund({ refundAmount: 500 });
  // @ts-expect-error missing path parameter: get with no arguments (TS2554)
  await paymend.payments.get();
  // @ts-expect-error an idempotency key option: Paymend documents none (TS2353)
  await paymend.payments.create({ ...order, paymentMethod, source }, { idempotencyKey: "ORDER-1" });
  // @ts-expect-error an idempotency key option on a refund (TS2353)
  await paymend.payments.refund(paymentId, { refundAmount: 500 }, { idempotencyKey: "k" });
  // @ts-expect-error unknown option: timeout for timeoutMs (TS2561)
  await paymend.payments.void(paymentId, { timeout: 5000 });
  // @ts-expect-error misspelt method: cancel, which Paymend calls void (TS2339)
  await paymend.payments.cancel(paymentId);
  // @ts-expect-error a body on void, which takes none (TS2353)
  await paymend.payments.void(paymentId, { refundAmount: 500 });
}
