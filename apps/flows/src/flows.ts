import { type RecordedAttempt, startProviderMock } from "@payspec/mock";
import { paymendEndpoint, runPaymendFlow } from "./paymend.js";
import { paymentKitEndpoint, runPaymentKitFlow } from "./paymentkit.js";
import { paymntCloudEndpoint, runPaymntCloudFlow } from "./paymnt-cloud.js";
import { type FlowOptions, formatStep, mockControl, type Step } from "./step.js";
import { runVaiiPayFlow, vaiiPayEndpoint } from "./vaiipay.js";
import { type EndpointHandler, type FlowEndpoint, startFlowEndpoint } from "./webhook-endpoint.js";

/** The secret the mock signs its deliveries with and each flow's endpoint verifies them by. */
const webhookSecret = "whsec_payspec_main_job";

export type Provider = "paymnt-cloud" | "paymentkit" | "vaiipay" | "paymend";

interface Flow {
  readonly title: string;
  readonly run: (options: FlowOptions) => Promise<Step[]>;
  /** The flow's webhook endpoint: the package's own handler, given the signing secret. */
  readonly endpoint: (secret: string) => EndpointHandler;
  readonly credential: string;
  readonly mockCredential: string;
}

export const flows: Record<Provider, Flow> = {
  "paymnt-cloud": {
    title: "Paymnt Cloud",
    run: runPaymntCloudFlow,
    endpoint: paymntCloudEndpoint,
    credential: "PAYMNT_API_KEY",
    mockCredential: "sk_sandbox_payspec_demo",
  },
  paymentkit: {
    title: "PaymentKit",
    run: runPaymentKitFlow,
    endpoint: paymentKitEndpoint,
    credential: "PAYMENTKIT_TOKEN",
    mockCredential: "st_prod_payspec_demo",
  },
  vaiipay: {
    title: "VaiiPay",
    run: runVaiiPayFlow,
    endpoint: vaiiPayEndpoint,
    credential: "VAIIPAY_TOKEN",
    mockCredential: "payspec_demo_client_token",
  },
  paymend: {
    title: "Paymend",
    run: runPaymendFlow,
    endpoint: () => paymendEndpoint(),
    credential: "PAYMEND_TOKEN",
    mockCredential: "payspec_demo_token",
  },
};

export interface Outcome {
  readonly provider: Provider;
  readonly steps: Step[];
  readonly error?: string;
  /** Every request the mock's proxy saw (empty for a live run). */
  readonly attempts: readonly RecordedAttempt[];
}

/**
 * Runs one provider's flow: against a fresh stateful mock (the remembering proxy in front, the
 * flow's own webhook endpoint receiving its deliveries), or, with `live`, the provider's sandbox.
 * Prints each step as it happens; never throws (a failure is the outcome's `error`).
 */
export async function runFlow(provider: Provider, live: boolean): Promise<Outcome> {
  const flow = flows[provider];
  const steps: Step[] = [];
  const handler = flow.endpoint(webhookSecret);
  let endpoint: FlowEndpoint | undefined;
  let mock: Awaited<ReturnType<typeof startProviderMock>> | undefined;
  try {
    if (!live) {
      endpoint = await startFlowEndpoint(handler);
      mock = await startProviderMock({
        spec: provider,
        stateful: true,
        webhooks: { url: endpoint.url, secret: webhookSecret, timeCompression: 3600 },
      });
    }
    const credential = live ? process.env[flow.credential] : flow.mockCredential;
    if (credential === undefined || credential === "")
      throw new Error(`--live needs ${flow.credential} in the environment`);
    console.log(
      `\n${flow.title} — ${mock === undefined ? "live sandbox" : `stateful mock at ${mock.url} (idempotency: ${mock.idempotencyHeader ?? "none documented"}); webhooks to ${endpoint?.url ?? "—"}`}`,
    );
    const options: FlowOptions = {
      mock: mock !== undefined,
      baseUrl: mock?.url,
      credential,
      ...(mock === undefined ? {} : { proxy: mock, control: mockControl(mock.url) }),
      ...(endpoint === undefined ? {} : { webhooks: endpoint }),
      onStep: (step) => {
        steps.push(step);
        console.log(formatStep(step));
      },
    };
    await flow.run(options);
    return { provider, steps, attempts: [...(mock?.attempts ?? [])] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  ✗ ${message}`);
    return { provider, steps, error: message, attempts: [...(mock?.attempts ?? [])] };
  } finally {
    await mock?.close();
    await endpoint?.close();
  }
}
