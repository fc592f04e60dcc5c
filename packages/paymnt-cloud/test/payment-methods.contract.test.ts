import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CustomerPaymentMethodList, SavedPaymentMethod } from "../src/index.js";
import { lenientClient, mockClient } from "./support.js";

const method_id = "pm_mbabizu24mvu3mela5njyhpit4";
const customer_id = "cus_y3oqhf46pyzuxjbcn2giaqnb44";

describe("payment methods against the Paymnt Cloud mock", () => {
  it("saves a card with the reference's body and answers it masked", async () => {
    const { client, recorder } = mockClient();
    const body = {
      payment_method: "card",
      payment_method_type: "credit",
      payment_method_issuer: "Visa",
      customer_id,
      card: {
        card_number: "4242424242424242",
        card_exp_month: "11",
        card_exp_year: "30",
        card_holder_name: "John Doe",
      },
    } as const;
    const { data } = await client.POST("/payment_methods", { body });
    expectTypeOf(data).toExtend<SavedPaymentMethod | undefined>();
    expect(data?.card?.last4_digits).toBe("4242");
    expect(JSON.stringify(data)).not.toContain("4242424242424242");
    expect(JSON.parse(recorder.bodies[0] ?? "")).toEqual(body);
  });

  it("refuses a saved card without its holder name", async () => {
    const refused = await lenientClient().POST("/payment_methods", {
      body: {
        payment_method: "card",
        // @ts-expect-error card_holder_name is required
        card: { card_number: "4242424242424242", card_exp_month: "11", card_exp_year: "30" },
      },
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "card"], code: "required" }),
    );
  });

  it("retrieves, updates and deletes a payment method", async () => {
    const { client } = mockClient();
    const path = { method_id };
    expect((await client.GET("/payment_methods/{method_id}", { params: { path } })).data?.payment_method_id).toBe(
      method_id,
    );
    const updated = await client.POST("/payment_methods/{method_id}/update", {
      params: { path },
      body: { card: { card_exp_month: "12", card_exp_year: "2031", card_holder_name: "John Doe", nick_name: "Work" } },
    });
    expect(updated.response.status).toBe(200);
    const deleted = await client.DELETE("/payment_methods/{method_id}", { params: { path } });
    expect(deleted.data).toEqual({ payment_method_id: method_id, deleted: true });
  });

  it("lists a customer's saved methods with filters in the query", async () => {
    const { client, recorder } = mockClient();
    const { data } = await client.GET("/customers/{customer_id}/payment_methods", {
      params: { path: { customer_id }, query: { amount: 1000, recurring_enabled: true } },
    });
    expectTypeOf(data).toExtend<CustomerPaymentMethodList | undefined>();
    expect(data?.customer_payment_methods[0]?.requires_cvv).toBe(true);
    expect(new URL(recorder.requests[0]?.url ?? "").search).toBe("?amount=1000&recurring_enabled=true");
  });

  it("lists the methods the merchant accepts", async () => {
    const { client } = mockClient();
    const { data } = await client.GET("/account/payment_methods", {
      params: { query: { accepted_currencies: ["USD"] } },
    });
    expect(data?.currency).toBe("USD");
    expect(data?.payment_methods[0]?.payment_method).toBe("card");
  });
});
