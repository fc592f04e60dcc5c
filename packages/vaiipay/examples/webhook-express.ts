import { createMemoryWebhookStore, type VaiiPayEvent, webhookHandler } from "@payspec/vaiipay";
import express from "express";

const secrets = [process.env.VAIIPAY_WEBHOOK_SECRET ?? ""]; // add the previous secret here while rotating
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

async function fulfil(event: VaiiPayEvent) {
  if (event.payment.status === "RECEIVED") console.log("fulfil", event.payment.reference);
}

export const app: express.Express = express();
// The raw body on this route, registered before any JSON parser: the signature covers the exact bytes.
// Answers 200 (also for a duplicate), 400 with the reason for a refused delivery, 500 when fulfil throws.
app.post(
  "/webhooks/vaiipay",
  express.raw({ type: "application/json" }),
  webhookHandler({ secrets, store }, ({ event }) => fulfil(event)),
);
app.use(express.json()); // the rest of the app

if (process.env.PORT) app.listen(Number(process.env.PORT));
