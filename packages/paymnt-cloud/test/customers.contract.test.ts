import { describe, expect, expectTypeOf, it } from "vitest";
import type { Customer } from "../src/index.js";
import { mockClient } from "./support.js";

const customerId = "cus_y3oqhf46pyzuxjbcn2giaqnb44";

describe("customers against the Paymnt Cloud mock", () => {
  it("creates a customer", async () => {
    const { client } = mockClient();
    const { data, response } = await client.POST("/customers", {
      body: { name: "John Doe", email: "john.doe@example.com", phone: "9123456789", phone_country_code: "+1" },
    });
    expect(response.status).toBe(200);
    expect(data?.customer_id).toMatch(/^cus_/);
    expect(data?.created_at).toBeTypeOf("string");
  });

  it("retrieves, updates and deletes a customer", async () => {
    const { client } = mockClient();
    const path = { customer_id: customerId };
    const retrieved = await client.GET("/customers/{customer_id}", { params: { path } });
    expect(retrieved.data?.customer_id).toBe(customerId);

    const updated = await client.POST("/customers/{customer_id}", {
      params: { path },
      body: { email: "j.doe@example.com" },
    });
    expect(updated.response.status).toBe(200);

    const deleted = await client.DELETE("/customers/{customer_id}", { params: { path } });
    expect(deleted.response.status).toBe(200);
    expect(deleted.data).toEqual({
      customer_id: customerId,
      customer_deleted: true,
      address_deleted: true,
      payment_methods_deleted: true,
    });
  });

  it("lists customers on the canonical path as a bare array", async () => {
    const { client, recorder } = mockClient();
    const { data, response } = await client.GET("/customers/list", { params: { query: { limit: 5, offset: 0 } } });
    expect(response.status).toBe(200);
    expectTypeOf(data).toExtend<Customer[] | undefined>();
    expectTypeOf<Customer[] | undefined>().toExtend<typeof data>();
    expect(Array.isArray(data)).toBe(true);
    expect(new URL(recorder.requests[0]?.url ?? "").search).toBe("?limit=5&offset=0");
  });

  it("also serves the documented GET /customers path", async () => {
    const { client } = mockClient({ profileId: "pro_abcdefghijklmnop1234" });
    const { data, response } = await client.GET("/customers");
    expect(response.status).toBe(200);
    expect(data?.[0]?.customer_id).toBe(customerId);
  });
});
