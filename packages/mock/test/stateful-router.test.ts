import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveSpec } from "../src/specs.js";
import { durationMs } from "../src/stateful/expressions.js";
import { createRouter, readQuery } from "../src/stateful/router.js";

const routerOf = (provider: string) => createRouter(parse(readFileSync(resolveSpec(provider), "utf8")));

describe("the stateful layer's router", () => {
  it("prefers a literal segment over a placeholder, as Prism does", () => {
    const route = routerOf("paymnt-cloud");
    expect(route("GET", "/payments/list")?.operation.operationId).toBe("listPayments");
    expect(route("GET", "/payments/pay_123")).toMatchObject({
      operation: { operationId: "retrievePayment", schemaPath: "/payments/{payment_id}" },
      path: { payment_id: "pay_123" },
    });
    expect(route("POST", "/payments/pay_123/capture")?.operation.operationId).toBe("capturePayment");
    expect(route("POST", "/payments")?.operation.operationId).toBe("createPayment");
  });

  it("matches nothing for an unknown path, a wrong method or an empty segment", () => {
    const route = routerOf("paymnt-cloud");
    expect(route("GET", "/nowhere")).toBeUndefined();
    expect(route("PATCH", "/payments")).toBeUndefined();
    expect(route("GET", "/payments/")).toBeUndefined();
  });

  it("decodes path parameters and reads account-scoped paths", () => {
    const route = routerOf("paymentkit");
    const matched = route("GET", "/api/acc_prod_1/subscriptions/sub%20x");
    expect(matched?.operation.operationId).toBe("retrieveSubscription");
    expect(matched?.path).toEqual({ account_id: "acc_prod_1", subscription_id: "sub x" });
  });

  it("types query values as the operation declares them", () => {
    const route = routerOf("paymnt-cloud");
    const operation = route("GET", "/payments/list")?.operation;
    if (operation === undefined) throw new Error("no listPayments");
    const query = readQuery(new URLSearchParams("limit=5&customer_id=cus_1&unknown=x"), operation.parameters);
    expect(query).toEqual({ limit: 5, customer_id: "cus_1", unknown: "x" });
  });
});

describe("ISO 8601 durations of the retry schedules", () => {
  it("reads every unit the specs use", () => {
    expect(durationMs("PT1M")).toBe(60_000);
    expect(durationMs("PT6H")).toBe(21_600_000);
    expect(durationMs("PT0.5S")).toBe(500);
    expect(durationMs("P1D")).toBe(86_400_000);
    expect(durationMs("P1W")).toBe(604_800_000);
    expect(durationMs("P1DT1H")).toBe(90_000_000);
  });

  it("refuses what is not a duration", () => {
    for (const text of ["1M", "P", "PT", "PT1X", ""]) expect(() => durationMs(text)).toThrow(/ISO 8601/);
  });
});
