import { exampleSweepSuite } from "@payspec/mock/vitest";
import { expect } from "vitest";
import { validCalls } from "./calls.js";
import { mockClient } from "./support.js";

// Every documented (status, example) of the spec is requested through the valid call of its
// operation (test/calls.ts) with `Prefer`, so every example is served and validated by Prism.
// The account-scoped path is checked on the request sent: an error answer reaches the sweep as a
// response made from the thrown ApiError (settle), which has no URL.
let recorder: ReturnType<typeof mockClient>["recorder"] | undefined;
await exampleSweepSuite(
  "paymentkit",
  () => {
    const mock = mockClient();
    recorder = mock.recorder;
    return mock.client;
  },
  validCalls,
  () => {
    const path = new URL(recorder?.requests.at(-1)?.url ?? "").pathname;
    if (path.startsWith("/api/acc_")) expect(path).toMatch(/^\/api\/acc_prod_a1b2c3d4\//);
  },
);
