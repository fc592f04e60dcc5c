// One real call per provider, shared by the jest and vitest consumer projects (each copies this file
// beside its test): the test runner differs, the calls a user makes do not. Each returns the value
// its test checks.
import { createPaymendClient, unwrap } from "@payspec/paymend";
import { createPaymentKitClient } from "@payspec/paymentkit";
import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
import { createVaiiPayClient, unwrapData } from "@payspec/vaiipay";

/** Creates a payment; resolves to its id. */
export async function createPayment(baseUrl: string): Promise<string | undefined> {
  const client = createPaymntCloudClient({ apiKey: "sk_sandbox_consumer", baseUrl });
  const { data, response } = await client.POST("/payments", { body: { amount: 1000, currency: "USD" } });
  if (response.status !== 200) throw new Error(`create payment answered ${response.status}`);
  return data?.payment_id;
}

/** Lists an account's customers; resolves to the first id. */
export async function listCustomers(baseUrl: string): Promise<string | undefined> {
  const client = createPaymentKitClient({ token: "st_prod_consumer", accountId: "acc_prod_a1b2c3d4", baseUrl });
  const { data, response } = await client.GET("/api/{account_id}/customers");
  if (response.status !== 200) throw new Error(`list customers answered ${response.status}`);
  return data?.items[0]?.id;
}

/** Creates a checkout; resolves to its URL. */
export async function createCheckout(baseUrl: string): Promise<string> {
  const client = createVaiiPayClient({
    token: "consumer",
    baseUrl,
    tokenKind: "client",
    clientId: "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
  });
  const { data } = await unwrapData(
    client.POST("/api/payment/checkout", {
      body: { amount: 10000, currencyCode: "USD", reference: "R-1", referenceLabel: "One" },
    }),
  );
  return data.checkoutUrl;
}

/** Reads a payment; resolves to its status. */
export async function queryPayment(baseUrl: string): Promise<string> {
  const client = createPaymendClient({ token: "consumer", baseUrl });
  const payment = await unwrap(
    client.GET("/v1/payments/{paymentId}", { params: { path: { paymentId: "pay_1234567890abcdef" } } }),
  );
  return payment.status;
}
