import { serve } from "@hono/node-server";
import {
  createMemoryWebhookStore,
  createPaymendClient,
  parseWebhookRequest,
  processWebhookOnce,
  WebhookError,
} from "@payspec/paymend";
import { Hono } from "hono";

const token = process.env.PAYMEND_TOKEN ?? "";
const baseUrl = process.env.PAYMEND_BASE_URL;
const paymend = createPaymendClient(baseUrl ? { token, baseUrl } : { token, environment: "sandbox" });
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

export const app = new Hono();
app.post("/webhooks/paymend", async (c) => {
  try {
    // c.req.raw is the fetch Request; nothing may read its body before (no c.req.json()).
    const { event, dedupeKey } = await parseWebhookRequest(c.req.raw); // nothing verified
    const outcome = await processWebhookOnce(store, `paymend:${dedupeKey}`, async () => {
      if (event.payment === undefined) return;
      const payment = await paymend.payments.get(event.payment.paymentId); // what Paymend says now
      console.log(event.eventType, payment.status);
    });
    // A 5xx while another delivery of it is still being handled: the provider retries later.
    return outcome.duplicate && outcome.inProgress ? c.text("in_progress", 503) : c.text("ok", 200);
  } catch (error) {
    if (error instanceof WebhookError && error.reason !== "parsed_body") return c.text(error.reason, 400);
    throw error; // Hono answers 500; a throwing handler was released, so the retry runs it again
  }
});

if (process.env.PORT) serve({ fetch: app.fetch, port: Number(process.env.PORT) });
