import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the server does with one incoming request. */
export type Fault =
  | "ok"
  | "drop-before" // close the connection without processing
  | "drop-after" // process (record the side effect), then close without answering
  | "hang" // never answer
  | { status: number; retryAfter?: string; location?: string };

/** One request as the server received it. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/**
 * An HTTP server on 127.0.0.1 that misbehaves on cue, and keeps a ledger of side effects the way a
 * payment provider would: a request under an idempotency key it has already processed is replayed,
 * not processed again. Requests without a key are all processed.
 */
export class FaultServer {
  readonly received: Received[] = [];
  /** Side effects per idempotency key (or per request, for requests without one). */
  readonly ledger = new Map<string, number>();
  /** TCP connections accepted so far. */
  connections = 0;
  private readonly faults: Fault[] = [];
  private readonly replays = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private unkeyed = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(port = 0): Promise<FaultServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    const { port: actual } = server.address() as AddressInfo;
    const instance = new FaultServer(server, `http://127.0.0.1:${actual}`);
    server.on("connection", (socket) => {
      instance.connections++;
      instance.sockets.add(socket);
      socket.on("close", () => instance.sockets.delete(socket));
    });
    server.on("request", (request, response) => void instance.handle(request, response));
    return instance;
  }

  /** Faults for the next requests, in order; once used up, requests succeed. */
  queue(...faults: Fault[]): this {
    this.faults.push(...faults);
    return this;
  }

  /** Side effects recorded in total. */
  get sideEffects(): number {
    let total = 0;
    for (const count of this.ledger.values()) total += count;
    return total;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = "";
    for await (const chunk of request) body += chunk;
    const key = header(request, "idempotency-key");
    this.received.push({
      method: request.method ?? "",
      path: request.url ?? "",
      idempotencyKey: key,
      headers: request.headers,
      body,
    });
    const fault = this.faults.shift() ?? "ok";
    if (fault === "drop-before") {
      request.socket.destroy();
      return;
    }
    if (fault === "hang") return;
    if (typeof fault === "object") {
      response.writeHead(fault.status, {
        "content-type": "application/json",
        "x-request-id": `req_${this.received.length}`,
        ...(fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter }),
        ...(fault.location === undefined ? {} : { location: fault.location }),
      });
      response.end(JSON.stringify({ error: { code: `E${fault.status}`, message: "injected fault" } }));
      return;
    }
    const answer = this.process(key, body);
    if (fault === "drop-after") {
      request.socket.destroy();
      return;
    }
    response.writeHead(200, { "content-type": "application/json", "x-request-id": `req_${this.received.length}` });
    response.end(answer);
  }

  private process(key: string | undefined, body: string): string {
    if (key !== undefined) {
      const replay = this.replays.get(key);
      if (replay !== undefined) return replay;
    }
    const ledgerKey = key ?? `unkeyed-${++this.unkeyed}`;
    this.ledger.set(ledgerKey, (this.ledger.get(ledgerKey) ?? 0) + 1);
    const answer = JSON.stringify({ ok: true, sideEffect: this.sideEffects, echo: body });
    if (key !== undefined) this.replays.set(key, answer);
    return answer;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A loopback port that nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
