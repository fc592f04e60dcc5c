// Node's transport: undici's dispatcher with a handler of our own, loaded only on Node and only
// once a request is made (see `nodeTransport` in transport.ts), so bundles for browsers and other
// runtimes can leave it in a chunk that is never fetched.
import type { Dispatcher } from "undici";
import type { AttemptSignal } from "./timeouts.js";
import { type Transport, withUrl } from "./transport.js";

const bodylessStatuses = new Set([101, 103, 204, 205, 304]);
const decoder = new TextDecoder();
const bodyUnusable = () => Promise.reject(new TypeError("Body is unusable: Body has already been read"));

/**
 * A `Response` over a body already read into memory. `text()`, `json()` and `arrayBuffer()` read
 * the bytes directly instead of through the WHATWG stream a `new Response(bytes)` builds, the
 * largest per-call cost of the Node transport. `body`, `clone()`, `blob()`, `formData()` and
 * `bytes()` go through a real `Response` over the same bytes, made on first use, so the object
 * behaves as one in every way, `bodyUsed` included.
 */
class BufferedResponse extends Response {
  /** The unread body; `undefined` once read directly. */
  #bytes: Uint8Array<ArrayBuffer> | undefined;
  #real: Response | undefined;

  constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  #fallback(): Response {
    if (this.#real === undefined) {
      const { status, statusText, headers } = this;
      this.#real = new Response(this.#bytes ?? new Uint8Array(0), { status, statusText, headers });
      // Read directly already: leave the stand-in disturbed, as the real body would be.
      if (this.#bytes === undefined) this.#real.arrayBuffer().catch(() => undefined);
      this.#bytes = undefined;
    }
    return this.#real;
  }

  #take(): Uint8Array<ArrayBuffer> | undefined {
    const bytes = this.#bytes;
    this.#bytes = undefined;
    return bytes;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#fallback().body;
  }
  override get bodyUsed(): boolean {
    return this.#real === undefined ? this.#bytes === undefined : this.#real.bodyUsed;
  }
  override text(): Promise<string> {
    if (this.#real !== undefined) return this.#real.text();
    const bytes = this.#take();
    return bytes === undefined ? bodyUnusable() : Promise.resolve(decoder.decode(bytes));
  }
  override async json(): Promise<unknown> {
    if (this.#real !== undefined) return this.#real.json();
    const bytes = this.#take();
    return bytes === undefined ? bodyUnusable() : JSON.parse(decoder.decode(bytes));
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#real !== undefined) return this.#real.arrayBuffer();
    const bytes = this.#take();
    return bytes === undefined ? bodyUnusable() : Promise.resolve(bytes.buffer);
  }
  override blob(): Promise<Blob> {
    return this.#fallback().blob();
  }
  override formData(): Promise<FormData> {
    return this.#fallback().formData();
  }
  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#fallback().bytes();
  }
  override clone(): Response {
    return withUrl(this.#fallback().clone(), this.url);
  }
}

/**
 * Node's fastest well-kept path: each attempt dispatched straight onto one keep-alive undici
 * `Agent` (loaded once per process by `nodeTransport`). The response body is collected in full
 * within the attempt (so the attempt timeout covers it and the socket goes straight back to the
 * pool), without the stream `undici.request` would put in between.
 */
export async function undiciTransport(): Promise<Transport> {
  const { Agent } = await import("undici");
  const dispatcher = new Agent({ keepAliveTimeout: 4_000, connections: 128 });
  return async (prepared, attempt) => {
    const headers: Record<string, string> = {};
    prepared.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const url = new URL(prepared.url);
    return new Promise<Response>((resolve, reject) => {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: prepared.method as Dispatcher.HttpMethod,
          headers,
          body: prepared.body ?? null,
        },
        new Exchange(
          prepared.method === "HEAD",
          attempt,
          (response) => resolve(withUrl(response, prepared.url)),
          reject,
        ),
      );
    });
  };
}

/**
 * One attempt's undici handler: follows the attempt's signal (as `undici.request` does, aborting
 * at the latest once the request is handed a connection) and settles with a buffered `Response`.
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #head: boolean;
  readonly #attempt: AttemptSignal;
  readonly #unsubscribe: () => void;
  readonly #resolve: (response: Response) => void;
  readonly #reject: (error: unknown) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #status = 0;
  #headers: [string, string][] = [];
  #chunks: Uint8Array[] = [];
  #length = 0;

  constructor(
    head: boolean,
    attempt: AttemptSignal,
    resolve: (response: Response) => void,
    reject: (error: unknown) => void,
  ) {
    this.#head = head;
    this.#attempt = attempt;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#unsubscribe = attempt.onAbort((reason) => this.#controller?.abort(reason as Error));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.#attempt.aborted) controller.abort(this.#attempt.reason as Error);
    else this.#controller = controller;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // informational: the final response follows
    this.#status = statusCode;
    for (const name in headers) {
      const value = headers[name];
      if (Array.isArray(value)) for (const item of value) this.#headers.push([name, item]);
      else if (value !== undefined) this.#headers.push([name, value]);
    }
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Uint8Array): void {
    this.#chunks.push(chunk);
    this.#length += chunk.byteLength;
  }

  onResponseEnd(): void {
    this.#settle();
    let response: Response;
    try {
      const init = { status: this.#status, headers: this.#headers };
      if (bodylessStatuses.has(this.#status) || this.#head) response = new Response(null, init);
      else {
        // One copy into a buffer of our own: the chunks may be views of undici's read buffers.
        const bytes = new Uint8Array(this.#length);
        let offset = 0;
        for (const chunk of this.#chunks) {
          bytes.set(chunk, offset);
          offset += chunk.byteLength;
        }
        response = new BufferedResponse(bytes, init);
      }
    } catch (error) {
      this.#reject(error);
      return;
    }
    this.#chunks = [];
    this.#resolve(response);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#settle();
    this.#reject(error);
  }

  #settle(): void {
    this.#controller = undefined;
    this.#unsubscribe();
  }
}
