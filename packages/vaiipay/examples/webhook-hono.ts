import { serve } from "@hono/node-server";
import {
  createMemoryWebhookStore,
  eventHeader,
  processWebhookOnce,
  verifyWebhookRequest,
  WebhookError,
} from "@payspec/vaiipay";
import { Hono } from "hono";

const secrets = [process.env.VAIIPAY_WEBHOOK_SECRET ?? ""]; // add the previous secret here while rotating
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

export const app = new Hono();
app.post("/webhooks/vaiipay", async (c) => {
  try {
    // c.req.raw is the fetch Request; nothing may read its body before (no c.req.json()).
    const { event, dedupeKey, verification } = await verifyWebhookRequest(c.req.raw, { secrets });
    const outcome = await processWebhookOnce(store, `vaiipay:${dedupeKey}`, async () => {
      if (verification.unverified[eventHeader] === "payment.completed" && event.payment.status === "RECEIVED")
        console.log("fulfil", event.payment.reference); // once per payment in your order records
    });
    // A 5xx while another delivery of it is still being handled: the provider retries later.
    return outcome.duplicate && outcome.inProgress ? c.text("in_progress", 503) : c.text("ok", 200);
  } catch (error) {
    if (error instanceof WebhookError && error.reason !== "parsed_body") return c.text(error.reason, 400);
    throw error; // Hono answers 500; a throwing handler was released, so the retry runs it again
  }
});

if (process.env.PORT) serve({ fetch: app.fetch, port: Number(process.env.PORT) });
