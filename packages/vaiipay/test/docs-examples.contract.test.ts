import { readFileSync } from "node:fs";
import { parseCurlExamples, replayCurl, violationsOf } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import { createVaiiPayClient, paymentIdFromCheckoutUrl, unwrapData } from "../src/index.js";
import { mockUrl, paymentId, recordingFetch } from "./support.js";

const examples = parseCurlExamples(
  readFileSync(new URL("../../../specs/vaiipay/docs-examples.sh", import.meta.url), "utf8"),
);
const placeholders = { paymentId, id: paymentId, provider: "tron", method: "usdt" };

describe("VaiiPay's documented requests", () => {
  it("are all parsed", () => {
    expect(examples).toHaveLength(12);
  });

  it.each(examples.map((example) => [example.source, example] as const))(
    "mock accepts, as written: %s",
    async (_source, example) => {
      const response = await replayCurl(example, mockUrl(), placeholders);
      expect(violationsOf(response)).toEqual([]);
      expect(response.status).toBe(200);
    },
  );

  it("the package sends the authentication page's create-payment request", async () => {
    const recorder = recordingFetch();
    const client = createVaiiPayClient({
      token: "YOUR_CLIENT_TOKEN",
      tokenKind: "client",
      baseUrl: mockUrl(),
      fetch: recorder.fetch,
    });
    const { data } = await unwrapData(
      client.POST("/api/payment/checkout", {
        body: {
          amount: 10000,
          currencyCode: "USD",
          reference: "ORDER-123",
          referenceLabel: "Order #123",
          clientId: "your_client_id",
        },
      }),
    );
    expect(paymentIdFromCheckoutUrl(data.checkoutUrl)).toBe(paymentId);
    const sent = recorder.requests[0];
    expect(sent?.headers.get("Authorization")).toBe("Bearer YOUR_CLIENT_TOKEN");
    expect(sent?.headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(recorder.bodies[0] ?? "")).toEqual({
      amount: 10000,
      currencyCode: "USD",
      reference: "ORDER-123",
      referenceLabel: "Order #123",
      clientId: "your_client_id",
    });
    // VaiiPay documents no idempotency header, so none is invented.
    expect(sent?.headers.has("Idempotency-Key")).toBe(false);
  });
});
