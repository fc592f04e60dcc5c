// One call per provider against the mocks, plus webhook verification, from a project that
// installed the packed tarballs. Runs unchanged on Node, Bun and Deno.
import { createPaymendClient, unwrap as unwrapPaymend } from "@payspec/paymend";
import {
  createPaymentKitClient,
  paginate,
  signWebhookForTests as signPaymentKit,
  verifyWebhook as verifyPaymentKit,
} from "@payspec/paymentkit";
import {
  createPaymntCloudClient,
  signWebhookForTests as signPaymnt,
  verifyWebhook as verifyPaymnt,
} from "@payspec/paymnt-cloud";
import {
  createVaiiPayClient,
  signWebhookForTests as signVaiiPay,
  unwrapData,
  verifyWebhook as verifyVaiiPay,
} from "@payspec/vaiipay";
import mocks from "./mocks.json" with { type: "json" };

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.version}`;
const check = (condition, message) => {
  if (!condition) throw new Error(`${runtime}: ${message}`);
};

const paymnt = createPaymntCloudClient({ apiKey: "sk_sandbox_smoke", baseUrl: mocks["paymnt-cloud"] });
const payment = await paymnt.POST("/payments", { body: { amount: 1000, currency: "USD" } });
check(payment.response.status === 200 && payment.data.payment_id.startsWith("pay_"), "Paymnt Cloud create payment");

const paymentkit = createPaymentKitClient({
  token: "st_prod_smoke",
  accountId: "acc_prod_a1b2c3d4",
  baseUrl: mocks.paymentkit,
});
const customers = [];
for await (const customer of paginate(paymentkit, "/api/{account_id}/customers")) customers.push(customer);
check(customers.length === 1 && customers[0].id.startsWith("cus_"), "PaymentKit paginate customers");

const vaiipay = createVaiiPayClient({
  token: "smoke",
  baseUrl: mocks.vaiipay,
  tokenKind: "client",
  clientId: "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
});
const { data: checkout } = await unwrapData(
  vaiipay.POST("/api/payment/checkout", {
    body: { amount: 10000, currencyCode: "USD", reference: "R-1", referenceLabel: "One" },
  }),
);
check(checkout.checkoutUrl.includes("/checkout/"), "VaiiPay create checkout");

const paymend = createPaymendClient({ token: "smoke", baseUrl: mocks.paymend });
const recovered = await unwrapPaymend(
  paymend.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: "pay_1234567890abcdef" } } }),
);
check(recovered.status === "CAPTURED", "Paymend query payment");

const secret = "whsec_smoke";
const paymntDelivery = await signPaymnt(
  {
    merchant_id: "m",
    event_id: "evt_1",
    event_type: "payment_succeeded",
    content: { type: "payment_details", object: payment.data },
    timestamp: new Date().toISOString(),
  },
  secret,
);
check(
  (await verifyPaymnt(paymntDelivery.body, paymntDelivery.headers, { secrets: secret })).dedupeKey === "evt_1",
  "Paymnt Cloud webhook",
);
const kitDelivery = await signPaymentKit(
  { id: "evt_prod_1", object: "event", type: "invoice.paid", created: 1, data: { object: {} } },
  secret,
);
check(
  (await verifyPaymentKit(kitDelivery.body, kitDelivery.headers, { secrets: secret })).event.type === "invoice.paid",
  "PaymentKit webhook",
);
const vaiiDelivery = await signVaiiPay(
  JSON.stringify({
    payment: {
      id: "550e8400-e29b-41d4-a716-446655440000",
      status: "RECEIVED",
      reference: "R",
      referenceLabel: "L",
      currencyCode: "USD",
    },
  }),
  secret,
);
check(
  (await verifyVaiiPay(vaiiDelivery.body, vaiiDelivery.headers, { secrets: secret })).dedupeKey ===
    "550e8400-e29b-41d4-a716-446655440000:payment.completed:RECEIVED:",
  "VaiiPay webhook",
);

console.log(`smoke ok on ${runtime}`);
