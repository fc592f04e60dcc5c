import { exampleSweepSuite } from "@payspec/mock/vitest";
import { expect } from "vitest";
import { validCalls } from "./calls.js";
import { mockClient } from "./support.js";

// Every documented (status, example) of the spec is requested through the valid call of its
// operation (test/calls.ts) with `Prefer`, so every example is served and validated by Prism.
await exampleSweepSuite(
  "paymentkit",
  () => mockClient().client,
  validCalls,
  (response) => {
    const path = new URL(response.url).pathname;
    if (path.startsWith("/api/acc_")) expect(path).toMatch(/^\/api\/acc_prod_a1b2c3d4\//);
  },
);
