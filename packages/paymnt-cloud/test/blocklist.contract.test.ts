import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { BlocklistBatchJob, BlocklistEntry } from "../src/index.js";
import { blocklistCsvForm } from "./calls.js";
import { lenientClient, mockClient } from "./support.js";

describe("the blocklist against the Paymnt Cloud mock", () => {
  it("blocks and lists a card BIN", async () => {
    const { client } = mockClient();
    const blocked = await client.POST("/blocklist", { body: { type: "card_bin", data: "424242" } });
    expectTypeOf(blocked.data).toExtend<BlocklistEntry | undefined>();
    expect(blocked.data?.data_kind).toBe("card_bin");
    const listed = await client.GET("/blocklist", { params: { query: { data_kind: "card_bin" } } });
    expect(listed.data?.fingerprint_id).toBe("424242");
  });

  it("refuses an entry of an unknown kind", async () => {
    const refused = await lenientClient().POST("/blocklist", {
      // @ts-expect-error type is card_bin, fingerprint or extended_card_bin
      body: { type: "iban", data: "DE89370400440532013000" },
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response).length).toBeGreaterThan(0);
  });

  it("unblocks a card BIN with a JSON body on DELETE", async () => {
    const { client, recorder } = mockClient();
    const unblocked = await client.DELETE("/blocklist", { body: { type: "card_bin", data: "424242" } });
    expectTypeOf(unblocked.data).toExtend<BlocklistEntry | undefined>();
    expect(unblocked.response.status).toBe(200);
    expect(unblocked.data?.fingerprint_id).toBe("424242");
    expect(recorder.requests[0]?.method).toBe("DELETE");
    expect(JSON.parse(recorder.bodies[0] ?? "null")).toEqual({ type: "card_bin", data: "424242" });
  });

  it("refuses an unblock without the entry's data", async () => {
    const refused = await lenientClient().DELETE("/blocklist", {
      // @ts-expect-error data is required
      body: { type: "fingerprint" },
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response).length).toBeGreaterThan(0);
  });

  it("turns the guard on with a query flag", async () => {
    const { client, recorder } = mockClient();
    const { data } = await client.POST("/blocklist/toggle", { params: { query: { status: true } } });
    expect(data?.blocklist_guard_status).toBe("enabled");
    expect(new URL(recorder.requests[0]?.url ?? "").search).toBe("?status=true");
  });

  it("uploads a CSV as a multipart form, answered 202, and follows the job", async () => {
    const { client, recorder } = mockClient();
    const started = await client.POST("/blocklist/batch", {
      body: { file: "block.csv" },
      bodySerializer: () => blocklistCsvForm(),
    });
    expect(started.response.status).toBe(202);
    expect(started.data?.status).toBe("initiated");
    expect(recorder.requests[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const job = await client.GET("/blocklist/batch/{job_id}", {
      params: { path: { job_id: started.data?.job_id ?? "" } },
    });
    expectTypeOf(job.data).toExtend<BlocklistBatchJob | undefined>();
    expect(job.data?.succeeded_rows).toBe(2);
    const page = await client.GET("/blocklist/batch", { params: { query: { limit: 10, offset: 0 } } });
    expect(page.data?.count).toBe(page.data?.data.length);
  });
});
