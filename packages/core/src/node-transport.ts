// Node's transport: `node:http` and `node:https` over one keep-alive agent per protocol, as
// stripe-node does. Loaded only on Node (see `defaultTransport` in client.ts), and swapped for a
// stub in browser bundles by the `browser` field in package.json.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import type { AttemptSignal } from "./timeouts.js";
import {
  isBodyless,
  type PreparedRequest,
  type Transport,
  UnsentRequestError,
  type WireResponse,
} from "./transport.js";

// Idle sockets are closed after 4 s, before the 5 s idle timeout of Node's own servers and most
// proxies, so a request is rarely written to a socket the server is closing at that moment (a
// reset there may follow a delivered request, and a POST without an honoured key cannot be resent).
// The agent also shortens this to what a server's `Keep-Alive: timeout=N` announces.
const agentOptions = { keepAlive: true, timeout: 4_000, maxSockets: 128, scheduling: "lifo" } as const;

let agents: { readonly http: HttpAgent; readonly https: HttpsAgent } | undefined;

/** The Node transport; every client in the process shares its connection pool. */
export function nodeTransport(): Transport {
  agents ??= { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const { http, https } = agents;
  return (prepared, attempt) =>
    new Promise<WireResponse>((resolve, reject) => {
      const secure = prepared.url.protocol === "https:";
      const exchange = new Exchange(prepared, attempt, secure, resolve, reject);
      try {
        const send = secure ? httpsRequest : httpRequest;
        exchange.start(
          send(prepared.url, { method: prepared.method, headers: framed(prepared), agent: secure ? https : http }),
        );
      } catch (cause) {
        // Thrown before a socket was asked for (an invalid header, say): nothing left this machine.
        exchange.fail(new UnsentRequestError("The request could not be built", { cause }));
      }
    });
}

type ClientRequest = ReturnType<typeof httpRequest>;

/**
 * The headers with `Content-Length` for a body. Node frames a body by itself only for methods it
 * expects one on (POST, PUT, PATCH); a DELETE's body would go out unframed and the server would
 * misread the request.
 */
function framed(prepared: PreparedRequest): Readonly<Record<string, string>> {
  const { body, headers } = prepared;
  if (body === undefined) return headers;
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
  return { ...headers, "content-length": String(length) };
}

/**
 * One attempt: writes the request, collects the response body in full, and knows whether the
 * request could have reached the server — only once a connection exists (a reused socket, or a
 * new one that finished connecting) can it have.
 */
class Exchange {
  #connected = false;
  #settled = false;
  #chunks: Buffer[] = [];
  #length = 0;
  readonly #unsubscribe: () => void;
  #request: ClientRequest | undefined;

  constructor(
    readonly prepared: PreparedRequest,
    readonly attempt: AttemptSignal,
    readonly secure: boolean,
    readonly resolve: (response: WireResponse) => void,
    readonly reject: (error: unknown) => void,
  ) {
    this.#unsubscribe = attempt.onAbort((reason) => this.#request?.destroy(asError(reason)));
  }

  start(request: ClientRequest): void {
    this.#request = request;
    request.once("socket", (socket: Socket) => {
      if (request.reusedSocket || !socket.connecting) this.#connected = true;
      else socket.once(this.secure ? "secureConnect" : "connect", () => (this.#connected = true));
    });
    request.once("response", (response: IncomingMessage) => this.#receive(response));
    request.once("error", (error) =>
      this.fail(this.#connected ? error : new UnsentRequestError("Could not connect", { cause: error })),
    );
    if (this.attempt.aborted) request.destroy(asError(this.attempt.reason));
    else request.end(this.prepared.body);
  }

  #receive(response: IncomingMessage): void {
    response.on("data", (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#length += chunk.length;
    });
    response.once("end", () => this.#finish(response));
    response.once("error", (error) => this.fail(error));
    response.once("close", () => {
      if (!response.complete) this.fail(new Error("The connection closed before the response was complete"));
    });
  }

  #finish(message: IncomingMessage): void {
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (!isBodyless(this.prepared.method, message.statusCode ?? 0)) {
      // A buffer of our own: small chunks may be views into Node's shared pool.
      body = new Uint8Array(this.#length);
      let offset = 0;
      for (const chunk of this.#chunks) {
        body.set(chunk, offset);
        offset += chunk.length;
      }
    }
    this.#chunks = [];
    if (!this.#settle()) return;
    this.resolve({
      status: message.statusCode ?? 0,
      statusText: message.statusMessage ?? "",
      headers: message.rawHeaders,
      body,
      url: this.prepared.url.href,
    });
  }

  fail(error: unknown): void {
    if (this.#settle()) this.reject(error);
  }

  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#unsubscribe();
    return true;
  }
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
