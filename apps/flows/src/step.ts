import type { ProviderMock } from "@payspec/mock";
import { requestMetaOf } from "@payspec/paymnt-cloud";

/** One call of a flow, as the transcript shows it. */
export interface Step {
  readonly provider: string;
  readonly name: string;
  readonly httpStatus: number;
  /** The business status of the object after the call, such as `requires_capture`. */
  readonly status: string;
  /** Ids the step created or touched, by name. */
  readonly ids: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | undefined;
  readonly attempts: number;
  readonly requestId: string | undefined;
  /** What the step demonstrates beyond the call, such as a fault that was retried. */
  readonly note?: string;
}

/** What every flow receives. */
export interface FlowOptions {
  /** Ask the stateless mock for the example matching each step's real outcome. */
  readonly mock: boolean;
  /** The provider's base URL (the mock's), or undefined for its sandbox. */
  readonly baseUrl: string | undefined;
  readonly credential: string;
  readonly onStep?: (step: Step) => void;
  /** The remembering proxy in front of the mock, to inject faults; undefined against a sandbox. */
  readonly proxy?: Pick<ProviderMock, "fault" | "attempts">;
}

/**
 * Queues a fault for the next `method` on a path ending in `pathSuffix` (mock runs only), and
 * returns a note describing, after the call, what the proxy saw: the attempts' outcomes and keys.
 */
export function injectDropAfterForward(options: FlowOptions, method: string, pathSuffix: string) {
  // A suffix such as "/capture" is plain text; the proxy reads a path starting with ^ as a pattern.
  options.proxy?.fault({ method, path: `^.*${pathSuffix}$`, fault: { kind: "drop-after-forward" } });
  return (): string | undefined => {
    if (options.proxy === undefined) return undefined;
    const seen = options.proxy.attempts.filter(
      (attempt) => attempt.method === method && attempt.path.endsWith(pathSuffix),
    );
    const keys = new Set(seen.map((attempt) => attempt.idempotencyKey));
    return `connection dropped after the provider acted; retried with ${keys.size === 1 ? "the same" : `${keys.size} different`} Idempotency-Key: ${seen.map((attempt) => attempt.outcome).join(" → ")}`;
  };
}

/** A step recording that a webhook signed like the provider's was verified. */
export function webhookStep(provider: string, scheme: string, eventId: string, status = "verified"): Step {
  return {
    provider,
    name: "verify webhook",
    httpStatus: 200,
    status,
    ids: { event: eventId },
    idempotencyKey: undefined,
    attempts: 1,
    requestId: undefined,
    note: scheme,
  };
}

/** Thrown when a step fails; the flow stops there. */
export class FlowError extends Error {
  override readonly name = "FlowError";
}

interface CallResult<Data> {
  readonly data?: Data;
  readonly error?: unknown;
  readonly response: Response;
}

/** Turns an openapi-fetch result into a {@link Step}, or throws {@link FlowError} on an error. */
export function stepFrom<Data>(
  provider: string,
  name: string,
  result: CallResult<Data>,
  describe: (data: Data) => { status: string; ids: Record<string, string> },
  note?: string,
): { step: Step; data: Data } {
  const { data, error, response } = result;
  if (error !== undefined || data === undefined) {
    throw new FlowError(`${provider}: ${name} failed with HTTP ${response.status}: ${JSON.stringify(error)}`);
  }
  const meta = requestMetaOf(result);
  const { status, ids } = describe(data);
  return {
    data,
    step: {
      provider,
      name,
      httpStatus: response.status,
      status,
      ids,
      idempotencyKey: meta?.idempotencyKey,
      attempts: meta?.attempts ?? 1,
      requestId: response.headers.get("x-request-id") ?? undefined,
      ...(note === undefined ? {} : { note }),
    },
  };
}

/** Fails the flow when a step did not reach the status the flow needs. */
export function expectStatus(step: Step, expected: string): void {
  if (step.status !== expected) {
    throw new FlowError(`${step.provider}: ${step.name} left status ${step.status}, expected ${expected}`);
  }
}

/** One transcript line per step. */
export function formatStep(step: Step): string {
  const ids = Object.entries(step.ids)
    .map(([name, id]) => `${name}=${id}`)
    .join(" ");
  const key = step.idempotencyKey === undefined ? "" : ` idempotency-key=${step.idempotencyKey}`;
  const requestId = step.requestId === undefined ? "" : ` request-id=${step.requestId}`;
  const note = step.note === undefined ? "" : `  (${step.note})`;
  return `  ✓ ${step.name.padEnd(24)} HTTP ${step.httpStatus}  status=${step.status}  ${ids}${key} attempts=${step.attempts}${requestId}${note}`;
}
