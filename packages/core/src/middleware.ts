import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { ConfigurationError, InvalidRequestError } from "./errors.js";

/** What middleware is told about a call besides its request, as openapi-fetch tells it. */
export type MiddlewareContext = Omit<MiddlewareCallbackParams, "request">;

/** Checks what `use` is given, as openapi-fetch does; `undefined` and `null` entries are skipped. */
export function checkMiddleware(middleware: readonly (Middleware | undefined | null)[]): Middleware[] {
  const accepted: Middleware[] = [];
  for (const item of middleware) {
    if (item === undefined || item === null) continue;
    if (typeof item !== "object" || !("onRequest" in item || "onResponse" in item || "onError" in item)) {
      throw new ConfigurationError(
        "invalid_option",
        "Middleware must be an object with at least one of onRequest(), onResponse() or onError().",
      );
    }
    accepted.push(item);
  }
  return accepted;
}

const refuse = (hook: string, expected: string): never => {
  throw new InvalidRequestError(
    "invalid_middleware",
    `${hook} must return ${expected}, or nothing to leave it as it is.`,
  );
};

/**
 * Runs a call through middleware with openapi-fetch's semantics: `onRequest` in order (a returned
 * `Request` replaces the request, a `Response` answers the call without sending it), then the
 * send, then `onError` in reverse order if the send failed (a returned `Response` recovers, an
 * `Error` replaces the error), then `onResponse` in reverse order.
 */
export async function runMiddleware(
  middleware: readonly Middleware[],
  request: Request,
  context: MiddlewareContext,
  send: (request: Request) => Promise<Response>,
): Promise<{ request: Request; response: Response }> {
  let response: Response | undefined;
  for (const item of middleware) {
    if (typeof item.onRequest !== "function") continue;
    const result = await item.onRequest({ ...context, request });
    if (result === undefined || result === null) continue;
    if (result instanceof Request) request = result;
    else if (result instanceof Response) {
      response = result;
      break;
    } else refuse("onRequest", "a Request or a Response");
  }
  if (response === undefined) {
    try {
      response = await send(request);
    } catch (error) {
      let failure: unknown = error;
      for (let index = middleware.length - 1; index >= 0; index--) {
        const onError = middleware[index]?.onError;
        if (typeof onError !== "function") continue;
        const result = await onError({ ...context, request, error: failure });
        if (result === undefined || result === null) continue;
        if (result instanceof Response) {
          response = result;
          break;
        }
        if (result instanceof Error) failure = result;
        else refuse("onError", "a Response or an Error");
      }
      if (response === undefined) throw failure;
    }
    for (let index = middleware.length - 1; index >= 0; index--) {
      const onResponse = middleware[index]?.onResponse;
      if (typeof onResponse !== "function") continue;
      const result = await onResponse({ ...context, request, response });
      if (result === undefined || result === null) continue;
      if (result instanceof Response) response = result;
      else refuse("onResponse", "a Response");
    }
  }
  return { request, response };
}
