import { randomUUID } from "node:crypto";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { specAjv } from "../schema-validation.js";
import { evaluate, type Scope } from "./expressions.js";

/**
 * A webhook event the engine emitted: a branch's `emits` entry, with the object it carries as it
 * is after the branch, and as it was before (`undefined` when the branch created it).
 */
export interface EmittedEvent {
  /** The event type, a key of the lifecycle's `webhooks.events`. */
  readonly type: string;
  /** The object kind (a key of `objects`). */
  readonly kind: string;
  /** The object's id. */
  readonly id: string;
  readonly object: Readonly<Record<string, unknown>>;
  readonly previous: Readonly<Record<string, unknown>> | undefined;
}

/** One event in the provider's envelope, ready for the dispatcher (`WebhookEvent`) and records. */
export interface BuiltEvent {
  /** The event's id: `envelope.eventId` filled in; a mock-made `evt_…` when the provider has none. */
  readonly id: string;
  readonly type: string;
  /** The JSON text delivered, exactly as signed. */
  readonly body: string;
  /** The body parsed back (what was validated). */
  readonly payload: unknown;
}

/** Builds the provider's event for an emitted transition at mock-clock time `now` (ms). */
export type EventBuilder = (emitted: EmittedEvent, now: number) => BuiltEvent;

interface EventRule {
  readonly object: string;
  readonly payload: string;
  readonly envelope?: unknown;
}

interface WebhooksRule {
  readonly envelope: { readonly eventId?: string; readonly body: unknown };
  readonly events: Readonly<Record<string, EventRule>>;
}

interface LifecycleDocument {
  readonly "x-payspec-lifecycle"?: {
    readonly webhooks?: WebhooksRule;
    readonly objects?: Readonly<Record<string, { readonly timestamps?: { readonly format?: string } }>>;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Stripe-style `previous_attributes`: for every top-level field that changed between `previous`
 * and `object`, its value before (`null` for a field the change added). `undefined` when there is
 * no previous version or nothing changed, so the envelope leaves the key out.
 */
export function previousAttributes(
  object: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  if (previous === undefined) return undefined;
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(previous), ...Object.keys(object)])) {
    if (JSON.stringify(previous[key]) !== JSON.stringify(object[key])) changed[key] = previous[key] ?? null;
  }
  return Object.keys(changed).length === 0 ? undefined : changed;
}

/**
 * The event builder of a provider's stateful mock (docs/stateful-mock.md §4): reads
 * `x-payspec-lifecycle.webhooks` from the spec once, and for each emitted event
 *
 * 1. finds `events.<type>` (a type it does not list throws: the lifecycle emits what it does not
 *    declare);
 * 2. makes the id from `envelope.eventId` (Paymnt Cloud `evt_` + 32 hex, PaymentKit
 *    `evt_stg_` + 16, Paymend `evt_` + 8 hex). VaiiPay's envelope has no id: the builder then
 *    makes `evt_` + a UUID's 32 hex, never sent, only to tell deliveries apart in records;
 * 3. evaluates the event's own `envelope` part, then `envelope.body`, with these refs:
 *    - `object`: the object after the transition;
 *    - `config.*`: the mock's options (`merchantId`, …), read at each build;
 *    - `event.id`, `event.type`;
 *    - `event.created`: the mock time in Unix seconds (an integer: PaymentKit's `created`);
 *    - `event.timestamp`: the mock time as ISO 8601 in the carried kind's `timestamps.format`
 *      (`iso`: whole seconds; `iso-millis`, `unix` or none: milliseconds — Paymnt Cloud's
 *      `timestamp`, `2026-11-22T09:15:05.000Z`);
 *    - `event.content`: the event's `envelope` part evaluated (Paymnt Cloud's
 *      `{type: "payment_details", object}`), or the object itself when the event has none;
 *    - `event.previousAttributes`: {@link previousAttributes} of the object (PaymentKit's
 *      `data.previous_attributes`), absent on a create or when nothing changed;
 * 4. serialises the body and validates the parsed text against the event's `payload` schema,
 *    throwing an Error that lists every difference when it does not match: a body off its schema
 *    is a bug in the lifecycle and must fail loudly, never reach an endpoint.
 *
 * Pure apart from the random parts of ids (and reading the spec once).
 */
export function createEventBuilder(options: {
  /** The spec, as `specAjv` takes it (a provider name such as `paymnt-cloud`, or a path). */
  readonly provider: string;
  /** The mock's options the envelope reads as `config.*`; read at each build, so it may change. */
  readonly config?: Readonly<Record<string, unknown>>;
}): EventBuilder {
  const { ajv, document } = specAjv(options.provider);
  const lifecycle = (document as LifecycleDocument)["x-payspec-lifecycle"];
  const webhooks = lifecycle?.webhooks;
  if (webhooks === undefined) {
    throw new TypeError(`payspec-mock: ${options.provider} declares no x-payspec-lifecycle.webhooks.`);
  }
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (pointer: string): ValidateFunction => {
    let validate = validators.get(pointer);
    if (validate === undefined) {
      validate = ajv.getSchema(`spec${pointer}`);
      if (validate === undefined) {
        throw new Error(`payspec-mock lifecycle: no payload schema at ${pointer} in ${options.provider}.`);
      }
      validators.set(pointer, validate);
    }
    return validate;
  };

  return (emitted, now) => {
    const rule = webhooks.events[emitted.type];
    if (rule === undefined) {
      throw new Error(
        `payspec-mock lifecycle: ${options.provider} emitted ${JSON.stringify(emitted.type)}, which x-payspec-lifecycle.webhooks.events does not list (it lists ${Object.keys(webhooks.events).join(", ")}).`,
      );
    }
    if (rule.object !== emitted.kind) {
      throw new Error(
        `payspec-mock lifecycle: ${emitted.type} carries a ${rule.object}, but a ${emitted.kind} emitted it.`,
      );
    }
    const format = lifecycle?.objects?.[rule.object]?.timestamps?.format;
    const iso = new Date(now).toISOString();
    const base: Omit<Scope, "event"> = { now, object: emitted.object, config: options.config ?? {} };
    const partial = {
      id:
        webhooks.envelope.eventId === undefined
          ? `evt_${randomUUID().replaceAll("-", "")}`
          : String(evaluate({ template: webhooks.envelope.eventId }, base)),
      type: emitted.type,
      created: Math.floor(now / 1000),
      timestamp: format === "iso" ? iso.replace(/\.\d{3}Z$/, "Z") : iso,
      previousAttributes: previousAttributes(emitted.object, emitted.previous),
    };
    const content = rule.envelope === undefined ? emitted.object : evaluate(rule.envelope, { ...base, event: partial });
    const event = { ...partial, content };
    const body = JSON.stringify(evaluate(webhooks.envelope.body, { ...base, event }));
    const payload: unknown = JSON.parse(body);
    const validate = validatorFor(rule.payload);
    if (!(validate(payload) as boolean)) {
      const differences = (validate.errors ?? []).map(
        (error: ErrorObject) =>
          `  - ${error.instancePath || "/"} ${error.message ?? ""}${isObject(error.params) && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : ""}`,
      );
      throw new Error(
        `payspec-mock lifecycle: the ${emitted.type} event for ${emitted.kind} ${emitted.id} does not match ${rule.payload} in ${options.provider}:\n${differences.join("\n")}`,
      );
    }
    return { id: partial.id, type: emitted.type, body, payload };
  };
}
