import { webhookAdapters } from "@payspec/core";
import { verifyWebhook } from "./webhooks.js";

// Each export calls through, rather than being a property of `adapters`, so a bundle that never
// verifies a webhook leaves all of this (and the webhook schemas) out.
const adapters = /* @__PURE__ */ webhookAdapters(verifyWebhook, { provider: "vaiipay" });
type Adapters = typeof adapters;

/**
 * Verifies a VaiiPay webhook arriving as a fetch `Request` (Next.js route handlers, Hono's
 * `c.req.raw`, Bun, Deno, workers): reads the body (at most `limitBytes`, default 1 MiB) and
 * verifies it as {@link verifyWebhook} does (signature over timestamp and body, the timestamp
 * within `toleranceSeconds`, default 300 s). Deduplicate on the result's `dedupeKey`
 * (`paymentId:event:status:receivedAmount`), and fulfil on `payment.completed` with a signed
 * `RECEIVED` status: the event-name header is not signed.
 *
 * @throws the errors of {@link verifyWebhook}; `body_too_large`; `parsed_body` when the body was
 * already read.
 */
export const verifyWebhookRequest: Adapters["verifyRequest"] = (request, options) =>
  adapters.verifyRequest(request, options);

/**
 * Verifies a VaiiPay webhook arriving as a Node `IncomingMessage` (`node:http`, or Express
 * with `express.raw()`): reads the raw body with `readRawBody`, then verifies it as
 * {@link verifyWebhook} does.
 */
export const verifyNodeWebhook: Adapters["verifyNodeRequest"] = (request, options) =>
  adapters.verifyNodeRequest(request, options);

/**
 * An Express (or `node:http`) request handler that verifies each delivery and runs `handler` with
 * the verified result: `app.post(path, express.raw({ type: "application/json" }), webhookHandler({
 * secrets, store }, handler))`. With `store`, deliveries are deduplicated on
 * `vaiipay:<paymentId>:<status>`. Answers 200, 400 `<reason>` for a refused delivery, or 500 (handler
 * threw: the claim is released so the retry gets through; or a body parsed before the route).
 */
export const webhookHandler: Adapters["handler"] = (options, handler) => adapters.handler(options, handler);
