import { allHold, type Condition, evaluate, pathSteps, type Scope } from "./expressions.js";

/** A new object of another kind a branch creates, as `x-payspec-lifecycle` writes it. */
export interface CreatesRule {
  readonly object: string;
  readonly state?: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Events the new object emits once saved (a dispute the network opened: `dispute_opened`). */
  readonly emits?: readonly string[];
}

/** A signal a branch sends to a related object, as `x-payspec-lifecycle` writes it. */
export interface SignalRule {
  readonly object: string;
  /** A ref to the related object's id. */
  readonly idFrom: string;
  readonly signal: string;
}

/** A branch of a transition, as `x-payspec-lifecycle` writes it. */
export interface Branch {
  readonly name?: string;
  readonly when?: readonly Condition[];
  /** The state it leads to; `null` or absent stays. */
  readonly to?: string | null;
  readonly set?: Readonly<Record<string, unknown>>;
  readonly amounts?: readonly {
    readonly field: string;
    readonly op: "set" | "add" | "subtract";
    readonly value: unknown;
  }[];
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly append?: readonly { readonly field: string; readonly item: unknown }[];
  readonly creates?: readonly CreatesRule[];
  readonly signals?: readonly SignalRule[];
  readonly emits?: readonly string[];
}

/** What fires a transition: exactly one of these. */
export interface Trigger {
  readonly operation?: string;
  readonly clock?: { readonly after?: string; readonly since?: string; readonly at?: string; readonly before?: string };
  readonly control?: string;
  readonly delivery?: { readonly event: string; readonly outcome: "acknowledged" | "exhausted" };
  readonly signal?: string;
}

/** A transition of an object, as `x-payspec-lifecycle` writes it. */
export interface Transition {
  readonly name: string;
  readonly trigger: Trigger;
  readonly from?: readonly string[];
  readonly refuse?: string;
  readonly guards?: readonly { readonly when?: readonly Condition[]; readonly refuse: string }[];
  readonly branches: readonly Branch[];
}

/** What applying a transition decided. */
export type Outcome =
  | { readonly kind: "refused"; readonly error: string; readonly reason: "state" | "guard" }
  | {
      readonly kind: "applied";
      readonly branch: string | undefined;
      readonly state: string | undefined;
      /** The object's fields after the branch (a new object; the input is not changed). */
      readonly fields: Record<string, unknown>;
      readonly meta: Record<string, unknown>;
      readonly emits: readonly string[];
      /** The objects the branch creates, their fields evaluated (run after this object is saved). */
      readonly creates: readonly {
        readonly object: string;
        readonly state?: string;
        readonly fields: Record<string, unknown>;
        readonly emits?: readonly string[];
      }[];
      /** The signals the branch sends, their target ids read (sent after this object is saved). */
      readonly signals: readonly { readonly object: string; readonly id: unknown; readonly signal: string }[];
    };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The value at a dotted field path of `fields` (`receivedAmount.amount`). */
export function fieldAt(fields: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = fields;
  for (const step of pathSteps(path)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * Writes `value` at a dotted field path of `fields` (changed in place), copying each object on
 * the way so the caller's nested objects are never changed.
 */
function writeField(fields: Record<string, unknown>, path: string, value: unknown): void {
  const steps = pathSteps(path);
  let current = fields;
  for (const step of steps.slice(0, -1)) {
    const next = current[step];
    const copy: Record<string, unknown> = isObject(next) ? { ...next } : {};
    current[step] = copy;
    current = copy;
  }
  current[steps.at(-1) ?? path] = value;
}

/** `value` without `undefined` members (an absent ref leaves no key), recursively through objects. */
export function prune<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => prune(item)) as T;
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => [key, prune(member)]),
  ) as T;
}

/**
 * Applies one transition to an object, as docs/stateful-mock.md §3 says: a state outside `from`
 * is refused with `refuse`; then the first guard that holds refuses; then the first branch whose
 * `when` holds sets the state, the fields, the amounts, appends items, the mock-only memory, and
 * names the events to emit (in order), the objects to create and the signals to send. Every value
 * is read from the object as it was before the branch: one branch is one step. Pure: the caller
 * stores the result atomically, then runs the creates and signals.
 */
