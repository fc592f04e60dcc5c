import { createMemoryWebhookStore, type PaymntCloudEvent, webhookHandler } from "@payspec/paymnt-cloud";
import express from "express";

const secrets = [process.env.PAYMNT_WEBHOOK_SECRET ?? ""]; // add the previous secret here while rotating
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

async function fulfil(event: PaymntCloudEvent) {
  if (event.content.type === "payment_details") {
    console.log(event.event_type, event.content.object.payment_id, event.content.object.status);
  }
}

export const app: express.Express = express();
// The raw body on this route, registered before any JSON parser: the signature covers the exact bytes.
// Answers 200 (also for a duplicate), 400 with the reason for a refused delivery, 500 when fulfil throws.
app.post(
  "/webhooks/paymnt-cloud",
  express.raw({ type: "application/json" }),
  webhookHandler({ secrets, store }, ({ event }) => fulfil(event)),
);
app.use(express.json()); // the rest of the app

if (process.env.PORT) app.listen(Number(process.env.PORT));
