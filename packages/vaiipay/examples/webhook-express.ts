import { createMemoryWebhookStore, eventHeader, type VaiiPayWebhook, webhookHandler } from "@payspec/vaiipay";
import express from "express";

const secrets = [process.env.VAIIPAY_WEBHOOK_SECRET ?? ""]; // add the previous secret here while rotating
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

// VaiiPay's docs: fulfil on payment.completed (payment.received, an earlier hook, carries RECEIVED too).
// The event name is not signed, the status is: check both, and fulfil once per payment in your records.
async function fulfil({ event, verification }: VaiiPayWebhook) {
  if (verification.unverified[eventHeader] === "payment.completed" && event.payment.status === "RECEIVED")
    console.log("fulfil", event.payment.reference);
}

export const app: express.Express = express();
// The raw body on this route, registered before any JSON parser: the signature covers the exact bytes.
// Answers 200 (also for a duplicate), 400 with the reason for a refused delivery, 500 when fulfil throws.
app.post("/webhooks/vaiipay", express.raw({ type: "application/json" }), webhookHandler({ secrets, store }, fulfil));
app.use(express.json()); // the rest of the app

if (process.env.PORT) app.listen(Number(process.env.PORT));
