import { createServer } from "node:http";
import { createDeduper, verifyWebhook, WebhookVerificationError } from "@payspec/paymnt-cloud";

const secrets = [process.env.PAYMNT_WEBHOOK_SECRET ?? ""]; // add the previous secret here while rotating
const deduper = createDeduper();

export const server = createServer(async (request, response) => {
  // Collect the raw bytes: the signature covers them exactly, so never parse before verifying.
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const event = await verifyWebhook(Buffer.concat(chunks), request.headers, { secrets });
    if (!deduper.isDuplicate(event.event_id)) {
      if (event.content.type === "payment_details") {
        console.log(event.event_type, event.content.object.payment_id, event.content.object.status);
      }
    }
    response.writeHead(200).end(); // acknowledge fast; Paymnt Cloud retries anything but 2xx
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    response.writeHead(400).end(error.reason);
  }
});

if (process.env.PORT) server.listen(Number(process.env.PORT));
