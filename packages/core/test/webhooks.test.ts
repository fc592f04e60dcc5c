import { describe, expect, it } from "vitest";
import {
  checkTimestamp,
  createDeduper,
  decodeSignature,
  headerValue,
  hmac,
  rawBodyBytes,
  secretList,
  timingSafeEqual,
  toHex,
} from "../src/index.js";

describe("webhook building blocks", () => {
  it("computes HMAC-SHA256 and SHA-512 with WebCrypto (RFC 4231 test case 2)", async () => {
    const message = new TextEncoder().encode("what do ya want for nothing?");
    expect(toHex(await hmac("SHA-256", "Jefe", message))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    expect(toHex(await hmac("SHA-512", "Jefe", message))).toBe(
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    );
  });

  it("compares in constant time and decodes hex or base64", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
    expect(decodeSignature("0aff")).toEqual(new Uint8Array([10, 255]));
    expect(decodeSignature("Cv8=", ["hex", "base64"])).toEqual(new Uint8Array([10, 255]));
    expect(decodeSignature("Cv8=")).toBeUndefined();
    expect(decodeSignature("xyz")).toBeUndefined();
  });

  it("refuses stale and future timestamps, both ways", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const seconds = now.getTime() / 1000;
    expect(() => checkTimestamp(seconds - 299, 300, now)).not.toThrow();
    expect(() => checkTimestamp(seconds + 299, 300, now)).not.toThrow();
    expect(() => checkTimestamp(seconds - 301, 300, now)).toThrow(/301 s old/);
    expect(() => checkTimestamp(seconds + 301, 300, now)).toThrow(/in the future/);
  });

  it("takes raw bodies only, and headers in any case", () => {
    expect(rawBodyBytes("{}")).toEqual(new TextEncoder().encode("{}"));
    expect(rawBodyBytes(new Uint8Array([123, 125]).buffer)).toEqual(new Uint8Array([123, 125]));
    expect(() => rawBodyBytes({})).toThrow(expect.objectContaining({ reason: "parsed_body" }));
    expect(() => rawBodyBytes(undefined)).toThrow(expect.objectContaining({ reason: "parsed_body" }));
    expect(() => rawBodyBytes("")).toThrow(expect.objectContaining({ reason: "empty_body" }));
    expect(headerValue({ "X-Thing": "a" }, "x-thing")).toBe("a");
    expect(headerValue({ "x-thing": ["a", "b"] }, "X-Thing")).toBe("a");
    expect(headerValue(new Headers({ "x-thing": "a" }), "X-THING")).toBe("a");
    expect(() => secretList([])).toThrow(expect.objectContaining({ reason: "missing_secret" }));
    expect(() => secretList("")).toThrow(expect.objectContaining({ reason: "missing_secret" }));
  });

  it("deduplicates within the window and forgets after it, keeping at most maxEntries ids", () => {
    let now = 0;
    const deduper = createDeduper({ ttlMs: 1_000, maxEntries: 2, now: () => now });
    expect(deduper.isDuplicate("a")).toBe(false);
    expect(deduper.isDuplicate("a")).toBe(true);
    now = 1_500;
    expect(deduper.isDuplicate("a")).toBe(false);
    expect(deduper.isDuplicate("b")).toBe(false);
    expect(deduper.isDuplicate("c")).toBe(false);
    expect(deduper.isDuplicate("a")).toBe(false); // dropped: only the two newest are kept
    expect(deduper.isDuplicate("c")).toBe(true);
  });

  it("keeps maxEntries ids, and a repeated id makes no room", () => {
    const deduper = createDeduper({ maxEntries: 2 });
    expect([deduper.isDuplicate("a"), deduper.isDuplicate("b")]).toEqual([false, false]);
    expect([deduper.isDuplicate("b"), deduper.isDuplicate("a"), deduper.isDuplicate("b")]).toEqual([true, true, true]);
    expect(deduper.isDuplicate("c")).toBe(false); // the oldest, "a", makes room
    expect([deduper.isDuplicate("b"), deduper.isDuplicate("c"), deduper.isDuplicate("a")]).toEqual([true, true, false]);
  });
});
