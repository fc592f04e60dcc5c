import { ConfigurationError } from "./errors.js";
import { processWebhookOnce, type WebhookStore } from "./webhook-store.js";
import {
  headerValue,
  type IncomingHeaders,
  type RawBody,
  WebhookError,
  WebhookPayloadError,
  type WebhookResult,
  WebhookVerificationError,
} from "./webhooks.js";

/**
 * Receiving webhooks over HTTP: reading the raw body from a Node request or a fetch `Request`, and
 * adapters that turn a provider's `verifyWebhook` into `verifyWebhookRequest` (fetch `Request`:
 * Next.js route handlers, Hono, Bun, Deno, workers), `verifyNodeWebhook` (`node:http`) and
 * `webhookHandler` (Express and other Connect-style servers).
 *
 * Nothing here imports a framework: requests and responses are described by the few members used
 * (see {@link NodeRequestLike}, {@link NodeResponseLike}, {@link FetchRequestLike}).
 *
 * @packageDocumentation
 */

/** 1 MiB: the default largest body read. Provider webhooks are a few kilobytes. */
const defaultLimitBytes = 1_048_576;

/** Options for reading a webhook's body. */
export interface ReadRawBodyOptions {
  /**
   * Largest body read, in bytes (a positive integer); a larger one is refused with
   * {@link WebhookPayloadError} `body_too_large` without being read further. Default 1 MiB.
   */
  readonly limitBytes?: number | undefined;
}

/**
 * What {@link readRawBody} and the Node adapters need of a request: Node's `IncomingMessage` (and
 * so Express's `Request`) has it. Any async iterable of `Buffer`, `Uint8Array` or string chunks
 * with `headers` will do.
 */
export interface NodeRequestLike extends AsyncIterable<unknown> {
  readonly headers: IncomingHeaders;
  /**
   * Set by a body parser that ran before (Express's `express.raw()` sets a `Buffer`,
   * `express.json()` a parsed object). Bytes or a string are used as the body; a parsed object is
   * refused, since a signature covers bytes that a parsed object no longer has.
   */
  readonly body?: unknown;
  /** `true` once the stream was read to its end: by someone else, if this is the first read. */
  readonly readableEnded?: boolean | undefined;
}

/**
 * What the handler from `webhookAdapters` needs of a response: Node's `ServerResponse`
 * (and so Express's `Response`) has it.
 */
export interface NodeResponseLike {
  statusCode: number;
  readonly headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  end(chunk?: string): unknown;
}

/** What the fetch adapter needs of a request: the standard `Request` (Next.js, Hono's `c.req.raw`, Bun, Deno, workers). */
export interface FetchRequestLike {
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
  readonly bodyUsed: boolean;
}

function checkLimit(limitBytes: unknown): number {
  const limit = limitBytes ?? defaultLimitBytes;
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1) {
    throw new ConfigurationError(
      "invalid_option",
      `limitBytes must be a positive integer of bytes; got ${typeof limit === "number" ? String(limit) : typeof limit}.`,
    );
  }
  return limit;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/** The bytes of a raw body (a string, a `Buffer`, any typed array, `DataView` or `ArrayBuffer`), or `undefined` for anything else. */
function bytesOf(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return undefined;
}

function tooLarge(limit: number): WebhookPayloadError {
  return new WebhookPayloadError(
    "body_too_large",
    `The webhook body is larger than ${limit} bytes (limitBytes); it was not read further.`,
  );
}

/** The content-type for a message: quoted and cut short, since the sender chose it. */
function contentTypeOf(headers: IncomingHeaders): string {
  const value = headerValue(headers, "content-type");
  return value === undefined ? "no content-type" : `content-type ${JSON.stringify(value.slice(0, 100))}`;
}

