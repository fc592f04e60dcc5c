// Card numbers and credentials must never reach an error message, a log line or a snapshot.

// 13–19 digits, optionally grouped by single spaces or dashes, as card numbers are written.
const panCandidate = /\b\d(?:[ -]?\d){12,18}\b/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Masks card numbers (Luhn-valid, 13–19 digits) to their last four digits. */
export function redactCardNumbers(text: string): string {
  return text.replace(panCandidate, (match) => {
    const digits = match.replace(/[ -]/g, "");
    return passesLuhn(digits) ? `[card …${digits.slice(-4)}]` : match;
  });
}

const sensitiveKey =
  /^(card_?number|pan|cvc|cvv|cvc2|card_cvc|security_?code|password|secret|api[-_]?key|authorization|token|access_token|client_secret)$/i;

// A shorter secret would mask ordinary text wherever it happens to occur.
const isMatchable = (secret: string) => secret.length >= 4;

/** True when `text` holds one of `secrets`, as {@link redact} would find it. */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((secret) => isMatchable(secret) && text.includes(secret));
}

/**
 * A copy of `value` safe to keep on an error or hand to a logger: card numbers masked in every
 * string, sensitive keys replaced, and every occurrence of the given secrets removed.
 */
export function redact<T>(value: T, secrets: readonly string[] = []): T {
  const scrub = (text: string): string => {
    let result = redactCardNumbers(text);
    for (const secret of secrets) {
      if (isMatchable(secret)) result = result.split(secret).join("[redacted]");
    }
    return result;
  };
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return scrub(node);
    if (depth > 20 || node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    return Object.fromEntries(
      Object.entries(node).map(([key, item]) => [key, sensitiveKey.test(key) ? "[redacted]" : walk(item, depth + 1)]),
    );
  };
  return walk(value, 0) as T;
}
