import { createPaymntCloudClient, unwrap } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// Open fraud disputes: the card was used without its holder, so concede them (the money goes back).
const fraud = await unwrap(
  paymnt.GET("/disputes/list", { params: { query: { dispute_status: "dispute_opened", reason: "fraudulent" } } }),
);
for (const dispute of fraud) {
  const accepted = await unwrap(
    paymnt.POST("/disputes/accept/{dispute_id}", { params: { path: { dispute_id: dispute.dispute_id } } }),
  );
  console.log("accepted", accepted.dispute_id, accepted.dispute_status);
}

// Open "not received" disputes: challenge them with the shipment's proof of delivery.
const notReceived = await unwrap(
  paymnt.GET("/disputes/list", {
    params: { query: { dispute_status: "dispute_opened", reason: "product_not_received" } },
  }),
);
for (const dispute of notReceived) {
  const challenged = await unwrap(
    paymnt.POST("/disputes/evidence", {
      body: {
        dispute_id: dispute.dispute_id,
        shipping_carrier: "DHL",
        shipping_tracking_number: "JD014600006281230704",
        shipping_date: "2026-11-18",
        uncategorized_text: "Delivered on 2026-11-20 and signed for by the cardholder.",
      },
    }),
  );
  console.log("challenged", challenged.dispute_id, challenged.dispute_status);
}