function parsedBody(headers: IncomingHeaders, what: string): WebhookVerificationError {
  return new WebhookVerificationError(
    "parsed_body",
    `The webhook's body ${what} (${contentTypeOf(headers)}), so its exact bytes, which the signature covers, are gone. ` +
      `Mount express.raw({ type: "application/json" }) on this route before any JSON parser ` +
      `(register the webhook route before app.use(express.json()), or skip the parser for it); ` +
      `with a fetch Request, pass it before anything reads its body.`,
  );
}

function isEmptyPlainObject(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.keys(value).length === 0
  );
}

/** A Node `Readable` (such as `IncomingMessage`), read through events so that a body over the limit can be drained. */
interface EventStream {
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  resume(): unknown;
}

function isEventStream(value: unknown): value is EventStream {
  const stream = value as Partial<EventStream>;
  return (
    typeof stream.on === "function" &&
    typeof stream.removeListener === "function" &&
    typeof stream.resume === "function"
  );
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function chunkBytes(chunk: unknown): Uint8Array {
  const bytes = bytesOf(chunk);
  if (bytes === undefined) throw new TypeError(`A request body chunk is ${typeof chunk}, not bytes or a string.`);
  return bytes;
}

function readEvents(stream: EventStream, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const cleanup = () => {
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      stream.removeListener("close", onClose);
    };
    const onData = (chunk: unknown) => {
      let bytes: Uint8Array;
      try {
        bytes = chunkBytes(chunk);
      } catch (error) {
        cleanup();
        reject(error);
        return;
      }
      total += bytes.byteLength;
      if (total > limit) {
        // Stop keeping the body; the rest flows to nowhere, so the 413 answer still reaches the sender.
        cleanup();
        chunks.length = 0;
        stream.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      cleanup();
      resolve(concat(chunks, total));
    };
    const onError = (error: unknown) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error("The request was closed before its body was complete."));
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.on("close", onClose);
    stream.resume();
  });
}

async function readIterable(iterable: AsyncIterable<unknown>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of iterable) {
    const bytes = chunkBytes(chunk);
    total += bytes.byteLength;
    if (total > limit) throw tooLarge(limit); // leaving the loop ends the iteration
    chunks.push(bytes);
  }
  return concat(chunks, total);
}

function checkContentLength(headers: IncomingHeaders, limit: number): void {
  const declared = headerValue(headers, "content-length");
  if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
}

/**
 * Reads a Node request's raw body to bytes, for a verifier that needs the exact bytes received.
 *
 * - Reads `request` (an `IncomingMessage`, or any async iterable of `Buffer` / `Uint8Array` /
 *   string chunks) to its end.
 * - When a body parser already ran: bytes or a string in `request.body` (Express's `express.raw()`,
 *   `express.text()`) are the body; a parsed object there (`express.json()`), or a stream already
 *   read to its end (`readableEnded`), is refused with a {@link WebhookVerificationError}
 *   `parsed_body` whose message names the request's content-type and says to mount
 *   `express.raw({ type: "application/json" })` on the route before any JSON parser. That is a
 *   server misconfiguration: answer it with a 500, not a 400, since no retry will get through.
 * - A body over `limitBytes` (default 1 MiB; a `content-length` over it is refused before reading)
 *   throws {@link WebhookPayloadError} `body_too_large`; reading stops there, and the rest of a Node
 *   stream is drained unbuffered so that an answer (413) still reaches the sender.
 *
 * An empty body is returned as empty bytes; the verifier refuses it (`empty_body`).
 *
 * @example
 * ```ts
 * createServer(async (req, res) => {
 *   const body = await readRawBody(req); // throws WebhookError
 *   const result = await verifyWebhook(body, req.headers, { secrets });
 * });
 * ```
 *
 * @throws {@link ConfigurationError} `invalid_option` for a `limitBytes` that is not a positive integer.
 */
