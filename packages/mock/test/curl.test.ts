import { describe, expect, it } from "vitest";
import { parseCurlExamples } from "../src/index.js";

describe("parseCurlExamples", () => {
  it("reads method, URL, headers and a multi-line body, with the source comment", () => {
    const [request] = parseCurlExamples(`
# source: https://docs.example.com/quickstart — create
curl -X POST "https://api.example.com/payments" \\
  -H "Content-Type: application/json" \\
  -H 'api-key: <KEY>' \\
  -d '{
    "amount": 1000
  }'
`);
    expect(request).toEqual({
      source: "https://docs.example.com/quickstart — create",
      method: "POST",
      url: "https://api.example.com/payments",
      headers: [
        ["Content-Type", "application/json"],
        ["api-key", "<KEY>"],
      ],
      body: '{\n    "amount": 1000\n  }',
    });
  });

  it("ignores trailing comments and defaults the method", () => {
    const requests = parseCurlExamples(`curl "https://x.example/a" \\
  -H "x-profile-id: <pro_...>"    # optional
curl --request DELETE https://x.example/b
curl --data-raw '{}' https://x.example/c`);
    expect(requests.map((r) => [r.method, r.url, r.headers.length, r.source])).toEqual([
      ["GET", "https://x.example/a", 1, "unnamed example"],
      ["DELETE", "https://x.example/b", 0, "unnamed example"],
      ["POST", "https://x.example/c", 0, "unnamed example"],
    ]);
  });

  it("refuses what it does not understand instead of replaying it half-read", () => {
    expect(() => parseCurlExamples("curl -u user:pass https://x.example")).toThrow(/Unsupported curl flag -u/);
    expect(() => parseCurlExamples("curl -H 'no colon' https://x.example")).toThrow(/Malformed header/);
    expect(() => parseCurlExamples("curl -d '{ https://x.example")).toThrow(/Unclosed/);
  });
});
