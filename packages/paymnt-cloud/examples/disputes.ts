import { createPaymntCloudClient } from "@payspec/paymnt-cloud";

// PAYMNT_BASE_URL points the client at a mock or proxy; without it, the sandbox is used.
const apiKey = process.env.PAYMNT_API_KEY ?? "";
const baseUrl = process.env.PAYMNT_BASE_URL;
const paymnt = createPaymntCloudClient(baseUrl ? { apiKey, baseUrl } : { apiKey, environment: "sandbox" });

// Open fraud disputes: the card was used without its holder, so concede them (the money goes back).
for await (const dispute of paymnt.disputes.list({ dispute_status: "dispute_opened", reason: "fraudulent" })) {
  const accepted = await paymnt.disputes.accept(dispute.dispute_id);
  console.log("accepted", accepted.dispute_id, accepted.dispute_status);
}

// Open "not received" disputes: challenge them with the shipment's proof of delivery, the carrier's
// signed receipt (in your code, its bytes from storage: `new Blob([await readFile(path)], { type })`).
const proofOfDelivery = new Blob(["%PDF-1.4\n% delivered 2026-11-20, signed J. Doe\n"], { type: "application/pdf" });
const notReceived = paymnt.disputes.list({ dispute_status: "dispute_opened", reason: "product_not_received" });
for await (const dispute of notReceived) {
  // A multipart upload: the Blob is sent as the form's file part, the other fields as text parts.
  const uploaded = await paymnt.disputes.attachEvidence({
    dispute_id: dispute.dispute_id,
    evidence_type: "shipping_documentation",
    file: proofOfDelivery,
  });
  const challenged = await paymnt.disputes.submitEvidence({
    dispute_id: dispute.dispute_id,
    shipping_documentation: uploaded.file_id,
    shipping_carrier: "DHL",
    shipping_tracking_number: "JD014600006281230704",
    shipping_date: "2026-11-18",
    uncategorized_text: "Delivered on 2026-11-20 and signed for by the cardholder.",
  });
  console.log("challenged", challenged.dispute_id, challenged.dispute_status, uploaded.file_id);
}
