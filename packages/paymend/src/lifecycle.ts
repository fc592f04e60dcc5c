import { InvalidRequestError, RequestAbortedError, sleep, TimeoutError, unwrap } from "@payspec/core";
import type { PaymendClient } from "./client.js";
import type { components } from "./generated/openapi.js";

/** A payment, as every Paymend operation returns it. */
export type Payment = components["schemas"]["PaymentResponse"];
export type PaymentStatus = components["schemas"]["PaymentStatus"];
/** A payment known to be in one of `Status`. */
export type PaymentIn<Status extends PaymentStatus> = Payment & { readonly status: Status };

/** What you can do to a payment yourself. */
export type PaymentAction = "capture" | "refund" | "void";

/** Which actions each status allows: the documented state machine. */
export const allowedActions = {
  PENDING: ["void"],
  AUTHORIZED: ["capture", "void"],
  CAPTURED: ["refund"],
  REFUNDED: [],
  VOIDED: [],
  FAILED: [],
} as const satisfies Record<PaymentStatus, readonly PaymentAction[]>;

/** Statuses from which `Action` is allowed, as a type: `StatusesAllowing<"void">` is `"PENDING" | "AUTHORIZED"`. */
export type StatusesAllowing<Action extends PaymentAction> = {
  [Status in PaymentStatus]: Action extends (typeof allowedActions)[Status][number] ? Status : never;
}[PaymentStatus];

/** Statuses after which nothing can happen to a payment any more. */
export const terminalStatuses = ["FAILED", "VOIDED", "REFUNDED"] as const satisfies readonly PaymentStatus[];

/** True when a payment in `status` can never change again (FAILED, VOIDED, REFUNDED). */
export function isTerminal(status: PaymentStatus): status is (typeof terminalStatuses)[number] {
  return (terminalStatuses as readonly PaymentStatus[]).includes(status);
}

/**
 * Narrows a payment to the given statuses, for the helpers typed by status (comparing
 * `payment.status` alone narrows only that field):
 * `if (isPaymentIn(payment, "AUTHORIZED")) await capture(paymend, payment);`
 */
export function isPaymentIn<const Status extends PaymentStatus>(
  payment: Payment,
  ...statuses: readonly Status[]
): payment is PaymentIn<Status> {
  return (statuses as readonly PaymentStatus[]).includes(payment.status);
}

/** True when `action` is allowed for a payment in `status`. */
export function canPerform(status: PaymentStatus, action: PaymentAction): boolean {
  return (allowedActions[status] as readonly PaymentAction[]).includes(action);
}

function assertAllowed(payment: Payment, action: PaymentAction): void {
  if (!canPerform(payment.status, action)) {
    const allowed = Object.entries(allowedActions)
      .filter(([, actions]) => (actions as readonly PaymentAction[]).includes(action))
      .map(([status]) => status);
    throw new InvalidRequestError(
      "operation_not_allowed",
      `Cannot ${action} payment ${payment.paymentId} in status ${payment.status}; ${action} is allowed from ${allowed.join(" or ")}.`,
    );
  }
}

/**
 * Captures an authorized payment. The type accepts only a payment known to be AUTHORIZED (narrow
 * with {@link isPaymentIn} first); a stale object is also refused at run time, before sending.
 */
export async function capture(
  client: PaymendClient,
  payment: PaymentIn<StatusesAllowing<"capture">>,
): Promise<Payment> {
  assertAllowed(payment, "capture");
  return unwrap(
    client.POST("/v1/payments/{paymentId}/capture", { params: { path: { paymentId: payment.paymentId } } }),
  );
}

/** Refunds a captured payment, in full or by `refundAmount` (minor units). */
export async function refund(
  client: PaymendClient,
  payment: PaymentIn<StatusesAllowing<"refund">>,
  options: { readonly refundAmount?: number } = {},
): Promise<Payment> {
  assertAllowed(payment, "refund");
  return unwrap(
    client.POST("/v1/payments/{paymentId}/refund", {
      params: { path: { paymentId: payment.paymentId } },
      ...(options.refundAmount === undefined ? {} : { body: { refundAmount: options.refundAmount } }),
    }),
  );
}

/** Voids a pending payment (stopping recovery) or an authorized one. */
export async function voidPayment(
  client: PaymendClient,
  payment: PaymentIn<StatusesAllowing<"void">>,
): Promise<Payment> {
  assertAllowed(payment, "void");
  return unwrap(client.POST("/v1/payments/{paymentId}/void", { params: { path: { paymentId: payment.paymentId } } }));
}

/** Options of {@link waitForFinalStatus}. */
export interface WaitOptions {
  /** Give up after this many milliseconds, or at this time. Default 10 minutes. */
  readonly deadline?: number | Date;
  /** Stops waiting at once. */
  readonly signal?: AbortSignal;
  /** First pause between polls. Default 1 000 ms; doubles up to `maxIntervalMs`. */
  readonly initialIntervalMs?: number;
  /** Longest pause between polls. Default 30 000 ms. */
  readonly maxIntervalMs?: number;
}

/**
 * Polls `GET /v1/payments/{paymentId}` with exponential backoff while the payment is PENDING, and
 * resolves with the first non-PENDING payment (AUTHORIZED, CAPTURED, FAILED, VOIDED, …). Paymend
 * recommends webhooks; this is for when you cannot receive them. Throws `TimeoutError` (scope
 * `deadline`) when the deadline passes first, `RequestAbortedError` when `signal` fires.
 */
export async function waitForFinalStatus(
  client: PaymendClient,
  paymentId: string,
  options: WaitOptions = {},
): Promise<PaymentIn<Exclude<PaymentStatus, "PENDING">>> {
  const started = Date.now();
  const deadline =
    options.deadline instanceof Date ? options.deadline.getTime() : started + (options.deadline ?? 600_000);
  const maxInterval = options.maxIntervalMs ?? 30_000;
  let interval = options.initialIntervalMs ?? 1_000;
  const path = `/v1/payments/${paymentId}`;
  for (let polls = 1; ; polls++) {
    const payment = await unwrap(
      client.GET("/v1/payments/{paymentId}", {
        params: { path: { paymentId } },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }),
    );
    if (payment.status !== "PENDING") return payment as PaymentIn<Exclude<PaymentStatus, "PENDING">>;
    const wait = Math.min(interval, maxInterval) * (0.8 + Math.random() * 0.4);
    if (Date.now() + wait >= deadline) {
      throw new TimeoutError(`Payment ${paymentId} was still PENDING at the deadline after ${polls} polls`, {
        method: "GET",
        path,
        idempotencyKey: undefined,
        attempts: polls,
        scope: "deadline",
      });
    }
    try {
      await sleep(wait, options.signal);
    } catch (reason) {
      throw new RequestAbortedError(
        "The caller stopped waiting",
        { method: "GET", path, idempotencyKey: undefined, attempts: polls },
        {
          cause: reason,
        },
      );
    }
    interval *= 2;
  }
}
