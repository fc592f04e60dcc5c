import { createServer } from "node:http";
import {
  createMemoryWebhookStore,
  createPaymendClient,
  parseNodeWebhook,
  processWebhookOnce,
  WebhookError,
} from "@payspec/paymend";

const token = process.env.PAYMEND_TOKEN ?? "";
const baseUrl = process.env.PAYMEND_BASE_URL;
const paymend = createPaymendClient(baseUrl ? { token, baseUrl } : { token, environment: "sandbox" });
const store = createMemoryWebhookStore(); // this process only; share one (Redis, SQL) across several

export const server = createServer(async (request, response) => {
  try {
    // Parses the body; nothing is verified (Paymend signs nothing): anyone can post this.
    const { event, dedupeKey } = await parseNodeWebhook(request);
    const outcome = await processWebhookOnce(store, `paymend:${dedupeKey}`, async () => {
      if (event.payment === undefined) return;
      // Act on what Paymend answers now, never on the event's content.
      const payment = await paymend.payments.get(event.payment.paymentId);
      console.log(event.eventType, payment.status);
    });
    // Paymend expects a 2xx within 500 ms: queue slow work.
    // A 5xx while another delivery of it is still being handled: the provider retries later.
    response.writeHead(outcome.duplicate && outcome.inProgress ? 503 : 200).end();
  } catch (error) {
    if (error instanceof WebhookError && error.reason !== "parsed_body") response.writeHead(400).end(error.reason);
    else response.writeHead(500).end(); // the handler threw (released: the retry runs it again)
  }
});

if (process.env.PORT) server.listen(Number(process.env.PORT));
