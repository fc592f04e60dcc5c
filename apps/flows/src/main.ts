#!/usr/bin/env node
// The main job: one realistic flow per provider through its typed client, against local stateful
// mocks (default) or the providers' sandboxes (--live). Each flow runs its own webhook endpoint,
// where the mock delivers the events its steps emitted and the package's own handler verifies
// them. Prints a transcript and a summary; exits 0 only when every flow succeeded.
//
//   payspec-flows [--provider paymnt-cloud|paymentkit|vaiipay|paymend] [--live]
import { flows, type Outcome, type Provider, runFlow } from "./flows.js";

function parseArguments(argv: readonly string[]): { providers: Provider[]; live: boolean } {
  const live = argv.includes("--live");
  const index = argv.indexOf("--provider");
  if (index === -1) return { providers: Object.keys(flows) as Provider[], live };
  const name = argv[index + 1];
  if (name === undefined || !(name in flows)) {
    throw new Error(`--provider takes one of ${Object.keys(flows).join(", ")}; got ${name ?? "nothing"}.`);
  }
  return { providers: [name as Provider], live };
}

async function main(): Promise<number> {
  const { providers, live } = parseArguments(process.argv.slice(2));
  const outcomes: Outcome[] = [];
  for (const provider of providers) outcomes.push(await runFlow(provider, live));

  console.log("\nSummary");
  console.table(
    outcomes.map(({ provider, steps, error }) => ({
      provider: flows[provider].title,
      result: error === undefined ? "passed" : "FAILED",
      steps: steps.length,
      "retried safely":
        steps
          .filter((step) => step.attempts > 1)
          .map((step) => `${step.name} (${step.attempts} attempts)`)
          .join(", ") || "—",
      refused: steps.filter((step) => step.status.startsWith("refused")).length,
      webhooks: steps.filter((step) => step.name.startsWith("webhook ")).length,
    })),
  );
  const failed = outcomes.filter((outcome) => outcome.error !== undefined).length;
  console.log(`${outcomes.length - failed} flows passed, ${failed} failed.`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 2;
});
