import { createPaymntCloudClient } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// The openapi-fetch call on the same client: it returns { data, error, response } and does not throw for a status.
const { data, error, response } = await paymnt.GET("/payments/{payment_id}", {
  params: { path: { payment_id: "pay_mbabizu24mvu3mela5njyhpit4" } },
});
if (error) console.log("failed", response.status, error.error.code);
else console.log("payment", data.payment_id, data.status, response.status);
