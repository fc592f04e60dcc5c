import { createMemoryWebhookStore, createPaymendClient, type PaymendEvent, webhookHandler } from "@payspec/paymend";
import express from "express";

const token = process.env.PAYMEND_TOKEN ?? "";
const baseUrl = process.env.PAYMEND_BASE_URL;
const paymend = createPaymendClient(baseUrl ? { token, baseUrl } : { token, environment: "sandbox" });
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

// Nothing in the event is verified (Paymend signs nothing): treat it as a hint to re-fetch the payment.
async function refresh(event: PaymendEvent) {
  if (event.payment === undefined) return;
  const payment = await paymend.payments.get(event.payment.paymentId);
  console.log(event.eventType, payment.status);
}

export const app: express.Express = express();
// The raw body on this route, registered before any JSON parser. No secrets: there is nothing to verify.
// Answers 200 (also for a duplicate), 400 with the reason for an unusable body, 500 when refresh throws.
app.post(
  "/webhooks/paymend",
  express.raw({ type: "application/json" }),
  webhookHandler({ store }, ({ event }) => refresh(event)),
);
app.use(express.json()); // the rest of the app

if (process.env.PORT) app.listen(Number(process.env.PORT));
