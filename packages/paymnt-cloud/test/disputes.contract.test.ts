import { violationsOf } from "@payspec/mock";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Dispute, DisputeEvidence, DisputeEvidenceDeleteParams } from "../src/index.js";
import { evidenceForm } from "./calls.js";
import { lenientClient, mockClient } from "./support.js";

const dispute_id = "dp_mbabizu24mvu3mela5njyhpit4";

describe("disputes against the Paymnt Cloud mock", () => {
  it("retrieves a dispute; its amount is a string of minor units", async () => {
    const { client } = mockClient();
    const { data } = await client.GET("/disputes/{dispute_id}", {
      params: { path: { dispute_id }, query: { force_sync: true } },
    });
    expectTypeOf(data).toExtend<Dispute | undefined>();
    expect(data?.amount).toBe("1000");
    expect(data?.dispute_status).toBe("dispute_won");
  });

  it("lists disputes with dotted time-range query names", async () => {
    const { client, recorder } = mockClient();
    const { data } = await client.GET("/disputes/list", {
      params: { query: { dispute_status: "dispute_opened", "received_time.gte": "2026-11-01T00:00:00Z" } },
    });
    expect(Array.isArray(data)).toBe(true);
    expect(new URL(recorder.requests[0]?.url ?? "").searchParams.get("received_time.gte")).toBe("2026-11-01T00:00:00Z");
  });

  it("refuses an unknown dispute status filter", async () => {
    const refused = await lenientClient().GET("/disputes/list", {
      // @ts-expect-error not a DisputeStatus
      params: { query: { dispute_status: "open" } },
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "query", "dispute_status"] }),
    );
  });

  it("attaches a file as a multipart form, lists it, submits the evidence", async () => {
    const { client, recorder } = mockClient();
    const attached = await client.PUT("/disputes/evidence", {
      body: { file: "receipt.pdf", dispute_id, evidence_type: "receipt" },
      bodySerializer: (body) => evidenceForm(body),
    });
    expect(attached.data?.file_id).toMatch(/^file_/);
    expect(recorder.requests[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);

    const evidence = await client.GET("/disputes/evidence/{dispute_id}", { params: { path: { dispute_id } } });
    expectTypeOf(evidence.data).toExtend<DisputeEvidence[] | undefined>();
    expect(evidence.data?.[0]?.evidence_type).toBe("receipt");

    const submitted = await client.POST("/disputes/evidence", {
      body: { dispute_id, receipt: attached.data?.file_id ?? null },
    });
    expect(submitted.data?.dispute_status).toBe("dispute_challenged");
  });

  it("refuses an evidence form without its evidence type", async () => {
    const refused = await lenientClient().PUT("/disputes/evidence", {
      // @ts-expect-error evidence_type is required
      body: { file: "receipt.pdf", dispute_id },
      bodySerializer: () => {
        const form = new FormData();
        form.set("file", new Blob(["%PDF-1.4"], { type: "application/pdf" }), "receipt.pdf");
        form.set("dispute_id", dispute_id);
        return form;
      },
    });
    expect(refused.response.status).toBe(400);
  });

  it("removes an evidence file, answered 200 with an empty body", async () => {
    const { client, recorder } = mockClient();
    const body: DisputeEvidenceDeleteParams = { dispute_id, evidence_type: "receipt" };
    const removed = await client.DELETE("/disputes/evidence", { body });
    expect(removed.response.status).toBe(200);
    expect(removed.data).toBeUndefined();
    expect(removed.error).toBeUndefined();
    expect(recorder.requests[0]?.method).toBe("DELETE");
    expect(JSON.parse(recorder.bodies[0] ?? "null")).toEqual({ dispute_id, evidence_type: "receipt" });
  });

  it("refuses to remove evidence of an unknown kind", async () => {
    const refused = await lenientClient().DELETE("/disputes/evidence", {
      // @ts-expect-error not an EvidenceType
      body: { dispute_id, evidence_type: "photo" },
    });
    expect(refused.response.status).toBe(400);
    expect(violationsOf(refused.response)).toContainEqual(
      expect.objectContaining({ location: ["request", "body", "evidence_type"] }),
    );
  });

  it("accepts a dispute and counts disputes by status", async () => {
    const { client } = mockClient();
    const accepted = await client.POST("/disputes/accept/{dispute_id}", { params: { path: { dispute_id } } });
    expect(accepted.data?.dispute_status).toBe("dispute_accepted");
    const counts = await client.GET("/disputes/aggregate", {
      params: { query: { start_time: "2026-11-01T00:00:00Z" } },
    });
    expect(counts.data?.status_with_count.dispute_won).toBe(5);
    const filters = await client.GET("/disputes/filter");
    expect(filters.data?.dispute_stage).toContain("dispute");
  });
});
