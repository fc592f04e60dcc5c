import { describe, expect, it } from "vitest";
import { ConfigurationError, resolveEnvironment } from "../src/index.js";

const environments = { live: "https://api.example.com", test: "https://test.example.com/v1" } as const;

describe("resolveEnvironment", () => {
  it("maps a named environment to its base URL", () => {
    expect(resolveEnvironment({ environment: "test" }, environments)).toEqual({
      baseUrl: "https://test.example.com/v1",
      environment: "test",
    });
  });

  it("normalises an explicit base URL and reports no environment", () => {
    expect(resolveEnvironment({ baseUrl: "http://127.0.0.1:4010//" }, environments)).toEqual({
      baseUrl: "http://127.0.0.1:4010",
      environment: undefined,
    });
    expect(resolveEnvironment({ baseUrl: "https://proxy.internal/paymnt/" }, environments).baseUrl).toBe(
      "https://proxy.internal/paymnt",
    );
  });

  it.each([
    [{}, "missing_environment"],
    [{ environment: "prod" }, "unknown_environment"],
    [{ environment: 1 }, "unknown_environment"],
    [{ environment: "live", baseUrl: "https://x.example" }, "conflicting_options"],
    [{ baseUrl: "" }, "invalid_base_url"],
    [{ baseUrl: "api.example.com" }, "invalid_base_url"],
    [{ baseUrl: "file:///etc/passwd" }, "invalid_base_url"],
    [{ baseUrl: "https://a:b@api.example.com" }, "invalid_base_url"],
    [{ baseUrl: "https://api.example.com/#x" }, "invalid_base_url"],
  ])("refuses %j with %s", (options, code) => {
    expect(() => resolveEnvironment(options, environments)).toThrow(ConfigurationError);
    expect(() => resolveEnvironment(options, environments)).toThrow(expect.objectContaining({ code }));
  });

  it("lists the valid environments in the message", () => {
    expect(() => resolveEnvironment({ environment: "prod" }, environments)).toThrow(
      'Unknown environment "prod": use "live" or "test".',
    );
  });
});
