#!/usr/bin/env node
// The main job: starts the Paymnt Cloud mock on 127.0.0.1, runs the Quickstart flow through the
// typed client, prints each step, and exits 0 only when every step succeeded.
import { startMock } from "@payspec/mock";
import { createPaymntCloudClient } from "@payspec/paymnt-cloud";
import { runPaymntCloudFlow } from "./paymnt-cloud.js";
import { formatStep } from "./step.js";

async function main(): Promise<number> {
  const mock = await startMock({ spec: "paymnt-cloud" });
  try {
    console.log(`Paymnt Cloud — mock at ${mock.url} (spec ${mock.spec})`);
    const client = createPaymntCloudClient({ apiKey: "sk_sandbox_payspec_demo", baseUrl: mock.url });
    const steps = await runPaymntCloudFlow(client, { mock: true, onStep: (step) => console.log(formatStep(step)) });
    console.log(`\n${steps.length} steps passed, 0 failed: create → confirm → capture → refund.`);
    return 0;
  } catch (error) {
    console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await mock.close();
  }
}

process.exitCode = await main();
