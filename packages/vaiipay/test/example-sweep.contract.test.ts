import { exampleSweepSuite } from "@payspec/mock/vitest";
import { validCalls } from "./calls.js";
import { mockClient } from "./support.js";

// Every documented (status, example) of the spec is requested through the valid call of its
// operation (test/calls.ts) with `Prefer`, so every example is served and validated by Prism.
await exampleSweepSuite("vaiipay", () => mockClient().client, validCalls);
