import { errorContextOf, requestMetaOf } from "./call.js";
import { type ApiError, createApiError, type ErrorBodyParser, type ParsedErrorBody } from "./errors.js";

/** The shape of an openapi-fetch result. */
export interface FetchResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Opt-in throwing style: resolves to `data`, or throws the typed {@link ApiError} subclass for the
 * status (`NotFoundError`, `RateLimitError`, …) carrying the provider's code, message and request
 * id, the idempotency key and the attempt count.
 *
 * @example
 * ```ts
 * const payment = await unwrap(paymnt.GET("/payments/{payment_id}", { params: { path: { payment_id } } }));
 * ```
 */
export async function unwrap<Result extends FetchResult>(
  result: Result | Promise<Result>,
): Promise<Exclude<Result["data"], undefined>> {
  return dataOf(await result) as Exclude<Result["data"], undefined>;
}

/**
 * The data of a result, or its typed error. A payspec client puts `error` on a result exactly when
 * the status is not 2xx, so its successes need no `Response`: a resource method never makes one
 * unless asked. Any other result (another client's, one made by hand) is judged by its status.
 */
export function dataOf(result: FetchResult): unknown {
  const succeeded =
    errorContextOf(result) !== undefined ? !("error" in result) : result.response.ok && result.error === undefined;
  if (succeeded) return result.data;
  throw apiErrorFrom(result, result.error);
}

/** The typed error for an error result a payspec client returned. */
export function apiErrorFrom(result: FetchResult, body: unknown): ApiError {
  const { response } = result;
  const context = errorContextOf(result);
  const meta = requestMetaOf(result);
  const url = response.url ? new URL(response.url) : undefined;
  return createApiError(
    {
      status: response.status,
      provider: context?.provider ?? "provider",
      method: context?.method ?? "?",
      path: context?.path ?? url?.pathname ?? "?",
      body,
      headers: response.headers,
      parsed: safeParse(context?.parseErrorBody, body),
      retryable: context?.retryable ?? (response.status === 429 || response.status >= 500),
      idempotencyKey: meta?.idempotencyKey,
      attempts: meta?.attempts ?? 1,
    },
    context?.secrets ?? [],
  );
}

function safeParse(parse: ErrorBodyParser | undefined, body: unknown): ParsedErrorBody {
  if (parse === undefined) return {};
  try {
    return parse(body);
  } catch {
    return {};
  }
}
