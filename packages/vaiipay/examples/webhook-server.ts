import { createServer } from "node:http";
import { createDeduper, verifyWebhook, WebhookVerificationError } from "@payspec/vaiipay";

const secrets = [process.env.VAIIPAY_WEBHOOK_SECRET ?? ""]; // add the previous secret while rotating
const deduper = createDeduper();

export const server = createServer(async (request, response) => {
  // Collect the raw bytes: the signature covers them exactly, so never parse before verifying.
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const { event, payment, dedupeKey } = await verifyWebhook(Buffer.concat(chunks), request.headers, { secrets });
    // Fulfil on the event name, not on payment.status (payment.completed still says RECEIVED).
    if (!deduper.isDuplicate(dedupeKey) && event === "payment.completed") console.log("fulfil", payment.reference);
    response.writeHead(200).end(); // the payment becomes CONFIRMED once this 200 is delivered
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    response.writeHead(400).end(error.reason);
  }
});

if (process.env.PORT) server.listen(Number(process.env.PORT));
