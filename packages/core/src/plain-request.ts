/**
 * What openapi-fetch builds for a call that no user middleware will see: the URL, method, headers
 * and serialised body, kept as they are. A WHATWG `Request` would copy the body into a stream and
 * link a new `AbortSignal`, only for the retry layer to read them straight back; on Node that is a
 * large share of a call's cost. Used only while the client has no middleware: middleware gets a
 * real `Request`, as openapi-fetch documents.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly #init: RequestInit;

  constructor(url: string, init: RequestInit & { readonly method: string; readonly headers: Headers }) {
    this.url = url;
    this.method = init.method;
    this.headers = init.headers;
    this.#init = init;
  }

  /** The body as openapi-fetch serialised it: a JSON string as it is, anything else (a form) as bytes. */
  serialisedBody(): string | Promise<Uint8Array<ArrayBuffer>> | undefined {
    const { body } = this.#init;
    if (body === undefined || body === null) return undefined;
    if (typeof body === "string") return body;
    const request = new Request(this.url, { method: this.method, headers: this.headers, body });
    // A form's Content-Type carries its boundary, which only the Request that encoded it knows.
    const contentType = request.headers.get("content-type");
    if (contentType !== null) this.headers.set("content-type", contentType);
    return request.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }
}
