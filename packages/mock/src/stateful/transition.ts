import { allHold, type Condition, evaluate, type Scope } from "./expressions.js";

/** A branch of a transition, as `x-payspec-lifecycle` writes it (the parts applied here). */
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
  readonly emits?: readonly string[];
}

/** A transition of an object, as `x-payspec-lifecycle` writes it (the parts applied here). */
export interface Transition {
  readonly name: string;
  readonly trigger: { readonly operation?: string; readonly control?: string; readonly signal?: string };
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
    };

/**
 * Applies one transition to an object, as docs/stateful-mock.md §3 says: a state outside `from`
 * is refused with `refuse`; then the first guard that holds refuses; then the first branch whose
 * `when` holds sets the state, the fields, the amounts and the mock-only memory, and names the
 * events to emit, in order. Pure: the caller stores the result atomically.
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
  // Every value is read from the object as it was before the branch: one branch is one step.
  const next: Record<string, unknown> = { ...fields };
  for (const [field, value] of Object.entries(branch.set ?? {})) next[field] = evaluate(value, full);
  for (const amount of branch.amounts ?? []) {
    const value = Number(evaluate(amount.value, full));
    const current = Number(fields[amount.field] ?? 0);
    next[amount.field] = amount.op === "set" ? value : amount.op === "add" ? current + value : current - value;
  }
  if (branch.to !== undefined && branch.to !== null) next[statusField] = branch.to;
  const nextMeta: Record<string, unknown> = { ...meta };
  for (const [key, value] of Object.entries(branch.meta ?? {})) nextMeta[key] = evaluate(value, full);
  return {
    kind: "applied",
    branch: branch.name,
    state: next[statusField] === undefined ? undefined : String(next[statusField]),
    fields: next,
    meta: nextMeta,
    emits: branch.emits ?? [],
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

const stamp = (now: number, format: "iso" | "iso-millis" | "unix" = "iso-millis") =>
  format === "unix"
    ? Math.floor(now / 1000)
    : format === "iso"
      ? new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z")
      : new Date(now).toISOString();

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
): Outcome {
  const body = (scope.request?.body ?? {}) as Record<string, unknown>;
  const copied =
    definition.fromRequest === "*"
      ? { ...body }
      : Object.fromEntries(
          (definition.fromRequest ?? []).filter((name) => name in body).map((name) => [name, body[name]]),
        );
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
    fields[field] = evaluate(value, { ...scope, object: fields });
  }
  const { created, updated, format } = definition.timestamps ?? {};
  if (created !== undefined) fields[created] = stamp(scope.now, format);
  if (updated !== undefined) fields[updated] = stamp(scope.now, format);
  const create = definition.transitions.find(
    (transition) => transition.trigger.operation === operationId && transition.from === undefined,
  );
  if (create === undefined) throw new Error(`payspec-mock lifecycle: no create transition for ${operationId}.`);
  return applyTransition(create, { fields, meta }, definition.statusField, scope);
}
