import { createServer } from "node:http";
import { createDeduper, verifyWebhook, WebhookVerificationError } from "@payspec/paymentkit";

const secrets = [process.env.PAYMENTKIT_WEBHOOK_SECRET ?? ""]; // add the previous secret while rotating
const deduper = createDeduper();

export const server = createServer(async (request, response) => {
  // Collect the raw bytes: the signature covers them exactly, so never parse before verifying.
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const event = await verifyWebhook(Buffer.concat(chunks), request.headers, { secrets });
    if (!deduper.isDuplicate(event.id)) console.log(event.type, event.data.object.id);
    response.writeHead(200).end(); // 4xx is final for PaymentKit; answer 2xx once stored
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    response.writeHead(400).end(error.reason);
  }
});

if (process.env.PORT) server.listen(Number(process.env.PORT));
