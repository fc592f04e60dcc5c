import { createHmac, randomUUID } from "node:crypto";

/**
 * How a provider signs its webhooks, as each provider package's verifier checks them:
 * - `paymnt-cloud`: hex HMAC-SHA512 of the body in `x-webhook-signature-512`;
 * - `paymentkit`: hex HMAC-SHA256 of the body in `X-Webhook-Signature`, with the event id, type
 *   and delivery id in `X-Webhook-*` headers;
 * - `vaiipay`: hex HMAC-SHA256 of `timestamp + "." + body` in `X-PaymentService-Signature`, with
 *   `X-PaymentService-Timestamp` and the event name in `X-PaymentService-Event`;
 * - `paymend`: nothing (Paymend documents no signature).
 */
export type SigningScheme = "paymnt-cloud" | "paymentkit" | "vaiipay" | "paymend";

/** One event to deliver: the provider's JSON body, with its id and type for headers and records. */
export interface WebhookEvent {
  readonly id: string;
  readonly type: string;
  readonly body: string;
}

/** The headers a provider sends with `event`, signed with `secret` at `timestamp` (Unix seconds). */
export function signedHeaders(
  scheme: SigningScheme,
  event: WebhookEvent,
  secret: string,
  options: { readonly timestamp: number; readonly deliveryId: string },
): Record<string, string> {
  const hex = (algorithm: "sha256" | "sha512", text: string) =>
    createHmac(algorithm, secret).update(text).digest("hex");
  const json = { "content-type": "application/json" };
  switch (scheme) {
    case "paymnt-cloud":
      return { ...json, "x-webhook-signature-512": hex("sha512", event.body) };
    case "paymentkit":
      return {
        ...json,
        "X-Webhook-Signature": hex("sha256", event.body),
        "X-Webhook-Event-Id": event.id,
        "X-Webhook-Event-Type": event.type,
        "X-Webhook-Delivery-Id": options.deliveryId,
      };
    case "vaiipay":
      return {
        ...json,
        "X-PaymentService-Signature": hex("sha256", `${options.timestamp}.${event.body}`),
        "X-PaymentService-Timestamp": String(options.timestamp),
        "X-PaymentService-Event": event.type,
      };
    case "paymend":
      return json;
  }
}

/** One attempt to deliver an event, and how the endpoint answered. */
export interface DeliveryAttempt {
  /** Mock-clock time of the attempt (ms). */
  readonly at: number;
  /** The endpoint's status, or `undefined` when no response came (refused, timed out). */
  readonly status: number | undefined;
  /** What the endpoint answered (its first 2 KiB as text), to see why it refused a delivery. */
  readonly answer: string | undefined;
  readonly error: string | undefined;
}

/** Every attempt to deliver one copy of an event. */
export interface DeliveryRecord {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly url: string;
  readonly attempts: readonly DeliveryAttempt[];
  /** `delivered` once a 2xx came back; `failed` once the schedule ran out; `pending` until then. */
  readonly outcome: "pending" | "delivered" | "failed";
}

/** Options of {@link createWebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  readonly scheme: SigningScheme;
  /** The endpoint to deliver to. */
  readonly url: string;
  /** The signing secret; required for every scheme but `paymend`. */
  readonly secret?: string;
  /**
   * Waits before each retry after a non-2xx answer or no answer, in the provider's time (ms):
   * its documented schedule. The default is 3 retries after 1 s, 5 s and 25 s (payspec's own).
   */
  readonly retryDelaysMs?: readonly number[];
  /** Divides every wait, so a schedule of hours runs in seconds. Default 1. */
  readonly timeCompression?: number;
  /** Extra copies of every event, as an at-least-once provider may send. Default 0. */
  readonly duplicates?: number;
  /** Delivers each batch of events in reverse order (a later event arrives first). Default false. */
  readonly outOfOrder?: boolean;
  /** Time an endpoint has to answer one attempt (ms). Default 10 000. */
  readonly attemptTimeoutMs?: number;
  /** The provider's clock, for the attempts' records (ms). Default `Date.now`. Signatures use the real time. */
  readonly now?: () => number;
  /** Which answers acknowledge a delivery: any 2xx, or exactly 200 (VaiiPay). Default `2xx`. */
  readonly success?: "2xx" | "200";
  /**
   * Which failures are retried: status classes (`3xx`, `4xx`, `5xx`), `timeout` and `network` (no
   * answer). Default: all of them. A failure not listed ends the delivery at once (PaymentKit's 4xx);
   * a 2xx that does not acknowledge (`success: "200"`) is always retried.
   */
  readonly retryOn?: readonly ("3xx" | "4xx" | "5xx" | "timeout" | "network")[];
  /** Called once per delivery when it ends: delivered, or failed after its last attempt. */
  readonly onOutcome?: (record: DeliveryRecord, event: WebhookEvent) => void;
}

