import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A webhook the flow's endpoint received and the provider package verified. */
export interface VerifiedEvent {
  /** The provider's event type, such as `payment_captured`. */
  readonly type: string;
  /** The key the package deduplicates on (the event id). */
  readonly id: string;
  /** The id of the object the event is about. */
  readonly objectId: string;
  /** The object's status as the event carries it. */
  readonly status: string;
}

/** The flow's own webhook endpoint: a local server whose handler is the package's `webhookHandler`. */
export interface FlowEndpoint {
  readonly url: string;
  /** Every verified event, in arrival order (duplicates already dropped by the package's store). */
  readonly events: readonly VerifiedEvent[];
  /** Resolves once every type in `types` has arrived (in any order); rejects after `timeoutMs`. */
  waitFor(types: readonly string[], timeoutMs?: number): Promise<VerifiedEvent[]>;
  close(): Promise<void>;
}

/** A package's Node webhook handler, given where to report each verified event. */
export type EndpointHandler = (
  onEvent: (event: VerifiedEvent) => void,
) => (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * Starts the flow's webhook endpoint on 127.0.0.1: every delivery goes through the provider
 * package's own `webhookHandler` (signature checked, schema checked, deduplicated), exactly as an
 * integration would receive it.
 */
export async function startFlowEndpoint(handler: EndpointHandler): Promise<FlowEndpoint> {
  const events: VerifiedEvent[] = [];
  const waiters = new Set<() => void>();
  const server = createServer(
    handler((event) => {
      events.push(event);
      for (const wake of waiters) wake();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    events,
    waitFor(types, timeoutMs = 15_000) {
      const pick = () => {
        const found: VerifiedEvent[] = [];
        for (const type of types) {
          const event = events.find((candidate) => candidate.type === type && !found.includes(candidate));
          if (event === undefined) return undefined;
          found.push(event);
        }
        return found;
      };
      return new Promise((resolve, reject) => {
        const wake = () => {
          const found = pick();
          if (found === undefined) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(
              `webhooks ${types.join(", ")} did not all arrive within ${timeoutMs} ms; received: ${events.map((event) => event.type).join(", ") || "none"}`,
            ),
          );
        }, timeoutMs);
        waiters.add(wake);
        wake();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
