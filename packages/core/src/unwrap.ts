import { type ApiError, createApiError, type ErrorBodyParser, type ParsedErrorBody } from "./errors.js";
import { errorContextOf, requestMetaOf } from "./meta.js";

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
  const { data, error, response } = await result;
  if (response.ok && error === undefined) return data as Exclude<Result["data"], undefined>;
  throw apiErrorFrom(response, error);
}

/** The typed error for an error response a payspec client produced. */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  const context = errorContextOf(response);
  const meta = requestMetaOf(response);
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