/** Delivers events to one endpoint, signed, retried and recorded. */
export interface WebhookDispatcher {
  /** Queues events for delivery (one batch, for `outOfOrder`). */
  deliver(...events: readonly WebhookEvent[]): void;
  /** Every delivery so far, with its attempts, in the order they were queued. */
  readonly records: readonly DeliveryRecord[];
  /** Resolves once no delivery is pending (all delivered or failed). */
  idle(): Promise<void>;
  /** Stops retrying; pending deliveries end as failed. */
  close(): void;
}

const defaultRetryDelaysMs = [1_000, 5_000, 25_000];

function checkOptions(options: WebhookDispatcherOptions): void {
  const fail = (message: string): never => {
    throw new TypeError(`payspec-mock webhooks: ${message}`);
  };
  if (!["paymnt-cloud", "paymentkit", "vaiipay", "paymend"].includes(options.scheme)) {
    fail(`unknown scheme ${String(options.scheme)}.`);
  }
  const url = URL.canParse(options.url) ? new URL(options.url) : undefined;
  if (url === undefined) fail(`url ${JSON.stringify(options.url)} is not an absolute URL.`);
  else if (url.protocol !== "http:" && url.protocol !== "https:") {
    fail(`url must be http or https, not ${url.protocol}`);
  }
  if (options.scheme !== "paymend" && (typeof options.secret !== "string" || options.secret === "")) {
    fail(`a secret is required to sign ${options.scheme} webhooks.`);
  }
  const positive = (name: string, value: unknown, integer = false) => {
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      fail(`${name} must be a non-negative ${integer ? "integer" : "number"}; got ${String(value)}.`);
    }
  };
  for (const delay of options.retryDelaysMs ?? []) positive("retryDelaysMs", delay);
  positive("duplicates", options.duplicates, true);
  positive("attemptTimeoutMs", options.attemptTimeoutMs);
  if (options.success !== undefined && options.success !== "2xx" && options.success !== "200") {
    fail(`success must be "2xx" or "200"; got ${String(options.success)}.`);
  }
  const failures = ["3xx", "4xx", "5xx", "timeout", "network"];
  for (const failure of options.retryOn ?? []) {
    if (!failures.includes(failure)) fail(`retryOn takes ${failures.join(", ")}; got ${String(failure)}.`);
  }
  if (options.timeCompression !== undefined && !(options.timeCompression > 0)) {
    fail(`timeCompression must be a positive number; got ${String(options.timeCompression)}.`);
  }
}

