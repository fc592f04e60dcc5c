import { describe, expect, it } from "vitest";
import { assertCredential, ConfigurationError } from "../src/index.js";

describe("assertCredential", () => {
  it("returns a valid credential unchanged", () => {
    expect(assertCredential("token", "st_prod_abc.DEF-123")).toBe("st_prod_abc.DEF-123");
  });

  it.each([
    [undefined, "missing_credential", "token is required."],
    [null, "missing_credential", "token is required."],
    ["", "missing_credential", "token is empty: pass your secret key."],
    [" \t", "missing_credential", "token is empty: pass your secret key."],
    [123, "invalid_credential", "token must be a string, not number."],
    ["secret-value\r\n", "invalid_credential", /stray newline/],
    ["secret value", "invalid_credential", /whitespace/],
  ])("refuses %j", (value, code, message) => {
    expect(() => assertCredential("token", value)).toThrow(ConfigurationError);
    expect(() => assertCredential("token", value)).toThrow(message);
    expect(() => assertCredential("token", value)).toThrow(expect.objectContaining({ code }));
  });

  it("never echoes the credential", () => {
    try {
      assertCredential("apiKey", "sk_live_do_not_print\n");
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("sk_live_do_not_print");
      expect(JSON.stringify(error)).not.toContain("sk_live_do_not_print");
    }
  });
});
