import type { ErrorBodyParser } from "./errors.js";

/** What payspec knows about how a response was obtained. */
export interface RequestMeta {
  /** The idempotency key every attempt carried, if the method takes one. */
  readonly idempotencyKey: string | undefined;
  /** HTTP attempts made for this call (1 when nothing was retried). */
  readonly attempts: number;
}

/** What `unwrap()` needs to turn an error response into a typed error. */
export interface ErrorContext {
  readonly provider: string;
  readonly method: string;
  readonly path: string;
  readonly parseErrorBody: ErrorBodyParser;
  readonly retryable: boolean;
  readonly secrets: readonly string[];
}

interface ResponseRecord {
  readonly meta: RequestMeta;
  readonly errorContext: ErrorContext;
}

const records = new WeakMap<Response, ResponseRecord>();

/** Records how `response` was obtained; called by the retry layer. */
export function recordResponse(response: Response, meta: RequestMeta, errorContext: ErrorContext): void {
  records.set(response, { meta, errorContext });
}

/**
 * How `response` (the `response` of an openapi-fetch result) was obtained: the idempotency key
 * it carried and the number of attempts. `undefined` for responses payspec did not produce.
 */
export function requestMetaOf(response: Response): RequestMeta | undefined {
  return records.get(response)?.meta;
}

/** @internal */
export function errorContextOf(response: Response): ErrorContext | undefined {
  return records.get(response)?.errorContext;
}

const schemaPaths = new WeakMap<Request, string>();

/** @internal Remembers which spec path a request was built from (set by the last middleware). */
export function rememberSchemaPath(request: Request, schemaPath: string): void {
  schemaPaths.set(request, schemaPath);
}

/** @internal */
export function schemaPathOf(request: Request): string | undefined {
  return schemaPaths.get(request);
}