/**
 * Delivers a provider's webhook events to an endpoint as the provider would: signed with its
 * scheme, retried after a non-2xx answer (or none) on its schedule, compressed in time by
 * `timeCompression`, optionally duplicated and out of order, every attempt recorded.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const delays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const compression = options.timeCompression ?? 1;
  const records: (DeliveryRecord & { attempts: DeliveryAttempt[]; outcome: DeliveryRecord["outcome"] })[] = [];
  const running = new Set<Promise<void>>();
  // Pending waits, so close() can end them at once.
  const waits = new Map<ReturnType<typeof setTimeout>, () => void>();
  let closed = false;
  // Each event's first attempt starts after the previous one's ended: the endpoint sees the batch
  // in order (or reversed, for outOfOrder); retries run alongside.
  let queue: Promise<void> = Promise.resolve();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms / compression);
      waits.set(timer, resolve);
    });

  const acknowledged = (status: number) => (options.success === "200" ? status === 200 : status >= 200 && status < 300);
  const retried = (status: number | undefined, timedOut: boolean) => {
    const on = options.retryOn;
    if (on === undefined) return true;
    if (status === undefined) return on.includes(timedOut ? "timeout" : "network");
    // A 2xx that does not acknowledge (a 204 where VaiiPay wants exactly 200) is never final:
    // the endpoint is up and said nothing was wrong, so the provider tries again.
    if (status < 300) return true;
    return on.includes(`${String(status)[0]}xx` as "3xx");
  };

  /** One attempt: whether it was acknowledged, and whether its failure may be retried. */
  async function attempt(
    record: (typeof records)[number],
    event: WebhookEvent,
  ): Promise<{ ok: boolean; retry: boolean }> {
    // Signed at the real time the attempt leaves, not the provider's (mock) clock: the receiver
    // checks freshness against its own clock, and an advanced mock clock must not make every
    // delivery look forged.
    const headers = signedHeaders(options.scheme, event, options.secret ?? "", {
      timestamp: Math.floor(Date.now() / 1000),
      deliveryId: record.deliveryId,
    });
    const at = now();
    try {
      const response = await fetch(options.url, {
        method: "POST",
        headers,
        body: event.body,
        signal: AbortSignal.timeout(options.attemptTimeoutMs ?? 10_000),
        redirect: "manual",
      });
      const answer = await response.text().catch(() => undefined);
      record.attempts.push({ at, status: response.status, answer: answer?.slice(0, 2048), error: undefined });
      const ok = acknowledged(response.status);
      return { ok, retry: !ok && retried(response.status, false) };
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      record.attempts.push({ at, status: undefined, answer: undefined, error: (error as Error).message });
      return { ok: false, retry: retried(undefined, timedOut) };
    }
  }

  async function run(event: WebhookEvent, firstAttemptEnded: () => void): Promise<void> {
    const record = {
      deliveryId: `dlv_${randomUUID().replaceAll("-", "")}`,
      eventId: event.id,
      eventType: event.type,
      url: options.url,
      attempts: [] as DeliveryAttempt[],
      outcome: "pending" as DeliveryRecord["outcome"],
    };
    records.push(record);
    for (let retry = 0; ; retry++) {
      if (closed) {
        record.outcome = "failed";
        firstAttemptEnded();
        return;
      }
      const { ok, retry: retryable } = await attempt(record, event);
      firstAttemptEnded();
      if (ok) {
        record.outcome = "delivered";
        options.onOutcome?.(record, event);
        return;
      }
      const delay = retryable ? delays[retry] : undefined;
      if (delay === undefined) {
        record.outcome = "failed";
        options.onOutcome?.(record, event);
        return;
      }
      await wait(delay);
    }
  }

  return {
    deliver(...events) {
      if (closed) throw new TypeError("payspec-mock webhooks: the dispatcher is closed.");
      const copies = events.flatMap((event) => Array.from({ length: 1 + (options.duplicates ?? 0) }, () => event));
      const ordered = options.outOfOrder === true ? copies.reverse() : copies;
      for (const event of ordered) {
        queue = queue.then(
          () =>
            new Promise<void>((firstAttemptEnded) => {
              const delivery = run(event, firstAttemptEnded).catch(() => undefined);
              running.add(delivery);
              void delivery.finally(() => running.delete(delivery));
            }),
        );
        const queued = queue;
        running.add(queued);
        void queued.finally(() => running.delete(queued));
      }
    },
    get records() {
      return records;
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    close() {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
    },
  };
}
