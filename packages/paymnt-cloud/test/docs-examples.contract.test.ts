import { readFileSync } from "node:fs";
import { parseCurlExamples, replayCurl, violationsOf } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import { createPaymntCloudClient } from "../src/index.js";
import { mockUrl, recordingFetch } from "./support.js";

const examples = parseCurlExamples(
  readFileSync(new URL("../../../specs/paymnt-cloud/docs-examples.sh", import.meta.url), "utf8"),
);

describe("Paymnt Cloud's documented requests", () => {
  it("are all parsed", () => {
    expect(examples.map((example) => `${example.method} ${new URL(example.url).pathname}`)).toEqual([
      "GET /customers",
      "POST /payments",
      "POST /payments",
      "POST /payments/%7Bpayment_id%7D/confirm",
      "POST /payments/%7Bpayment_id%7D/capture",
      "POST /refunds",
      "GET /customers",
    ]);
  });

  it.each(examples.map((example) => [example.source, example] as const))(
    "mock accepts, exactly as written: %s",
    async (_source, example) => {
      const response = await replayCurl(example, mockUrl());
      expect(violationsOf(response)).toEqual([]);
      expect(response.status).toBe(200);
    },
  );

  it("the package sends the same requests for the Quickstart flow", async () => {
    const recorder = recordingFetch();
    const client = createPaymntCloudClient({
      apiKey: "<YOUR_SECRET_KEY>",
      baseUrl: mockUrl(),
      profileId: "<pro_...>",
      fetch: recorder.fetch,
    });
    const created = await client.POST("/payments", {
      params: { header: { "Idempotency-Key": "3b8f2c34-0a7a-4a2f-9a62-5d0f2a33e6f1" } },
      body: { amount: 1000, currency: "USD", description: "Order #1001" },
    });
    const paymentId = created.data?.payment_id ?? "";
    await client.POST("/payments/{payment_id}/confirm", { params: { path: { payment_id: paymentId } } });
    await client.POST("/payments/{payment_id}/capture", {
      params: { path: { payment_id: paymentId } },
      body: { amount_to_capture: 1000 },
    });
    await client.POST("/refunds", {
      body: { payment_id: paymentId, amount: 1000, reason: "requested_by_customer" },
    });
    await client.GET("/customers");

    expect(recorder.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      "POST /payments",
      `POST /payments/${paymentId}/confirm`,
      `POST /payments/${paymentId}/capture`,
      "POST /refunds",
      "GET /customers",
    ]);
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toBe("3b8f2c34-0a7a-4a2f-9a62-5d0f2a33e6f1");
    for (const request of recorder.requests) {
      expect(request.headers.get("api-key")).toBe("<YOUR_SECRET_KEY>");
      expect(request.headers.get("x-profile-id")).toBe("<pro_...>");
    }
  });
});
