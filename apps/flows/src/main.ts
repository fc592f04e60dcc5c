#!/usr/bin/env node
// The main job: one realistic flow per provider through its typed client, against local mocks
// (default) or the providers' sandboxes (--live). Prints a transcript and a summary; exits 0 only
// when every flow succeeded.
//
//   payspec-flows [--provider paymnt-cloud|paymentkit|vaiipay|paymend] [--live]
import { startProviderMock } from "@payspec/mock";
import { runPaymendFlow } from "./paymend.js";
import { runPaymentKitFlow } from "./paymentkit.js";
import { runPaymntCloudFlow } from "./paymnt-cloud.js";
import { type FlowOptions, formatStep, type Step } from "./step.js";
import { runVaiiPayFlow } from "./vaiipay.js";

const flows = {
  "paymnt-cloud": {
    title: "Paymnt Cloud",
    run: runPaymntCloudFlow,
    credential: "PAYMNT_API_KEY",
    mockCredential: "sk_sandbox_payspec_demo",
  },
  paymentkit: {
    title: "PaymentKit",
    run: runPaymentKitFlow,
    credential: "PAYMENTKIT_TOKEN",
    mockCredential: "st_prod_payspec_demo",
  },
  vaiipay: {
    title: "VaiiPay",
    run: runVaiiPayFlow,
    credential: "VAIIPAY_TOKEN",
    mockCredential: "payspec_demo_client_token",
  },
  paymend: { title: "Paymend", run: runPaymendFlow, credential: "PAYMEND_TOKEN", mockCredential: "payspec_demo_token" },
} as const;
type Provider = keyof typeof flows;

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

interface Outcome {
  readonly provider: Provider;
  readonly steps: Step[];
  readonly error?: string;
}

async function runOne(provider: Provider, live: boolean): Promise<Outcome> {
  const flow = flows[provider];
  const steps: Step[] = [];
  const mock = live ? undefined : await startProviderMock({ spec: provider });
  try {
    const credential = live ? process.env[flow.credential] : flow.mockCredential;
    if (credential === undefined || credential === "")
      throw new Error(`--live needs ${flow.credential} in the environment`);
    console.log(
      `\n${flow.title} — ${mock === undefined ? "live sandbox" : `mock at ${mock.url} (remembering proxy; idempotency: ${mock.idempotencyHeader ?? "none documented"})`}`,
    );
    const options: FlowOptions = {
      mock: mock !== undefined,
      baseUrl: mock?.url,
      credential,
      ...(mock === undefined ? {} : { proxy: mock }),
      onStep: (step) => {
        steps.push(step);
        console.log(formatStep(step));
      },
    };
    await flow.run(options);
    return { provider, steps };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  ✗ ${message}`);
    return { provider, steps, error: message };
  } finally {
    await mock?.close();
  }
}

async function main(): Promise<number> {
  const { providers, live } = parseArguments(process.argv.slice(2));
  const outcomes: Outcome[] = [];
  for (const provider of providers) outcomes.push(await runOne(provider, live));

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
      webhook: steps.find((step) => step.name === "verify webhook")?.status ?? "—",
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
