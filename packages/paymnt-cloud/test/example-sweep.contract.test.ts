import { describeOperations, resolveSpec } from "@payspec/mock";
import { exampleSweepSuite } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { validCalls } from "./calls.js";
import { mockClient } from "./support.js";

await exampleSweepSuite(
  "paymnt-cloud",
  () => mockClient().client,
  validCalls,
  (response) => expect(response.headers.get("x-request-id")).toBeTruthy(),
);

describe("the Paymnt Cloud spec", () => {
  it("has every operation the client promises", async () => {
    const operations = await describeOperations(resolveSpec("paymnt-cloud"));
    expect(operations.map((operation) => operation.operationId)).toEqual(
      expect.arrayContaining([
        ...["create", "retrieve", "update", "confirm", "capture", "cancel"].map((verb) => `${verb}Payment`),
        "listPayments",
        ...["create", "retrieve", "update"].map((verb) => `${verb}Refund`),
        "listRefunds",
        ...["create", "retrieve", "update", "delete"].map((verb) => `${verb}Customer`),
        "listCustomers",
      ]),
    );
  });
});
