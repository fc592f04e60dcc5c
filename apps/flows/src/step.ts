import type { ProviderMock } from "@payspec/mock";
import { ApiError, requestMetaOf } from "@payspec/paymnt-cloud";
import type { FlowEndpoint, VerifiedEvent } from "./webhook-endpoint.js";

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
  /** What the provider answered that matters to the flow, such as the amounts after a capture. */
  readonly detail?: string;
  /** What the step demonstrates beyond the call, such as a fault that was retried. */
  readonly note?: string;
}

/**
 * The stateful mock's control API, over HTTP as another process would use it: what the provider
 * does on its own (a payer paying, time passing).
 */
export interface MockControl {
  /** `POST /__payspec/clock/advance`: moves the provider's clock, running what falls due. */
  advanceClock(ms: number): Promise<void>;
  /** `POST /__payspec/objects/{kind}/{id}/events/{name}`: a provider-side event on an object. */
  fire(kind: string, id: string, name: string, params?: Record<string, unknown>): Promise<void>;
}

/** The control API of the stateful mock at `baseUrl`. */
export function mockControl(baseUrl: string): MockControl {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}/__payspec${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new FlowError(`mock control ${path} answered ${response.status}: ${await response.text()}`);
  };
  return {
    advanceClock: (ms) => post("/clock/advance", { ms }),
    fire: (kind, id, name, params = {}) =>
      post(`/objects/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/events/${encodeURIComponent(name)}`, params),
  };
}

/** What every flow receives. */
export interface FlowOptions {
  /** Running against the local stateful mock (rather than a provider's sandbox). */
  readonly mock: boolean;
  /** The provider's base URL (the mock's), or undefined for its sandbox. */
  readonly baseUrl: string | undefined;
  readonly credential: string;
  readonly onStep?: (step: Step) => void;
  /** The remembering proxy in front of the mock, to inject faults; undefined against a sandbox. */
  readonly proxy?: Pick<ProviderMock, "fault" | "attempts">;
  /** The stateful mock's control API; undefined against a sandbox. */
  readonly control?: MockControl;
  /** The flow's own webhook endpoint, where the mock delivers; undefined against a sandbox. */
  readonly webhooks?: Pick<FlowEndpoint, "waitFor">;
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

/** A step recording a webhook that arrived at the flow's endpoint and was verified there. */
export function webhookStep(provider: string, scheme: string, event: VerifiedEvent): Step {
  return {
    provider,
    name: `webhook ${event.type}`,
    httpStatus: 200,
    status: event.status,
    ids: { event: event.id, object: event.objectId },
    idempotencyKey: undefined,
    attempts: 1,
    requestId: undefined,
    note: `delivered by the mock, verified by the package: ${scheme}`,
  };
}

/**
 * A step the provider must refuse (a forbidden transition): passes when the call fails with the
 * expected typed error, recording the provider's own status, code and message.
 */
export async function refusedStep(
  provider: string,
  name: string,
  call: Promise<unknown>,
  expected: { status: number; code?: string },
): Promise<Step> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof ApiError)) {
    throw new FlowError(
      `${provider}: ${name} should have been refused, but ${outcome === undefined ? "succeeded" : String(outcome)}`,
    );
  }
  if (outcome.status !== expected.status || (expected.code !== undefined && outcome.code !== expected.code)) {
    throw new FlowError(
      `${provider}: ${name} was refused with ${outcome.status} ${outcome.code ?? ""}; expected ${expected.status} ${expected.code ?? ""}`,
    );
  }
  const detail = typeof outcome.body === "object" ? JSON.stringify(outcome.body).slice(0, 160) : String(outcome.body);
  return {
    provider,
    name,
    httpStatus: outcome.status,
    status: `refused ${outcome.code ?? ""}`.trim(),
    ids: {},
    idempotencyKey: outcome.idempotencyKey,
    attempts: outcome.attempts,
    requestId: outcome.requestId,
    note: `as the provider refuses it: ${detail}`,
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
  detail?: (data: Data) => string,
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
      ...(detail === undefined ? {} : { detail: detail(data) }),
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
  const detail = step.detail === undefined ? "" : `  ${step.detail}`;
  const note = step.note === undefined ? "" : `  (${step.note})`;
  return `  ✓ ${step.name.padEnd(24)} HTTP ${step.httpStatus}  status=${step.status}${detail}  ${ids}${key} attempts=${step.attempts}${requestId}${note}`;
}
