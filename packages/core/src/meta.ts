/** What payspec knows about how a response was obtained. */
export interface RequestMeta {
  /** The idempotency key the request carried, if the method takes one. */
  readonly idempotencyKey: string | undefined;
  /** HTTP attempts made for this call (1 when nothing was retried). */
  readonly attempts: number;
}

const metaByResponse = new WeakMap<Response, RequestMeta>();

/** Records `meta` for `response`; called by the transport. */
export function recordRequestMeta(response: Response, meta: RequestMeta): void {
  metaByResponse.set(response, meta);
}

/**
 * How `response` (the `response` of an openapi-fetch result) was obtained: the idempotency key
 * it carried and the number of attempts. `undefined` for responses payspec did not produce.
 */
export function requestMetaOf(response: Response): RequestMeta | undefined {
  return metaByResponse.get(response);
}
