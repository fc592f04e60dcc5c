import {
  type FetchRequestLike,
  type NodeRequestLike,
  type NodeResponseLike,
  type ReadRawBodyOptions,
  type WebhookHandler,
  type WebhookHandlerOptions,
  webhookAdapters,
} from "@payspec/core";
import { type PaymendWebhook, parseWebhook } from "./webhooks.js";

// Paymend signs nothing, so there are no headers to check and no secrets to take.
const adapters = /* @__PURE__ */ webhookAdapters((rawBody) => parseWebhook(rawBody), {
  provider: "paymend",
  signed: false,
});

/**
 * Parses a Paymend webhook arriving as a fetch `Request` (Next.js route handlers, Hono's
 * `c.req.raw`, Bun, Deno, workers): reads the body (at most `limitBytes`, default 1 MiB) and parses
 * it as {@link parseWebhook} does. **Nothing is verified**: deduplicate on `dedupeKey` (the
 * `eventId`) and re-fetch the payment before acting.
 *
 * @throws WebhookPayloadError (`parsed_body`, `empty_body`, `body_too_large`, `unparseable_body`,
 * `schema_mismatch`); `parsed_body` comes as a WebhookVerificationError when the request's body
 * was already read.
 */
export function parseWebhookRequest(
  request: FetchRequestLike,
  options: ReadRawBodyOptions = {},
): Promise<PaymendWebhook> {
  return adapters.verifyRequest(request, options);
}

/**
 * Parses a Paymend webhook arriving as a Node `IncomingMessage` (`node:http`, or Express with
 * `express.raw()`): reads the raw body with `readRawBody`, then parses it as {@link parseWebhook}
 * does. Nothing is verified.
 */
export function parseNodeWebhook(request: NodeRequestLike, options: ReadRawBodyOptions = {}): Promise<PaymendWebhook> {
  return adapters.verifyNodeRequest(request, options);
}

/**
 * An Express (or `node:http`) request handler for Paymend webhooks; no secrets, since Paymend signs
 * nothing: `app.post(path, express.raw({ type: "application/json" }), webhookHandler({ store },
 * handler))`. With `store`, deliveries are deduplicated on `paymend:<eventId>`. Answers 200, 400
 * `<reason>` for an unusable body, or 500 (handler threw: the claim is released so the retry gets
 * through; or a body parsed before the route). The event is a hint: re-fetch the payment in
 * `handler` before acting.
 */
export function webhookHandler<
  Request extends NodeRequestLike = NodeRequestLike,
  Response extends NodeResponseLike = NodeResponseLike,
>(
  options: WebhookHandlerOptions,
  handler: WebhookHandler<PaymendWebhook, Request, Response>,
): (request: Request, response: Response) => Promise<void> {
  return adapters.handler(options, handler);
}
