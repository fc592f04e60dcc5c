import { readFileSync } from "node:fs";
import { parseCurlExamples, replayCurl, violationsOf } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import { createPaymendClient, unwrap } from "../src/index.js";
import { mockUrl, paymentId, recordingFetch } from "./support.js";

const examples = parseCurlExamples(
  readFileSync(new URL("../../../specs/paymend/docs-examples.sh", import.meta.url), "utf8"),
);

// Paymend's pages print no request as a whole (see the file's header): every request in
// docs-examples.sh is reconstructed from a page, and says so. The examples the pages print verbatim
// are checked by doc-examples.test.ts.
describe("requests reconstructed from Paymend's docs", () => {
  it("are all parsed", () => {
    expect(examples.map((example) => `${example.method} ${new URL(example.url).pathname}`)).toEqual([
      "POST /v1/payments",
      "POST /v1/payments/%7BpaymentId%7D/capture",
      "POST /v1/payments/%7BpaymentId%7D/refund",
      "POST /v1/payments/%7BpaymentId%7D/refund",
      "POST /v1/payments/%7BpaymentId%7D/void",
      "GET /v1/payments/%7BpaymentId%7D",
      "POST /v1/payments",
      "POST /v1/payments",
    ]);
  });

  it("each name a Paymend page and say that they are reconstructed, not copied", () => {
    for (const example of examples) {
      expect(example.source).toMatch(/^https:\/\/docs\.paymend\.com\/\S* — reconstructed \(not verbatim\)/);
    }
  });

  it.each(examples.map((example) => [example.source, example] as const))(
    "mock accepts, as written: %s",
    async (_source, example) => {
      const response = await replayCurl(example, mockUrl(), { paymentId });
      expect(violationsOf(response)).toEqual([]);
      expect(response.status).toBe(200);
    },
  );

  it("the package sends capture with no body, as the docs require", async () => {
    const recorder = recordingFetch();
    const client = createPaymendClient({ token: "<your_api_token>", baseUrl: mockUrl(), fetch: recorder.fetch });
    await unwrap(client.POST("/v1/payments/{paymentId}/capture", { params: { path: { paymentId } } }));
    await unwrap(client.POST("/v1/payments/{paymentId}/void", { params: { path: { paymentId } } }));
    expect(recorder.bodies).toEqual([undefined, undefined]);
    expect(recorder.requests.map((request) => request.headers.get("Authorization"))).toEqual([
      "Bearer <your_api_token>",
      "Bearer <your_api_token>",
    ]);
    expect(recorder.requests.some((request) => request.headers.has("Idempotency-Key"))).toBe(false);
  });
});
