import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Authentication, AuthenticationResult } from "../src/index.js";
import { lenientClient, mockClient } from "./support.js";

const authentication_id = "authn_mbabizu24mvu3mela5njyhpit4";
const client_secret = `${authentication_id}_secret_el9ksDkiB8hi6j9N78yo`;
const path = { authentication_id };

describe("standalone 3DS authentication against the Paymnt Cloud mock", () => {
  it("creates, checks, authenticates and syncs an authentication", async () => {
    const { client, recorder } = mockClient();
    const created = await client.POST("/authentication", {
      body: { amount: 1000, currency: "USD", return_url: "https://shop.example.com/3ds/return" },
    });
    expectTypeOf(created.data).toExtend<Authentication | undefined>();
    expect(created.data?.status).toBe("started");

    const eligible = await client.POST("/authentication/{authentication_id}/eligibility", {
      params: { path },
      body: { payment_method: "card", payment_method_data: { card: { card_number: "4242424242424242" } } },
    });
    expect(eligible.data?.next_action.http_method).toBe("POST");

    const result = await client.POST("/authentication/{authentication_id}/authenticate", {
      params: { path },
      body: { client_secret, device_channel: "BRW", threeds_method_comp_ind: "Y" },
    });
    expectTypeOf(result.data).toExtend<AuthenticationResult | undefined>();
    expect(result.data?.trans_status).toBe("C");

    const synced = await client.POST("/authentication/{authentication_id}/sync", {
      params: { path },
      body: { client_secret },
    });
    expect(synced.data?.status).toBe("success");
    expect(recorder.requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/authentication",
      `/authentication/${authentication_id}/eligibility`,
      `/authentication/${authentication_id}/authenticate`,
      `/authentication/${authentication_id}/sync`,
    ]);
  });

  it("refuses an unknown device channel", async () => {
    const refused = await lenientClient().POST("/authentication/{authentication_id}/authenticate", {
      params: { path },
      // @ts-expect-error device_channel is APP or BRW
      body: { client_secret, device_channel: "browser", threeds_method_comp_ind: "Y" },
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "device_channel"], code: "enum" }),
    );
  });

  it("reads the eligibility-check data with a GET and no body", async () => {
    const { client, recorder } = mockClient();
    const { data } = await client.GET("/authentication/{authentication_id}/eligibility-check", { params: { path } });
    expect(data?.eligibility_check_data).toBeTypeOf("object");
    expect(recorder.requests[0]?.method).toBe("GET");
  });
});
