import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { PaymentLink, PaymentMetadataUpdated } from "../src/index.js";
import { lenientClient, mockClient, uuidV4 } from "./support.js";

const payment_id = "pay_mbabizu24mvu3mela5njyhpit4";
const path = { payment_id };

describe("payment actions beyond capture and cancel, against the Paymnt Cloud mock", () => {
  it("cancels a captured payment with a keyed POST and reads the cancellation back", async () => {
    const { client, recorder } = mockClient();
    const cancelled = await client.POST("/payments/{payment_id}/cancel_post_capture", {
      params: { path },
      body: { cancellation_reason: "requested_by_customer" },
    });
    expect(cancelled.response.status).toBe(200);
    expect(cancelled.data?.payment_id).toBe(payment_id);
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toMatch(uuidV4);
    const read = await client.GET("/payments/{payment_id}/cancel_post_capture", { params: { path } });
    expect(read.data?.payment_id).toBe(payment_id);
  });

  it("extends an authorisation without a body and answers the payment", async () => {
    const { client } = mockClient();
    const { data, response } = await client.POST("/payments/{payment_id}/extend_authorization", { params: { path } });
    expect(response.status).toBe(200);
    expect(data?.status).toBe("requires_capture");
  });

  it("increments an authorisation to a new total; the amount is required", async () => {
    const { client, recorder } = mockClient();
    const { response } = await client.POST("/payments/{payment_id}/incremental_authorization", {
      params: { path },
      body: { amount: 7500, reason: "extra night" },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(recorder.bodies[0] ?? "")).toEqual({ amount: 7500, reason: "extra night" });

    const refused = await lenientClient().POST("/payments/{payment_id}/incremental_authorization", {
      params: { path },
      // @ts-expect-error amount is required
      body: { reason: "no amount" },
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body"], code: "required" }),
    );
  });

  it("replaces a payment's metadata and answers id, status and metadata only", async () => {
    const { client } = mockClient();
    const { data } = await client.POST("/payments/{payment_id}/update_metadata", {
      params: { path },
      body: { metadata: { order_id: "1002", fulfilment: "shipped" } },
    });
    expectTypeOf(data).toExtend<PaymentMetadataUpdated | undefined>();
    expect(data).toEqual({ payment_id, status: "succeeded", metadata: { order_id: "1002", fulfilment: "shipped" } });
  });

  it("retrieves a payment link", async () => {
    const { client } = mockClient();
    const { data } = await client.GET("/payment_link/{payment_link_id}", {
      params: { path: { payment_link_id: "plink_mbabizu24mvu3mela5njy" } },
    });
    expectTypeOf(data).toExtend<PaymentLink | undefined>();
    expect(data?.status).toBe("active");
    expect(data?.link_to_pay).toMatch(/^https:\/\//);
  });
});
