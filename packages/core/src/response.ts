import type { WireResponse } from "./transport.js";

const decoder = new TextDecoder();
const bodyUnusable = () => Promise.reject(new TypeError("Body is unusable: Body has already been read"));

/** Gives a constructed `Response` the URL it answered, as `fetch`'s own responses carry. */
export function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, "url", { value: url, enumerable: true });
  return response;
}

/**
 * A `Response` over a body already read into memory. `text()`, `json()` and `arrayBuffer()` read
 * the bytes directly instead of through the WHATWG stream a `new Response(bytes)` builds, the
 * largest per-call cost of a Response on Node. `body`, `clone()`, `blob()`, `formData()` and
 * `bytes()` go through a real `Response` over the same bytes, made on first use, so the object
 * behaves as one in every way, `bodyUsed` included.
 */
// Made on first use: referring to `Response` at module load would load the WHATWG fetch classes
// (on Node 20, about 10 MB) into every process that imports payspec, even one that never needs them.
const defineBufferedResponse = () =>
  class BufferedResponse extends Response {
    /** The unread body; `undefined` once read directly. */
    #bytes: Uint8Array<ArrayBuffer> | undefined;
    #real: Response | undefined;
    readonly #url: string;

    constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit, url = "") {
      super(null, init);
      this.#bytes = bytes;
      this.#url = url;
    }

    override get url(): string {
      return this.#url;
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
      return withUrl(this.#fallback().clone(), this.#url);
    }
  };

let BufferedResponse: ReturnType<typeof defineBufferedResponse> | undefined;

/** The WHATWG `Response` for a wire response: what openapi-fetch, middleware and `result.response` see. */
export function toResponse(wire: WireResponse): Response {
  const headers: [string, string][] = [];
  for (let index = 0; index < wire.headers.length; index += 2) {
    headers.push([wire.headers[index] as string, wire.headers[index + 1] as string]);
  }
  const init = { status: wire.status, statusText: wire.statusText, headers };
  if (wire.body === undefined) return withUrl(new Response(null, init), wire.url);
  BufferedResponse ??= defineBufferedResponse();
  return new BufferedResponse(wire.body, init, wire.url);
}
