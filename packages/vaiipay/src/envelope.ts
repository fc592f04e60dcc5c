import { type FetchResult, InvalidRequestError, unwrap } from "@payspec/core";

type Inner<Result extends FetchResult> = NonNullable<Result["data"]> extends { data: infer Data } ? Data : never;

/**
 * Unwraps VaiiPay's `{ data: … }` envelope: resolves to the inner value and the raw `Response`
 * (status, headers), or throws the typed `ApiError` for an error status.
 *
 * @example
 * ```ts
 * const { data: payment, response } = await unwrapData(vaiipay.GET("/api/payment/{paymentId}", { params: { path: { paymentId } } }));
 * ```
 */
export async function unwrapData<Result extends FetchResult>(
  result: Result | Promise<Result>,
): Promise<{ data: Inner<Result>; response: Response }> {
  const settled = await result;
  const body = (await unwrap(settled)) as { data: Inner<Result> };
  return { data: body.data, response: settled.response };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The payment id inside a checkout URL (`…/checkout/{paymentId}?expires=…&signature=…`):
 * create-checkout returns only the URL. Throws when the URL does not carry one.
 */
export function paymentIdFromCheckoutUrl(checkoutUrl: string): string {
  let segment: string | undefined;
  try {
    segment = new URL(checkoutUrl).pathname.split("/").filter(Boolean).at(-1);
  } catch {
    segment = undefined;
  }
  if (segment === undefined || !uuid.test(segment)) {
    throw new InvalidRequestError(
      "invalid_checkout_url",
      `No payment id in checkout URL ${JSON.stringify(checkoutUrl)}.`,
    );
  }
  return segment;
}
