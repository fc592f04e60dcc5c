import { afterAll, afterEach, beforeAll } from "vitest";
import { type StatefulProviderMock, startProviderMock } from "./provider-mock.js";
import { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from "./stateful/webhook-receiver.js";

/** The status the test endpoint answers a delivery with, given the delivery and its arrival index. */
export type WebhookAnswer = (delivery: Omit<ReceivedWebhook, "status">, index: number) => number;

/** Options for {@link useStatefulMock}. */
export interface StatefulMockOptions {
  /** A provider name (`paymnt-cloud`, `paymentkit`, `vaiipay`, `paymend`) or a path to a spec with an `x-payspec-lifecycle`. */
  readonly spec: string;
  /** The webhook signing secret. Omit it only for a provider that signs nothing (Paymend). */
  readonly secret?: string;
  /**
   * Divides the provider's webhook retry schedule. Default 3600, so a retry an hour out arrives
   * within a second: a test can watch a retry, and `idle()` between tests does not stall on one.
   */
  readonly timeCompression?: number;
}

/** A control-API answer: its status and its JSON body. */
export interface ControlAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Where a control-API call goes: another mock than the shared one (any object with its `url`). */
export interface ControlTarget {
  readonly url: string;
}

/** The shared stateful mock of a test file, from {@link useStatefulMock}. */
export interface StatefulMockHarness {
  /**
   * The stateful mock. Started in `beforeAll`, so read it inside a test or hook (a client factory
   * reading it at call time is fine); reading it earlier throws.
   */
  readonly mock: StatefulProviderMock;
  /** The endpoint the mock delivers webhooks to. Same lifetime as {@link mock}; emptied after each test. */
  readonly receiver: WebhookReceiver;
  /**
   * Sets the status the endpoint answers with from now until the end of the test (500 to watch a
   * retry, 4xx to watch a failure). Every test starts with 200.
   */
  answerWith(answer: WebhookAnswer): void;
  /**
   * POSTs to the control API, `/__payspec` + `path` (`/reset`, `/clock/advance`, …), with `body` as
   * JSON when given. Over HTTP rather than in process, as another process (the main job, a browser
   * test) would call it, so the HTTP surface is what the test exercises.
   */
  control(path: string, body?: unknown, on?: ControlTarget): Promise<ControlAnswer>;
  /**
   * Fires a provider-side event (the payer, the card network, the clock's stand-ins) on an object:
   * `POST /__payspec/objects/{kind}/{id}/events/{event}` with `params` (default `{}`). Over HTTP,
   * unlike `mock.fire`, for the reason {@link control} gives; `on` sends it to another mock.
   */
  fire(kind: string, id: string, event: string, params?: object, on?: ControlTarget): Promise<ControlAnswer>;
  /**
   * Waits until the receiver holds `count` deliveries and reads each with `read`: the package's own
   * verifier or parser, so every event a test asserts on went through what a merchant would run.
   * Rejects, listing what did arrive, when they do not come in the receiver's timeout.
   */
  events<Event>(count: number, read: (delivery: ReceivedWebhook) => Event | Promise<Event>): Promise<Event[]>;
}

const accept: WebhookAnswer = () => 200;

/**
 * Starts a stateful provider mock and a webhook endpoint it delivers to, shared by the tests of one
 * file (starting Prism per test would cost seconds each). Call it at the top of a test file, or of
 * a `describe`: it registers the `beforeAll`/`afterAll` that start and close both, and an
 * `afterEach` that waits for pending deliveries, resets the mock, empties the receiver and answers
 * 200 again, so no test sees another's objects, timers or deliveries.
 *
 * ```ts
 * const stateful = useStatefulMock({ spec: "paymnt-cloud", secret });
 * const eventsOf = (count: number) =>
 *   stateful.events(count, async (delivery) => (await verifyWebhook(delivery.body, delivery.headers, { secrets: secret })).event);
 * ```
 */
export function useStatefulMock(options: StatefulMockOptions): StatefulMockHarness {
  let mock: StatefulProviderMock | undefined;
  let receiver: WebhookReceiver | undefined;
  let answer = accept;
  const started = <Value>(value: Value | undefined, name: string): Value => {
    if (value === undefined) {
      throw new Error(`useStatefulMock: the ${name} starts in beforeAll; read it inside a test or a hook`);
    }
    return value;
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ answer: (delivery, index) => answer(delivery, index) });
    mock = await startProviderMock({
      spec: options.spec,
      stateful: true,
      webhooks: {
        url: receiver.url,
        timeCompression: options.timeCompression ?? 3600,
        ...(options.secret === undefined ? {} : { secret: options.secret }),
      },
    });
  });
  afterAll(async () => {
    // Either may be missing when beforeAll failed half-way; close what did start.
    await mock?.close();
    await receiver?.close();
  });
  // After each test, not before: the file's first test then meets a mock that was never reset, as
  // a user's first call does (VaiiPay's checkout link was once broken only there).
  afterEach(async () => {
    // Accept first, so retries of a test's refused deliveries end quickly and idle() returns.
    answer = accept;
    if (mock === undefined || receiver === undefined) return;
    await mock.idle();
    mock.reset();
    receiver.clear();
  });

  const control = async (path: string, body?: unknown, on?: ControlTarget): Promise<ControlAnswer> => {
    const response = await fetch(`${(on ?? started(mock, "mock")).url}/__payspec${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  return {
    get mock() {
      return started(mock, "mock");
    },
    get receiver() {
      return started(receiver, "receiver");
    },
    answerWith(next) {
      answer = next;
    },
    control,
    fire: (kind, id, event, params = {}, on) => control(`/objects/${kind}/${id}/events/${event}`, params, on),
    async events(count, read) {
      const received = await started(receiver, "receiver").waitFor(count);
      return Promise.all(received.map((delivery) => read(delivery)));
    },
  };
}
