import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Relay } from "../src/index.js";
import { lenientClient, mockClient } from "./support.js";

const header = {
  "x-profile-id": "pro_abcdefghijklmnop1234",
  "X-Idempotency-Key": "9f1d2c3b-4a5e-4f60-8a7b-1c2d3e4f5a6b",
};
const body = {
  connector_id: "mca_5apGeP94tMts6rg3U3kR",
  connector_resource_id: "7256228702616471803954",
  type: "refund",
  data: { refund: { amount: 6540, currency: "USD" } },
} as const;

describe("relay against the Paymnt Cloud mock", () => {
  it("relays a refund with the profile and the relay's own idempotency key", async () => {
    const { client, recorder } = mockClient();
    const { data } = await client.POST("/relay", { params: { header }, body });
    expectTypeOf(data).toExtend<Relay | undefined>();
    expect(data?.status).toBe("success");
    const sent = recorder.requests[0]?.headers;
    expect(sent?.get("x-profile-id")).toBe("pro_abcdefghijklmnop1234");
    expect(sent?.get("x-idempotency-key")).toBe(header["X-Idempotency-Key"]);
    expect(sent?.get("idempotency-key")).toBeTruthy();
  });

  it("refuses a relay without the profile header", async () => {
    const refused = await lenientClient().POST("/relay", {
      // @ts-expect-error x-profile-id is required for relay
      params: { header: { "X-Idempotency-Key": "k" } },
      body,
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "header"], code: "required" }),
    );
  });

  it("refuses relay data that names no operation", async () => {
    const refused = await lenientClient().POST("/relay", {
      params: { header },
      // @ts-expect-error data must carry one of refund, capture, incremental_authorization, void, unreferenced_refund
      body: { ...body, data: { chargeback: { amount: 1 } } },
    });
    expect(refused.response.status).toBe(400);
  });

  it("retrieves a relay", async () => {
    const { client } = mockClient();
    const { data } = await client.GET("/relay/{relay_id}", {
      params: {
        path: { relay_id: "relay_mbabizu24mvu3mela5njyhpit4" },
        header: { "x-profile-id": "pro_abcdefghijklmnop1234" },
      },
    });
    expect(data?.id).toBe("relay_mbabizu24mvu3mela5njyhpit4");
  });
});