export async function readRawBody(request: NodeRequestLike, options: ReadRawBodyOptions = {}): Promise<Uint8Array> {
  const limit = checkLimit(options?.limitBytes);
  if (typeof request !== "object" || request === null || typeof request.headers !== "object") {
    throw new ConfigurationError("invalid_option", "readRawBody needs the request (a Node IncomingMessage).");
  }
  const { body } = request;
  const bytes = bytesOf(body);
  if (bytes !== undefined) {
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return bytes;
  }
  // Express 4 leaves `{}` in req.body when its parser skipped the request: the stream is still unread.
  const untouched =
    body === undefined || body === null || (isEmptyPlainObject(body) && request.readableEnded === false);
  if (!untouched) throw parsedBody(request.headers, "was already parsed into an object by a body parser");
  if (request.readableEnded === true) {
    throw parsedBody(request.headers, "was already read by something that ran before this route");
  }
  checkContentLength(request.headers, limit);
  return isEventStream(request) ? readEvents(request, limit) : readIterable(request, limit);
}

/**
 * Reads a fetch `Request`'s body to bytes, with the same `limitBytes` as {@link readRawBody}. A body
 * already read (`bodyUsed`: `await request.json()` or a framework ran first) is refused with
 * {@link WebhookVerificationError} `parsed_body`.
 */
