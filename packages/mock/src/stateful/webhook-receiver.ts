import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "../proxy.js";

/** One request a {@link WebhookReceiver} received, body as the raw bytes sent. */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The status the receiver answered. */
  readonly status: number;
}

/** A local endpoint that records webhook deliveries, for tests and the main job. */
export interface WebhookReceiver {
  /** The URL to deliver to (`http://127.0.0.1:<port>/webhooks`). */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly received: readonly ReceivedWebhook[];
  /**
   * Resolves with the received requests once `until` holds for them (a count, or a predicate);
   * rejects after `timeoutMs` (default 10 000) with what did arrive, so a missing event fails
   * clearly instead of hanging.
   */
  waitFor(
    until: number | ((received: readonly ReceivedWebhook[]) => boolean),
    timeoutMs?: number,
  ): Promise<readonly ReceivedWebhook[]>;
  /** Forgets what was received (between tests). */
  clear(): void;
  close(): Promise<void>;
}

/**
 * Starts a webhook endpoint on 127.0.0.1 that records every delivery and answers with
 * `answer(request, index)`'s status (default 200): answer 500 to the first to watch a retry.
 */
export async function startWebhookReceiver(
  options: { readonly answer?: (request: Omit<ReceivedWebhook, "status">, index: number) => number } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  const server = createServer(async (request, response) => {
    const delivery = { headers: request.headers, body: await readBody(request) };
    const status = options.answer?.(delivery, received.length) ?? 200;
    received.push({ ...delivery, status });
    response.writeHead(status, { "content-type": "application/json" }).end('{"received":true}');
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    waitFor(until, timeoutMs = 10_000) {
      const done = () => (typeof until === "number" ? received.length >= until : until(received));
      if (done()) return Promise.resolve([...received]);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (!done()) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve([...received]);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(
              `payspec-mock webhook receiver: waited ${timeoutMs} ms; received ${received.length}: ${received
                .map((item) => item.body.toString("utf8").slice(0, 120))
                .join(" | ")}`,
            ),
          );
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    clear() {
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
