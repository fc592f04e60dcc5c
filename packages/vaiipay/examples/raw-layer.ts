import { createVaiiPayClient } from "@payspec/vaiipay";

// VaiiPay runs on your installation's host: the docs write it as https://api.yourdomain.com.
const vaiipay = createVaiiPayClient({
  token: process.env.VAIIPAY_TOKEN ?? "",
  baseUrl: process.env.VAIIPAY_BASE_URL ?? "https://api.yourdomain.com",
  tokenKind: "client",
});

// The openapi-fetch call on the same client: it returns { data, error, response } and does not throw for a status.
const { data, error, response } = await vaiipay.GET("/api/payment/{paymentId}", {
  params: { path: { paymentId: "550e8400-e29b-41d4-a716-446655440000" } },
});
if (error) console.log("failed", response.status, error.message);
else console.log("payment", data.data.id, data.data.status, response.status);