export async function readRequestBody(
  request: FetchRequestLike,
  options: ReadRawBodyOptions = {},
): Promise<Uint8Array> {
  const limit = checkLimit(options?.limitBytes);
  if (typeof request !== "object" || request === null || typeof request.headers?.get !== "function") {
    throw new ConfigurationError("invalid_option", "readRequestBody needs a fetch Request.");
  }
  if (request.bodyUsed) throw parsedBody(request.headers, "was already read (request.json(), .text() or a parser)");
  checkContentLength(request.headers, limit);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

/** A provider's verifier: `verifyWebhook(rawBody, headers, options)` (or Paymend's `parseWebhook`, wrapped). */
export type WebhookVerifier<Options, Result> = (
  rawBody: RawBody,
  headers: IncomingHeaders,
  options: Options,
) => Result | Promise<Result>;

/** Options of the handler from `webhookAdapters`, besides the provider's own. */
export interface WebhookHandlerOptions extends ReadRawBodyOptions {
  /**
   * Where processed deliveries are recorded (`createMemoryWebhookStore()`, or a shared store):
   * with one, the handler runs once per `dedupeKey` through {@link processWebhookOnce}. Without
   * one, it runs for every verified delivery, duplicates included.
   */
  readonly store?: WebhookStore | undefined;
  /**
   * How long a processed delivery is remembered, in ms (a positive integer): a delivery of the same
   * event within it is a duplicate. Default: the store's `doneTtlMs` (24 h for the memory store).
   */
  readonly ttlMs?: number | undefined;
  /**
   * Told of every failure that is the server's, not the sender's: a handler that threw, a body
   * parsed before the route, bad options. Default `console.error`. Refused deliveries (400, 413)
   * are not reported.
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** Your code for one verified delivery. Throw to answer 500 so the provider retries. */
export type WebhookHandler<Result, Request, Response> = (
  result: Result,
  request: Request,
  response: Response,
) => unknown | Promise<unknown>;

/** What `webhookAdapters` makes of a provider's verifier; each provider package exports them under its own names. */
export interface WebhookAdapters<Options, Result> {
  /**
   * Verifies a fetch `Request` (Next.js route handlers, Hono's `c.req.raw`, Bun, Deno, workers):
   * reads its body (see {@link readRequestBody}) and verifies it with its headers.
   */
  verifyRequest(request: FetchRequestLike, options: Options & ReadRawBodyOptions): Promise<Result>;
  /** Verifies a Node `IncomingMessage` (or Express request): reads its body with {@link readRawBody}, then verifies. */
  verifyNodeRequest(request: NodeRequestLike, options: Options & ReadRawBodyOptions): Promise<Result>;
  /**
   * A request handler for Express (`app.post(path, express.raw({ type: "application/json" }), handler)`),
   * `node:http` (`createServer(handler)`) and other servers with Node's request and response.
   * It answers 200, 400 `<reason>` for a refused delivery, 413, 503 `in_progress` or 500: see the README.
   */
  handler<Request extends NodeRequestLike = NodeRequestLike, Response extends NodeResponseLike = NodeResponseLike>(
    options: Options & WebhookHandlerOptions,
    handler: WebhookHandler<Result, Request, Response>,
  ): (request: Request, response: Response) => Promise<void>;
}

function answer(response: NodeResponseLike, status: number, text: string): void {
  if (response.headersSent) return;
  response.statusCode = status;
  response.setHeader("content-type", "text/plain; charset=utf-8");
  response.setHeader("x-content-type-options", "nosniff");
  response.end(text);
}

function positiveTtl(ttlMs: unknown): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (typeof ttlMs !== "number" || !Number.isSafeInteger(ttlMs) || ttlMs < 1) {
    throw new ConfigurationError(
      "invalid_option",
      `ttlMs must be a positive integer of milliseconds; got ${String(ttlMs)}.`,
    );
  }
  return ttlMs;
}

/** The store, with commits kept for `ttlMs` when given. */
function withTtl(store: WebhookStore, ttlMs: number | undefined): WebhookStore {
  if (ttlMs === undefined) return store;
  const wrapped: WebhookStore = {
    claim: (key, claimTtlMs) => store.claim(key, claimTtlMs),
    commit: (key) => store.commit(key, ttlMs),
    release: (key) => store.release(key),
    claimTtlMs: store.claimTtlMs,
    doneTtlMs: ttlMs,
  };
  // A store's optional `state` (read after a refused claim, to tell a delivery still being handled).
  const state = (store as { state?: unknown }).state;
  if (typeof state === "function") Object.assign(wrapped, { state: (key: string) => state.call(store, key) });
  return wrapped;
}

/**
 * Turns a provider's verifier into HTTP helpers; each provider package exports them as
 * `verifyWebhookRequest`, `verifyNodeWebhook` and `webhookHandler` (Paymend: `parseWebhookRequest`,
 * `parseNodeWebhook`, `webhookHandler`).
 *
 * The `handler` reads the raw body ({@link readRawBody}: `req.body` from `express.raw()`, or the
 * stream itself), verifies it, and answers in plain text:
 *
 * - **200** after your handler returned (or at once for a duplicate of a processed event, see
 *   `store`); if your handler sent a response itself, that one stands;
 * - **503** `in_progress` for a duplicate whose first delivery is still being handled (a store with
 *   `state` tells), so the provider retries it later (a 5xx, since some providers never retry a 4xx);
 * - **400** `<reason>: <message>` for a delivery that failed verification or whose content is
 *   unusable ({@link WebhookError}; the message never contains a secret): the provider should not
 *   retry it unchanged;
 * - **500** `schema_mismatch: <message>`, reported to `onError`, for a **signed** delivery that
 *   passed verification but does not match the event schema: the provider did send it, so the
 *   mismatch is the schema's to fix, and a 5xx keeps the event alive (some providers, such as
 *   PaymentKit, never retry a 4xx) while you upgrade or report it;
 * - **413** `body_too_large` for a body over `limitBytes`;
 * - **500** for a server-side problem, reported to `onError`: a body parsed before the route (the
 *   message names the content-type and says to mount `express.raw({ type: "application/json" })`
 *   on this route before any JSON parser; your handler is not called), bad options
 *   (`ConfigurationError`), or your handler threw (answered `handler_failed`, never the error's
 *   text).
 *
 * With `options.store`, the handler runs through {@link processWebhookOnce} on the key
 * `"<provider>:<dedupeKey>"`: a duplicate is answered 200 without calling it; when it throws, the
 * claim is released and the answer is 500, so the provider's retry runs it again.
 *
 * Provider options are checked by the verifier on each request (a bad one answers 500); this
 * function checks `limitBytes`, `ttlMs`, `store` and `onError` when the handler is made.
 *
 * @param verify - the provider's `verifyWebhook`.
 * @param settings - `provider` prefixes the dedupe keys, so one store can serve several providers;
 *   `signed: false` for a provider that signs nothing (its content is checked unauthenticated).
 */
export function webhookAdapters<Options extends object, Result extends WebhookResult<unknown>>(
  verify: WebhookVerifier<Options, Result>,
  settings: { readonly provider: string; readonly signed?: boolean },
): WebhookAdapters<Options, Result> {
  const split = <Extra extends object>(options: (Options & Extra) | undefined, names: readonly string[]) => {
    const all = (options ?? {}) as Record<string, unknown>;
    const own: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(all)) (names.includes(name) ? own : rest)[name] = value;
    return { own: own as Partial<Extra>, rest: rest as Options };
  };
  const readNames = ["limitBytes"];
  const handlerNames = ["limitBytes", "store", "ttlMs", "onError"];

  return {
    async verifyRequest(request, options) {
      const { own, rest } = split<ReadRawBodyOptions>(options, readNames);
      const body = await readRequestBody(request, own);
      return verify(body, request.headers, rest);
    },

    async verifyNodeRequest(request, options) {
      const { own, rest } = split<ReadRawBodyOptions>(options, readNames);
      const body = await readRawBody(request, own);
      return verify(body, request.headers, rest);
    },

    handler(options, handler) {
      const { own, rest } = split<WebhookHandlerOptions>(options, handlerNames);
      checkLimit(own.limitBytes);
      const ttlMs = positiveTtl(own.ttlMs);
      const store = own.store === undefined ? undefined : withTtl(own.store, ttlMs);
      if (own.onError !== undefined && typeof own.onError !== "function") {
        throw new ConfigurationError("invalid_option", "onError must be a function.");
      }
      if (typeof handler !== "function") {
        throw new ConfigurationError("invalid_option", "webhookHandler needs your handler function.");
      }
      const report = own.onError ?? ((error: unknown) => console.error("payspec webhook:", error));

      return async (request, response) => {
        let result: Result;
        try {
          const body = await readRawBody(request, { limitBytes: own.limitBytes });
          result = await verify(body, request.headers, rest);
        } catch (error) {
          const authenticButUnexpected = error instanceof WebhookPayloadError && error.reason === "schema_mismatch";
          if (authenticButUnexpected && settings.signed !== false) {
            report(error);
            answer(response, 500, `${error.reason}: ${error.message}`);
          } else if (error instanceof WebhookError && error.reason !== "parsed_body") {
            answer(response, error.reason === "body_too_large" ? 413 : 400, `${error.reason}: ${error.message}`);
          } else {
            report(error);
            answer(
              response,
              500,
              error instanceof WebhookError || error instanceof ConfigurationError
                ? error.message
                : "webhook_failed: the server could not read or verify the delivery",
            );
          }
          return;
        }
        try {
          if (store === undefined) {
            await handler(result, request, response);
            answer(response, 200, "ok");
          } else {
            const outcome = await processWebhookOnce(store, `${settings.provider}:${result.dedupeKey}`, () =>
              handler(result, request, response),
            );
            // Another delivery of the event still being handled (a store with `state` tells): a 5xx, which
            // every provider retries (a 4xx is final for some), so nothing is lost if that handler fails.
            if (outcome.duplicate && (outcome as { inProgress?: unknown }).inProgress === true) {
              answer(response, 503, "in_progress: another delivery of this event is being handled; retry later");
            } else answer(response, 200, outcome.duplicate ? "duplicate" : "ok");
          }
        } catch (error) {
          report(error);
          answer(response, 500, "handler_failed");
        }
      };
    },
  };
}
