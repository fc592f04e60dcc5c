// A strict TypeScript consumer: what compiles, and what must not.
import { capture, createPaymendClient, type PaymentIn } from "@payspec/paymend";
import { type Customer, createPaymentKitClient, paginate } from "@payspec/paymentkit";
import { createPaymntCloudClient, type Payment, requestMetaOf } from "@payspec/paymnt-cloud";
import { createVaiiPayClient, type VaiiPayClient } from "@payspec/vaiipay";

export async function consumer(): Promise<void> {
  const paymnt = createPaymntCloudClient({ apiKey: "sk_sandbox_x", environment: "sandbox" });
  const { data } = await paymnt.POST("/payments", { body: { amount: 1000, currency: "USD" } });
  const payment: Payment | undefined = data;
  const key: string | undefined =
    payment === undefined ? undefined : requestMetaOf({ response: new Response() })?.idempotencyKey;
  // @ts-expect-error currency codes are upper case
  await paymnt.POST("/payments", { body: { amount: 1000, currency: "usd" } });
  // @ts-expect-error there is no default environment
  createPaymntCloudClient({ apiKey: "sk_sandbox_x" });

  const paymentkit = createPaymentKitClient({ token: "st_prod_x", accountId: "acc_prod_1", environment: "production" });
  for await (const customer of paginate(paymentkit, "/api/{account_id}/customers")) {
    const typed: Customer = customer;
    void typed;
  }

  const vaiipay: VaiiPayClient<"client"> = createVaiiPayClient({
    token: "t",
    baseUrl: "https://api.example.com",
    tokenKind: "client",
  });
  // @ts-expect-error payment applications need the OAuth2 token
  await vaiipay.GET("/api/payment-applications");

  const paymend = createPaymendClient({ token: "t", environment: "sandbox" });
  const authorized = {} as PaymentIn<"AUTHORIZED">;
  await capture(paymend, authorized);
  // @ts-expect-error a captured payment cannot be captured again
  await capture(paymend, {} as PaymentIn<"CAPTURED">);
  void key;
}
