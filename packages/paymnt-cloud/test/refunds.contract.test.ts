import { describe, expect, it } from "vitest";
import { mockClient, uuidV4 } from "./support.js";

const refundId = "ref_mbabizu24mvu3mela5njyhpit4";

describe("refunds against the Paymnt Cloud mock", () => {
  it("creates a refund with the Quickstart body", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.POST("/refunds", {
      body: { payment_id: "pay_123", amount: 1000, reason: "requested_by_customer" },
    });
    expect(response.status).toBe(200);
    expect(data?.refund_id).toMatch(/^ref_/);
    expect(data?.status).toBe("succeeded");
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toMatch(uuidV4);
  });

  it("retrieves a refund", async () => {
    const { client } = mockClient();
    const { data, response } = await client.GET("/refunds/{refund_id}", {
      params: { path: { refund_id: refundId } },
    });
    expect(response.status).toBe(200);
    expect(data?.refund_id).toBe(refundId);
  });

  it("updates a refund's reason and metadata", async () => {
    const { client, recorder } = mockClient();
    const { response } = await client.POST("/refunds/{refund_id}", {
      params: { path: { refund_id: refundId } },
      body: { reason: "duplicate", metadata: { ticket: "SUP-4411" } },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(recorder.bodies[0] ?? "")).toEqual({ reason: "duplicate", metadata: { ticket: "SUP-4411" } });
  });

  it("lists refunds with offset pagination in the body", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.POST("/refunds/list", {
      body: { payment_id: "pay_mbabizu24mvu3mela5njyhpit4", limit: 10, offset: 0 },
    });
    expect(response.status).toBe(200);
    expect(data?.count).toBe(data?.data.length);
    expect(data?.total_count).toBeGreaterThanOrEqual(data?.count ?? 0);
    expect(recorder.requests[0]?.method).toBe("POST");
  });
});
