import { createServer } from "node:http";
import { createMemoryWebhookStore, processWebhookOnce, verifyNodeWebhook, WebhookError } from "@payspec/paymnt-cloud";

const secrets = [process.env.PAYMNT_WEBHOOK_SECRET ?? ""]; // add the previous secret here while rotating
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

export const server = createServer(async (request, response) => {
  try {
    // Reads the raw bytes (the signature covers them exactly, so never parse before) and verifies them.
    const { event, dedupeKey } = await verifyNodeWebhook(request, { secrets });
    // No timestamp is signed: deduplicating on the signed event_id is what stops a replay.
    const outcome = await processWebhookOnce(store, `paymnt-cloud:${dedupeKey}`, async () => {
      if (event.content.type === "payment_details") {
        console.log(event.event_type, event.content.object.payment_id, event.content.object.status);
      }
    });
    // Acknowledge fast; Paymnt Cloud retries anything but 2xx.
    // A 5xx while another delivery of it is still being handled: the provider retries later.
    response.writeHead(outcome.duplicate && outcome.inProgress ? 503 : 200).end();
  } catch (error) {
    if (error instanceof WebhookError && error.reason !== "parsed_body") response.writeHead(400).end(error.reason);
    else response.writeHead(500).end(); // the handler threw (released: the retry runs it again)
  }
});

if (process.env.PORT) server.listen(Number(process.env.PORT));