export function applyTransition(
  transition: Transition,
  object: { readonly fields: Readonly<Record<string, unknown>>; readonly meta?: Readonly<Record<string, unknown>> },
  statusField: string,
  scope: Omit<Scope, "object" | "meta">,
): Outcome {
  const fields = object.fields;
  const meta = object.meta ?? {};
  const full: Scope = { ...scope, object: fields, meta };
  const state = fields[statusField];
  if (transition.from !== undefined && !transition.from.includes(String(state))) {
    if (transition.refuse === undefined) {
      throw new Error(`payspec-mock lifecycle: ${transition.name} from ${String(state)} has no refusal.`);
    }
    return { kind: "refused", error: transition.refuse, reason: "state" };
  }
  for (const guard of transition.guards ?? []) {
    if (allHold(guard.when, full)) return { kind: "refused", error: guard.refuse, reason: "guard" };
  }
  const branch = transition.branches.find((candidate) => allHold(candidate.when, full));
  if (branch === undefined) {
    throw new Error(`payspec-mock lifecycle: no branch of ${transition.name} applies and none is unconditional.`);
  }
  const next: Record<string, unknown> = { ...fields };
  for (const [field, value] of Object.entries(branch.set ?? {})) writeField(next, field, evaluate(value, full));
  for (const amount of branch.amounts ?? []) {
    const value = Number(evaluate(amount.value, full));
    const current = Number(fieldAt(fields, amount.field) ?? 0);
    writeField(
      next,
      amount.field,
      amount.op === "set" ? value : amount.op === "add" ? current + value : current - value,
    );
  }
  for (const append of branch.append ?? []) {
    const current = fieldAt(next, append.field);
    writeField(next, append.field, [...(Array.isArray(current) ? current : []), evaluate(append.item, full)]);
  }
  if (branch.to !== undefined && branch.to !== null) next[statusField] = branch.to;
  const nextMeta: Record<string, unknown> = { ...meta };
  for (const [key, value] of Object.entries(branch.meta ?? {})) nextMeta[key] = evaluate(value, full);
  const creates = (branch.creates ?? []).map((rule) => ({
    object: rule.object,
    ...(rule.state === undefined ? {} : { state: rule.state }),
    fields: Object.fromEntries(Object.entries(rule.fields).map(([field, value]) => [field, evaluate(value, full)])),
    ...(rule.emits === undefined ? {} : { emits: rule.emits }),
  }));
  const signals = (branch.signals ?? []).map((rule) => ({
    object: rule.object,
    id: evaluate({ ref: rule.idFrom }, full),
    signal: rule.signal,
  }));
  return {
    kind: "applied",
    branch: branch.name,
    state: next[statusField] === undefined ? undefined : String(next[statusField]),
    fields: prune(next),
    meta: prune(nextMeta),
    emits: branch.emits ?? [],
    creates,
    signals,
  };
}

/** How a new object is built, as `x-payspec-lifecycle` writes it for an object kind. */
export interface ObjectDefinition {
  readonly idField: string;
  readonly statusField: string;
  readonly id: { readonly template: string; readonly requestField?: string };
  readonly timestamps?: {
    readonly created?: string;
    readonly updated?: string;
    readonly format?: "iso" | "iso-millis" | "unix";
  };
  /** `"*"`: every field of the request body; or the names of the fields to copy. */
  readonly fromRequest?: "*" | readonly string[];
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly transitions: readonly Transition[];
}

/** The mock clock's time `now` as a timestamp in `format`. */
export const stamp = (now: number, format: "iso" | "iso-millis" | "unix" = "iso-millis") =>
  format === "unix"
    ? Math.floor(now / 1000)
    : format === "iso"
      ? new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z")
      : new Date(now).toISOString();

/**
 * The request's fields an object takes: `"*"` copies the body's fields the object schema
 * declares (`declared`; every field only when the schema declares none), so request-only input
 * such as a card number is never echoed back; a list copies the named fields that were sent.
 */
export function requestFields(
  fromRequest: ObjectDefinition["fromRequest"],
  body: unknown,
  declared?: ReadonlySet<string>,
): Record<string, unknown> {
  const fields = isObject(body) ? body : {};
  if (fromRequest === "*") {
    return declared === undefined
      ? { ...fields }
      : Object.fromEntries(Object.entries(fields).filter(([name]) => declared.has(name)));
  }
  return Object.fromEntries((fromRequest ?? []).filter((name) => name in fields).map((name) => [name, fields[name]]));
}

/**
 * Builds a new object from a create request as docs/stateful-mock.md §3 says — the request's
 * fields, then the defaults (evaluated against the request and the object built so far), its id
 * (the request's own, where the provider lets the caller choose it, else the template) and
 * timestamps from the mock clock — then applies the create transition (the one triggered by
 * `operationId` without `from`), whose first matching branch gives the initial state.
 */
export function createObject(
  definition: ObjectDefinition,
  operationId: string,
  scope: Omit<Scope, "object" | "meta">,
  meta: Readonly<Record<string, unknown>> = {},
  declared?: ReadonlySet<string>,
): Outcome {
  const copied = requestFields(definition.fromRequest, scope.request?.body, declared);
  const requested =
    definition.id.requestField === undefined ? undefined : evaluate({ ref: definition.id.requestField }, scope);
  const fields: Record<string, unknown> = {
    ...copied,
    [definition.idField]:
      typeof requested === "string" && requested !== ""
        ? requested
        : evaluate({ template: definition.id.template }, scope),
  };
  for (const [field, value] of Object.entries(definition.defaults ?? {})) {
    fields[field] = evaluate(value, { ...scope, object: fields, meta });
  }
  const { created, updated, format } = definition.timestamps ?? {};
  if (created !== undefined) fields[created] = stamp(scope.now, format);
  if (updated !== undefined) fields[updated] = stamp(scope.now, format);
  const create = definition.transitions.find(
    (transition) => transition.trigger.operation === operationId && transition.from === undefined,
  );
  if (create === undefined) throw new Error(`payspec-mock lifecycle: no create transition for ${operationId}.`);
  return applyTransition(create, { fields: prune(fields), meta }, definition.statusField, scope);
}
