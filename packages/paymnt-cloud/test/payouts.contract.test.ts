import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Payout, PayoutList } from "../src/index.js";
import { lenientClient, mockClient, uuidV4 } from "./support.js";

const payout_id = "payout_mbabizu24mvu3mela5njyhp";
const path = { payout_id };

describe("payouts against the Paymnt Cloud mock", () => {
  it("creates a payout with a keyed POST", async () => {
    const { client, recorder } = mockClient();
    const { data } = await client.POST("/payouts/create", {
      body: {
        amount: 2500,
        currency: "EUR",
        customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44",
        payout_type: "bank",
        confirm: true,
      },
    });
    expectTypeOf(data).toExtend<Payout | undefined>();
    expect(data?.status).toBe("success");
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toMatch(uuidV4);
  });

  it("refuses a payout without a currency, or with a fractional amount", async () => {
    const client = lenientClient();
    // @ts-expect-error currency is required
    const noCurrency = await client.POST("/payouts/create", { body: { amount: 2500 } });
    expect(noCurrency.response.status).toBe(400);
    const fractional = await client.POST("/payouts/create", { body: { amount: 25.5, currency: "EUR" } });
    expect(violationsOf(fractional.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "amount"], code: "type" }),
    );
  });

  it("walks a payout through update, confirm, fulfil and cancel", async () => {
    const { client, recorder } = mockClient();
    await client.POST("/payouts/{payout_id}", { params: { path }, body: { amount: 3000 } });
    await client.POST("/payouts/{payout_id}/confirm", {
      params: { path },
      body: { client_secret: `${payout_id}_secret_el9ksDkiB8hi6j9N78yo` },
    });
    await client.POST("/payouts/{payout_id}/fulfill", { params: { path }, body: { payout_id } });
    const cancelled = await client.POST("/payouts/{payout_id}/cancel", { params: { path }, body: { payout_id } });
    expect(cancelled.data?.status).toBe("cancelled");
    expect(recorder.requests.map((request) => new URL(request.url).pathname)).toEqual([
      `/payouts/${payout_id}`,
      `/payouts/${payout_id}/confirm`,
      `/payouts/${payout_id}/fulfill`,
      `/payouts/${payout_id}/cancel`,
    ]);
  });

  it("lists payouts by cursor in the query, and filters them in the body", async () => {
    const { client, recorder } = mockClient();
    const page = await client.GET("/payouts/list", { params: { query: { limit: 5, starting_after: payout_id } } });
    expectTypeOf(page.data).toExtend<PayoutList | undefined>();
    expect(page.data?.size).toBe(page.data?.data.length);
    expect(new URL(recorder.requests[0]?.url ?? "").search).toBe(`?limit=5&starting_after=${payout_id}`);
    const filtered = await client.POST("/payouts/list", {
      body: { currency: "EUR", entity_type: "Individual", status: ["success"], start_time: "2026-11-01T00:00:00Z" },
    });
    expect(filtered.data?.data[0]?.payout_id).toBe(payout_id);
    const filters = await client.POST("/payouts/filter", { body: { start_time: "2026-11-01T00:00:00Z" } });
    expect(filters.data?.payout_method).toContain("bank");
  });
});
