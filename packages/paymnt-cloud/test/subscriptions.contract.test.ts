import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Subscription } from "../src/index.js";
import { lenientClient, mockClient } from "./support.js";

const header = { "x-profile-id": "pro_abcdefghijklmnop1234" };
const subscription_id = "sub_mbabizu24mvu3mela5njyhpit4";
const params = { path: { subscription_id }, header };

describe("subscriptions against the Paymnt Cloud mock", () => {
  it("creates a subscription for a profile, then confirms it with a payment method", async () => {
    const { client, recorder } = mockClient();
    const created = await client.POST("/subscriptions/create", {
      params: { header },
      body: {
        customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
        item_price_id: "standard-plan-USD-Monthly",
        payment_details: {
          return_url: "https://shop.example.com/subscriptions/return",
          setup_future_usage: "off_session",
        },
      },
    });
    expectTypeOf(created.data).toExtend<Subscription | undefined>();
    expect(recorder.requests[0]?.headers.get("x-profile-id")).toBe(header["x-profile-id"]);
    const confirmed = await client.POST("/subscriptions/{subscription_id}/confirm", {
      params,
      body: { payment_details: { payment_method: "card", payment_token: "token_mbabizu24mvu3mela5njy" } },
    });
    expect(confirmed.data?.status).toBe("active");
  });

  it("refuses a subscription without its payment details, or without the profile", async () => {
    const client = lenientClient();
    const noDetails = await client.POST("/subscriptions/create", {
      params: { header },
      // @ts-expect-error payment_details is required
      body: { customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44", item_price_id: "standard-plan-USD-Monthly" },
    });
    expect(noDetails.response.status).toBe(400);
    expect(violationsOf(noDetails.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body"], code: "required" }),
    );
    // @ts-expect-error x-profile-id is required for subscriptions
    const noProfile = await client.GET("/subscriptions/{subscription_id}", { params: { path: { subscription_id } } });
    expect(noProfile.response.status).toBe(400);
  });

  it("pauses, resumes and cancels with the reference's options", async () => {
    const { client } = mockClient();
    const paused = await client.POST("/subscriptions/{subscription_id}/pause", {
      params,
      body: { pause_option: "immediately" },
    });
    expect(paused.data?.status).toBe("paused");
    const resumed = await client.POST("/subscriptions/{subscription_id}/resume", {
      params,
      body: { resume_option: "immediately", unpaid_invoices_handling: "schedule_payment_collection" },
    });
    expect(resumed.data?.next_billing_at).toBeTypeOf("string");
    const cancelled = await client.POST("/subscriptions/{subscription_id}/cancel", {
      params,
      body: { cancel_option: "immediately", credit_option_for_current_term_charges: "prorate" },
    });
    expect(cancelled.data?.status).toBe("cancelled");
  });

  it("lists plans and estimates a price", async () => {
    const { client, recorder } = mockClient();
    const items = await client.GET("/subscriptions/items", {
      params: { header, query: { item_type: "plan", limit: 5 } },
    });
    expect(items.data?.[0]?.price_id[0]?.amount).toBe(1500);
    expect(new URL(recorder.requests[0]?.url ?? "").search).toBe("?item_type=plan&limit=5");
    const estimate = await client.GET("/subscriptions/estimate", {
      params: { header, query: { plan_id: "standard-plan" } },
    });
    expect(estimate.data?.currency).toBe("USD");
  });
});
