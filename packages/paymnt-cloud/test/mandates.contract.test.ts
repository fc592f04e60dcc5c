import { describe, expect, expectTypeOf, it } from "vitest";
import type { Mandate, MandateRevoked } from "../src/index.js";
import { mockClient, uuidV4 } from "./support.js";

const mandate_id = "man_mbabizu24mvu3mela5njyhpit4";

describe("mandates against the Paymnt Cloud mock", () => {
  it("retrieves a mandate with its card and the customer's acceptance", async () => {
    const { client } = mockClient();
    const { data, response } = await client.GET("/mandates/{mandate_id}", { params: { path: { mandate_id } } });
    expect(response.status).toBe(200);
    expectTypeOf(data).toExtend<Mandate | undefined>();
    expect(data?.status).toBe("active");
    expect(data?.card?.last4_digits).toBe("4242");
    expect(data?.customer_acceptance?.acceptance_type).toBe("online");
  });

  it("lists a customer's mandates as a bare array", async () => {
    const { client } = mockClient();
    const { data } = await client.GET("/customers/{customer_id}/mandates", {
      params: { path: { customer_id: "cus_y3oqhf46pyzuxjbcn2giaqnb44" } },
    });
    expect(Array.isArray(data)).toBe(true);
    expect(data?.[0]?.mandate_id).toBe(mandate_id);
  });

  it("revokes a mandate with a keyed POST and an empty JSON body", async () => {
    const { client, recorder } = mockClient();
    const { data } = await client.POST("/mandates/revoke/{mandate_id}", { params: { path: { mandate_id } } });
    expectTypeOf(data).toExtend<MandateRevoked | undefined>();
    expect(data?.status).toBe("revoked");
    expect(recorder.bodies[0]).toBe("{}");
    expect(recorder.requests[0]?.headers.get("Idempotency-Key")).toMatch(uuidV4);
  });
});
