// test/global-setup.ts
import { provideMocks } from "@payspec/mock";
import type { ProvidedMocks } from "@payspec/mock/vitest";
import type { TestProject } from "vitest/node";

// The providers your tests call: each mock's URL is provided as `mock:<provider>`.
const providers = ["paymnt-cloud", "paymentkit", "vaiipay", "paymend"] as const;

export default (project: TestProject) => provideMocks(project, providers);

// What makes inject("mock:paymnt-cloud") type-check (as a string): without it, vitest knows no such key.
declare module "vitest" {
  export interface ProvidedContext extends ProvidedMocks<(typeof providers)[number]> {}
}
