import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  defaultRetryPolicy,
  mayReplay,
  parseRetryAfter,
  provablyUnsent,
  redact,
  redactCardNumbers,
} from "../src/index.js";

describe("retry policy", () => {
  it("replays POST and PATCH only under a key or when provably unsent", () => {
    const lost = { kind: "connection", sent: true } as const;
    const refused = { kind: "connection", sent: false } as const;
    expect(mayReplay("POST", false, lost)).toBe(false);
    expect(mayReplay("PATCH", false, { kind: "status", status: 503 })).toBe(false);
    expect(mayReplay("POST", false, { kind: "timeout" })).toBe(false);
    expect(mayReplay("POST", false, refused)).toBe(true);
    expect(mayReplay("POST", true, lost)).toBe(true);
    for (const method of ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]) expect(mayReplay(method, false, lost)).toBe(true);
  });

  it("backs off exponentially with jitter, capped", () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 500, maxDelayMs: 8_000 };
    expect([0, 1, 2].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([250, 500, 1_000]);
    expect([0, 1, 2].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([500, 1_000, 2_000]);
    expect(backoffDelay(10, policy, () => 1)).toBe(8_000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    // Not delta-seconds and not a date: the backoff decides, not a date parser's guess.
    for (const malformed of ["1.5", "-1", "1e3", "+5", "", "May 5", "soon 2026"]) {
      expect(parseRetryAfter(malformed, now)).toBeUndefined();
    }
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("knows which network errors prove the request was never sent", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(provablyUnsent(new TypeError("fetch failed", { cause: refused }))).toBe(true);
    expect(provablyUnsent(new AggregateError([refused, { code: "ECONNREFUSED" }]))).toBe(true);
    expect(provablyUnsent({ code: "ENOTFOUND" })).toBe(true);
    expect(provablyUnsent(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))).toBe(false);
    expect(provablyUnsent(new AggregateError([refused, { code: "ECONNRESET" }]))).toBe(false);
    expect(provablyUnsent(new Error("other side closed"))).toBe(false);
  });
});

describe("redaction", () => {
  it("masks Luhn-valid card numbers only", () => {
    expect(redactCardNumbers("card 4242424242424242 and 5555-5555-5555-4444")).toBe(
      "card [card …4242] and [card …4444]",
    );
    expect(redactCardNumbers("order 1234567890123456")).toBe("order 1234567890123456");
  });

  it("masks sensitive keys and given secrets in nested values", () => {
    expect(
      redact({ card: { card_number: "4242424242424242", card_cvc: "123" }, note: "key sk_live_abc1 used" }, [
        "sk_live_abc1",
      ]),
    ).toEqual({ card: { card_number: "[redacted]", card_cvc: "[redacted]" }, note: "key [redacted] used" });
  });
});
