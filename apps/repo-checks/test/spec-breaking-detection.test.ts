// `pnpm check:spec-breaking` against a repository whose Paymnt Cloud spec was released as 0.1.0:
// which working-tree edits count as breaking, and how each one is reported.
import { afterAll, describe, expect, it } from "vitest";
import { createRepo, type RunResult, removeTestRepos, type Spec } from "./git-repo.js";

const release = "@payspec/paymnt-cloud@0.1.0";
const schemas = (spec: Spec) => spec.components.schemas;

/** Runs the check after `edit` on a freshly released repository. */
function checkAfter(edit: (spec: Spec) => void) {
  const repo = createRepo({ release: "0.1.0" });
  repo.editSpec(edit);
  return repo.run("spec-breaking.mjs");
}

function expectBreaking(result: RunResult, ...lines: string[]) {
  expect(result.status, result.output).toBe(1);
  expect(result.stderr).toContain(`@payspec/paymnt-cloud: `);
  expect(result.stderr).toContain(`breaking spec change(s) since release ${release} and no major changeset`);
  expect(result.stderr).toContain("`pnpm changeset`");
  for (const line of lines) expect(result.stderr).toContain(line);
}

afterAll(removeTestRepos);

describe.concurrent("compatible spec changes pass", () => {
  it("passes an unchanged spec", async () => {
    const result = await createRepo({ release: "0.1.0" }).run("spec-breaking.mjs");
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain(`@payspec/paymnt-cloud: no breaking spec changes since release ${release}\n`);
  });

  it("passes additions: an optional field, an optional parameter, a new operation, a wider request enum", async () => {
    const result = await checkAfter((spec) => {
      schemas(spec).RefundRequest.properties.note = { type: "string", maxLength: 255 };
      spec.paths["/payments/list"].get.parameters.push({ name: "status", in: "query", schema: { type: "string" } });
      spec.paths["/payments/{payment_id}/notes"] = {
        get: { operationId: "listPaymentNotes", responses: { "200": { description: "The notes." } } },
      };
      schemas(spec).RefundType.enum.push("delayed");
    });
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(
      /@payspec\/paymnt-cloud: no breaking spec changes since release \S+ \(\d+ non-breaking\)/,
    );
  });

  it("passes payspec's own extensions added to an operation and to inline parameters", async () => {
    const result = await checkAfter((spec) => {
      const list = spec.paths["/payments/list"].get;
      list["x-payspec-inferred"] = "An annotation for readers of the spec, never sent on the wire.";
      for (const parameter of list.parameters) {
        if (parameter.$ref === undefined) parameter["x-payspec-source"] = "https://docs.example.com/list";
      }
    });
    expect(result.status, result.output).toBe(0);
  });

  it("passes a request schema opened to fields it did not list", async () => {
    const result = await checkAfter((spec) => {
      expect(schemas(spec).RefundUpdateRequest.additionalProperties).toBe(false);
      delete schemas(spec).RefundUpdateRequest.additionalProperties;
    });
    expect(result.status, result.output).toBe(0);
  });

  it("passes a response field that is no longer nullable (`type: [string, null]` to `string`)", async () => {
    const result = await checkAfter((spec) => {
      schemas(spec).PaymentsResponse.properties.description = { type: "string" };
    });
    expect(result.status, result.output).toBe(0);
  });
});

describe.concurrent("breaking spec changes fail without a major changeset", () => {
  it("names a removed path's operations and a removed method", async () => {
    const result = await checkAfter((spec) => {
      delete spec.paths["/payments/{payment_id}/cancel"];
      delete spec.paths["/customers/{customer_id}"].delete;
    });
    expectBreaking(
      result,
      "POST /payments/{payment_id}/cancel (cancelPayment): operation removed",
      "#/paths/~1payments~1{payment_id}~1cancel]",
      "DELETE /customers/{customer_id} (deleteCustomer): ",
      "Operation `DELETE /customers/{customer_id}` was removed.",
      "#/paths/~1customers~1{customer_id}/delete]",
    );
    expect(result.stderr).toContain("2 breaking spec change(s)");
  });

  it("fails a changed operationId", async () => {
    const result = await checkAfter((spec) => {
      spec.paths["/payments"].post.operationId = "makePayment";
    });
    expectBreaking(result, "POST /payments (makePayment)", "changed from 'createPayment' to 'makePayment'");
  });

  it("fails a removed response field, naming the operations that return it", async () => {
    const result = await checkAfter((spec) => {
      delete schemas(spec).PaymentsResponse.properties.client_secret;
    });
    expectBreaking(
      result,
      "POST /payments (createPayment)",
      "Property `client_secret` of `PaymentsResponse` was removed.",
      "#/components/schemas/PaymentsResponse/properties/client_secret]",
    );
  });

  it("fails a newly required body property, also inside allOf", async () => {
    const result = await checkAfter((spec) => {
      schemas(spec).RefundRequest.required.push("reason");
      schemas(spec).PaymentsCreateRequest.allOf[1].required.push("description");
    });
    expectBreaking(
      result,
      "POST /refunds (createRefund): Properties of `RefundRequest` became required: `reason`.",
      "#/components/schemas/RefundRequest/required]",
      "POST /payments (createPayment): Properties became required: `description`.",
      "#/components/schemas/PaymentsCreateRequest/allOf/1/required]",
    );
  });

  it("fails a new required parameter and an optional parameter that became required", async () => {
    const result = await checkAfter((spec) => {
      spec.paths["/payments/list"].get.parameters.push({
        name: "status",
        in: "query",
        required: true,
        schema: { type: "string" },
      });
      spec.components.parameters.ProfileId.required = true;
    });
    expectBreaking(
      result,
      "GET /payments/list (listPayments): Required `status` query parameter was added.",
      "`x-profile-id` header parameter became required",
      "#/components/parameters/ProfileId/required]",
    );
  });

  it("fails a narrowed request enum", async () => {
    const result = await checkAfter((spec) => {
      schemas(spec).RefundType.enum = ["instant"];
    });
    expectBreaking(
      result,
      "POST /refunds (createRefund)",
      "Enum of `RefundType` lost values: 'scheduled'.",
      "#/components/schemas/RefundType/enum]",
    );
  });

  it("fails a changed field type in a request and in a response", async () => {
    const result = await checkAfter((spec) => {
      schemas(spec).RefundRequest.properties.reason = { type: "integer" };
      schemas(spec).CustomerResponse.properties.created_at = { type: "integer" };
    });
    expectBreaking(
      result,
      "POST /refunds (createRefund): Type of `reason` narrowed from 'string | null' to 'integer'.",
      "#/components/schemas/RefundRequest/properties/reason/type]",
      "POST /customers (createCustomer)",
      "Type of `created_at`",
      "#/components/schemas/CustomerResponse/properties/created_at/type]",
    );
  });

  it("fails a request field that is no longer nullable (`type: [string, null]` to `string`)", async () => {
    const result = await checkAfter((spec) => {
      schemas(spec).CustomerDetails.properties.name = { type: "string", maxLength: 255 };
    });
    expectBreaking(result, "Type of `name` narrowed from 'string | null' to 'string'.");
  });

  it("fails a removed documented response status", async () => {
    const result = await checkAfter((spec) => {
      delete spec.paths["/refunds/{refund_id}"].get.responses["404"];
    });
    expectBreaking(result, "GET /refunds/{refund_id} (retrieveRefund): Response `404` was removed.");
  });
});
