import { createPaymendClient } from "@payspec/paymend";

// PAYMEND_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const token = process.env.PAYMEND_TOKEN ?? "";
const baseUrl = process.env.PAYMEND_BASE_URL;
const paymend = createPaymendClient(baseUrl ? { token, baseUrl } : { token, environment: "sandbox" });

// The openapi-fetch call on the same client: it returns { data, error, response } and does not throw for a status.
const { data, error, response } = await paymend.GET("/v1/payments/{paymentId}", {
  params: { path: { paymentId: "pay_1234567890abcdef" } },
});
if (error) console.log("failed", response.status, error);
else console.log("payment", data.paymentId, data.status, response.status);
