// Header values go on the wire verbatim: control characters would split or corrupt the request,
// so values are restricted to visible ASCII plus inner spaces (RFC 9110 field-value).
const headerValuePattern = /^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/;

/** True when `value` can be sent as an HTTP header value unchanged. */
export function isValidHeaderValue(value: string): boolean {
  return headerValuePattern.test(value);
}
