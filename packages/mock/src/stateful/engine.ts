import type { MockClock } from "./clock.js";
import { evaluate, type Scope } from "./expressions.js";
import type { ObjectStore } from "./store.js";
import { applyTransition, createObject, type ObjectDefinition, type Transition } from "./transition.js";

/** A request as the engine reads it (after Prism validated it). */
export interface EngineRequest {
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly path?: Readonly<Record<string, string>>;
  readonly header?: Readonly<Record<string, string>>;
}

/** What the engine answers for an operation it serves, and the events the answer emitted. */
export interface EngineAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly emits: readonly { readonly type: string; readonly kind: string; readonly object: unknown }[];
}

interface ErrorRule {
  readonly status: number;
  readonly response: string;
  readonly example?: string;
  readonly body?: unknown;
}

/** An object kind as the engine reads it from the lifecycle. */
type KindDefinition = ObjectDefinition & {
  readonly operations: Readonly<Partial<Record<"create" | "retrieve" | "list" | "update" | "delete", string>>>;
  readonly notFound?: string;
};

/** The parts of `x-payspec-lifecycle` the engine reads so far. */
export interface Lifecycle {
  readonly errors: Readonly<Record<string, ErrorRule>>;
  readonly objects: Readonly<Record<string, KindDefinition>>;
}

/** The part of the spec the engine reads: responses and their examples, for error bodies. */
interface SpecDocument {
  readonly components?: {
    readonly responses?: Readonly<
      Record<string, { content?: Record<string, { examples?: Record<string, { value?: unknown; $ref?: string }> }> }>
    >;
    readonly examples?: Readonly<Record<string, { value?: unknown }>>;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `overlay` laid over `base`: objects merge, `null` drops a key, anything else replaces. */
function overlay(base: unknown, over: unknown, scope: Scope): unknown {
  if (!isObject(over)) return typeof over === "string" ? evaluate({ template: over }, scope) : over;
  const result: Record<string, unknown> = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete result[key];
    else result[key] = overlay(result[key], value, scope);
  }
  return result;
}

/**
 * The stateful mock's engine for the operations a lifecycle names: create, retrieve, list and
 * update served from the store, transitions applied, refusals answered with the provider's own
 * error bodies (the spec's example with the lifecycle's fields laid over it). Operations it does
 * not serve return `undefined`, for Prism to answer as before.
 */
export function createLifecycleEngine(options: {
  readonly lifecycle: Lifecycle;
  readonly spec: SpecDocument;
  readonly store: ObjectStore;
  readonly clock: MockClock;
  readonly config?: Readonly<Record<string, unknown>>;
}) {
  const { lifecycle, spec, store, clock } = options;
  const metas = new Map<string, Record<string, unknown>>();

  const errorAnswer = (name: string, scope: Scope): EngineAnswer => {
    const rule = lifecycle.errors[name];
    if (rule === undefined) throw new Error(`payspec-mock lifecycle: no error ${name}.`);
    const responseName = rule.response.split("/").pop() ?? "";
    const examples = spec.components?.responses?.[responseName]?.content?.["application/json"]?.examples ?? {};
    const example = rule.example === undefined ? undefined : examples[rule.example];
    const base =
      example?.$ref !== undefined
        ? spec.components?.examples?.[example.$ref.split("/").pop() ?? ""]?.value
        : example?.value;
    return { status: rule.status, body: overlay(base, rule.body ?? {}, scope), emits: [] };
  };

  const operationsOf = new Map<string, { kind: string; role: string; transition?: Transition }>();
  for (const [kind, definition] of Object.entries(lifecycle.objects)) {
    for (const [role, operationId] of Object.entries(definition.operations)) {
      if (operationId !== undefined && role !== "create") operationsOf.set(operationId, { kind, role });
    }
    for (const transition of definition.transitions) {
      const operationId = transition.trigger.operation;
      if (operationId === undefined) continue;
      const role = transition.from === undefined ? "create" : "transition";
      operationsOf.set(operationId, { kind, role, transition });
    }
  }

  const scopeOf = (request: EngineRequest): Omit<Scope, "object" | "meta"> => ({
    now: clock.now(),
    request: {
      body: request.body ?? {},
      query: request.query ?? {},
      path: request.path ?? {},
      header: request.header ?? {},
    },
    config: options.config ?? {},
  });

  return {
    /** Whether the engine serves `operationId`. */
    serves: (operationId: string) => operationsOf.has(operationId),

    handle(operationId: string, request: EngineRequest): EngineAnswer | undefined {
      const served = operationsOf.get(operationId);
      if (served === undefined) return undefined;
      const definition = lifecycle.objects[served.kind] as KindDefinition;
      const scope = scopeOf(request);
      if (served.role === "create") {
        // The caller's own id, when the provider lets it choose one, may be taken: the create
        // transition's guards see it as meta.duplicateId.
        const requested =
          definition.id.requestField === undefined ? undefined : evaluate({ ref: definition.id.requestField }, scope);
        const duplicateId = typeof requested === "string" && store.get(served.kind, requested) !== undefined;
        const outcome = createObject(definition, operationId, scope, { duplicateId });
        if (outcome.kind === "refused") return errorAnswer(outcome.error, scope);
        const id = String(outcome.fields[definition.idField]);
        store.create(served.kind, id, outcome.fields);
        metas.set(`${served.kind} ${id}`, outcome.meta);
        return {
          status: 200,
          body: outcome.fields,
          emits: outcome.emits.map((type) => ({ type, kind: served.kind, object: outcome.fields })),
        };
      }
      if (served.role === "list") {
        return { status: 200, body: store.list(served.kind).items.map((object) => object.fields), emits: [] };
      }
      const id = request.path?.[definition.idField] ?? Object.values(request.path ?? {})[0];
      const stored = id === undefined ? undefined : store.get(served.kind, id);
      if (stored === undefined) return errorAnswer(definition.notFound ?? "notFound", scope);
      if (served.role === "retrieve") return { status: 200, body: stored.fields, emits: [] };
      if (served.role === "transition" && served.transition !== undefined) {
        const key = `${served.kind} ${stored.id}`;
        const outcome = applyTransition(
          served.transition,
          { fields: stored.fields, meta: metas.get(key) ?? {} },
          definition.statusField,
          scope,
        );
        if (outcome.kind === "refused") {
          return errorAnswer(outcome.error, { ...scope, object: stored.fields, meta: metas.get(key) ?? {} });
        }
        const { updated, format } = definition.timestamps ?? {};
        const fields =
          updated === undefined
            ? outcome.fields
            : {
                ...outcome.fields,
                [updated]: format === "unix" ? Math.floor(clock.now() / 1000) : new Date(clock.now()).toISOString(),
              };
        store.update(served.kind, stored.id, () => fields);
        metas.set(key, outcome.meta);
        return {
          status: 200,
          body: fields,
          emits: outcome.emits.map((type) => ({ type, kind: served.kind, object: fields })),
        };
      }
      // A plain update: the request's fields laid over the object.
      const fields = { ...stored.fields, ...(isObject(request.body) ? request.body : {}) };
      store.update(served.kind, stored.id, () => fields);
      return { status: 200, body: fields, emits: [] };
    },

    /** Forgets every object and the engine's memory of them. */
    reset() {
      store.reset();
      metas.clear();
    },
  };
}
