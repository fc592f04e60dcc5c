import { createServer } from "node:http";
import {
  createMemoryWebhookStore,
  eventHeader,
  processWebhookOnce,
  verifyNodeWebhook,
  WebhookError,
} from "@payspec/vaiipay";

const secrets = [process.env.VAIIPAY_WEBHOOK_SECRET ?? ""]; // add the previous secret here while rotating
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

export const server = createServer(async (request, response) => {
  try {
    // Reads the raw bytes (the signature covers them exactly, so never parse before) and verifies them.
    const { event, dedupeKey, verification } = await verifyNodeWebhook(request, { secrets });
    // Fulfil on payment.completed, as VaiiPay's docs say; its name is not signed, so check the signed status too.
    const outcome = await processWebhookOnce(store, `vaiipay:${dedupeKey}`, async () => {
      if (verification.unverified[eventHeader] === "payment.completed" && event.payment.status === "RECEIVED")
        console.log("fulfil", event.payment.reference); // once per payment in your order records
    });
    // The payment becomes CONFIRMED once this 200 is delivered.
    // A 5xx while another delivery of it is still being handled: the provider retries later.
    response.writeHead(outcome.duplicate && outcome.inProgress ? 503 : 200).end();
  } catch (error) {
    if (error instanceof WebhookError && error.reason !== "parsed_body") response.writeHead(400).end(error.reason);
    else response.writeHead(500).end(); // the handler threw (released: the retry runs it again)
  }
});

if (process.env.PORT) server.listen(Number(process.env.PORT));
