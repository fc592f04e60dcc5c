import { readFileSync } from "node:fs";
import { parseCurlExamples, replayCurl, violationsOf } from "@payspec/mock";
import { describe, expect, it } from "vitest";
import { createPaymentKitClient } from "../src/index.js";
import { mockUrl, recordingFetch } from "./support.js";

const examples = parseCurlExamples(
  readFileSync(new URL("../../../specs/paymentkit/docs-examples.sh", import.meta.url), "utf8"),
);
// The docs write these as placeholders for the reader to fill in.
const placeholders = { account_id: "acc_prod_a1b2c3d4", subscription_id: "sub_prod_m3n4o5p6" };

describe("PaymentKit's documented requests", () => {
  it("are all parsed", () => {
    expect(examples).toHaveLength(18);
    expect(new Set(examples.map((example) => example.method))).toEqual(new Set(["GET", "POST", "PATCH", "DELETE"]));
  });

  it.each(examples.map((example) => [example.source, example] as const))(
    "mock accepts, as written: %s",
    async (_source, example) => {
      const response = await replayCurl(example, mockUrl(), placeholders);
      expect(violationsOf(response)).toEqual([]);
      expect(response.status).toBe(200);
    },
  );

  it("the package sends the introduction's requests through the account-less paths", async () => {
    const recorder = recordingFetch();
    const client = createPaymentKitClient({
      token: "st_prod_your_secret_token",
      baseUrl: mockUrl(),
      fetch: recorder.fetch,
    });
    await client.GET("/api/customers");
    await client.POST("/api/customers", { body: { email: "customer@example.com", name: "Jane Smith" } });
    await client.GET("/api/customers", { params: { query: { limit: 20, offset: 0 } } });
    await client.GET("/api/customers/{customer_id}", {
      params: { path: { customer_id: "cus_prod_abc123" }, query: { expand: "custom_fields" } },
    });
    expect(recorder.requests.map((request) => `${request.method} ${request.url.replace(mockUrl(), "")}`)).toEqual([
      "GET /api/customers",
      "POST /api/customers",
      "GET /api/customers?limit=20&offset=0",
      "GET /api/customers/cus_prod_abc123?expand=custom_fields",
    ]);
    for (const request of recorder.requests) {
      expect(request.headers.get("Authorization")).toBe("Bearer st_prod_your_secret_token");
    }
    expect(JSON.parse(recorder.bodies[1] ?? "")).toEqual({ email: "customer@example.com", name: "Jane Smith" });
  });
});
