import type { ValidateFunction } from "ajv/dist/2020.js";
import { documentAjv } from "../schema-validation.js";
import type { MockClock } from "./clock.js";
import type { EmittedEvent } from "./events.js";
import { durationMs, evaluate, instant, type Scope } from "./expressions.js";
import { type ListOperation, listAnswer, listOperation } from "./list-page.js";
import type { ObjectStore, StoredObject } from "./store.js";
import {
  applyTransition,
  createObject,
  fieldAt,
  type ObjectDefinition,
  type Outcome,
  prune,
  requestFields,
  stamp,
  type Transition,
} from "./transition.js";

/** A request as the engine reads it (after Prism validated it). Header names match case-insensitively. */
export interface EngineRequest {
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly path?: Readonly<Record<string, string>>;
  readonly header?: Readonly<Record<string, string>>;
}

/** What the engine answers for an operation it serves. */
export interface EngineAnswer {
  readonly status: number;
  /** `undefined` when the operation's answer has no body (a 204). */
  readonly body: unknown;
  /** The media type the spec declares for this operation and status (`application/problem+json`, …). */
  readonly mediaType: string;
  /** Every event the request caused, in the order `emit` received them (related objects' too). */
  readonly emits: readonly EmittedEvent[];
}

/** What `inspect` shows of a stored object: its fields, the mock-only memory and pending timers. */
export interface InspectedObject {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly meta: Readonly<Record<string, unknown>>;
  /** Each pending clock transition as `name@ISO time`, soonest first. */
  readonly timers: string[];
}

interface ErrorRule {
  readonly status: number;
  readonly response: string;
  readonly example?: string;
  readonly body?: unknown;
}

type Role = "create" | "retrieve" | "list" | "update" | "delete";

/** An object kind as the engine reads it from the lifecycle. */
type KindDefinition = ObjectDefinition & {
  readonly schema?: string;
  readonly envelope?: string;
  readonly states?: readonly string[];
  readonly parent?: { readonly object: string; readonly idFrom: string };
  readonly operations: Readonly<Partial<Record<Role, string>>>;
  readonly createResponse?: unknown;
  readonly notFound?: string;
};

/** The parts of `x-payspec-lifecycle` the engine reads. */
export interface Lifecycle {
  readonly errors: Readonly<Record<string, ErrorRule>>;
  readonly objects: Readonly<Record<string, KindDefinition>>;
  readonly webhooks?: {
    readonly targets?: {
      /** Webhook endpoints registered through the provider's API: stored with plain CRUD. */
      readonly endpoints?: {
        readonly operations: Readonly<Partial<Record<Role, string>>>;
        readonly urlField?: string;
        readonly eventsField?: string;
      };
    };
  };
}

type Json = Record<string, unknown>;

/** The part of the spec the engine reads: operations' responses, schemas and examples. */
export interface SpecDocument {
  readonly paths?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: {
    readonly responses?: Readonly<Record<string, unknown>>;
    readonly examples?: Readonly<Record<string, unknown>>;
    readonly schemas?: Readonly<Record<string, unknown>>;
  };
}

/** The options of {@link createLifecycleEngine}. */
export interface EngineOptions {
  readonly lifecycle: Lifecycle;
  readonly spec: SpecDocument;
  readonly store: ObjectStore;
  readonly clock: MockClock;
  /**
   * `merchantId`, `baseUrl`, `checkoutBaseUrl` (defaults to `baseUrl`), `userId`: read as `config.*`,
   * at each use (the server adds `baseUrl` once it listens).
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /**
   * Called synchronously, after the object is saved, with the events of every branch that
   * `emits` (one call per branch, in `emits` order), whatever fired it: a request, the clock, the
   * control API, a signal or a delivery outcome. It should not throw: the branch is already saved.
   */
  readonly emit?: (events: readonly EmittedEvent[]) => void;
  /** Called for every transition the engine applies or refuses (tests measure coverage with it). */
  readonly trace?: (step: TraceStep) => void;
}

/** A transition the engine ran: applied (with the branch, by name or index) or refused (with the error). */
export interface TraceStep {
  readonly kind: string;
  readonly id: string | undefined;
  readonly transition: string;
  readonly result: "applied" | "refused";
  readonly branch?: string;
  readonly error?: string;
}

/** The kind name the engine stores `webhooks.targets.endpoints` under (plain CRUD, no lifecycle). */
export const ENDPOINT_KIND = "webhookEndpoint";

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** `overlay` laid over `base`: objects merge, `null` drops a key, strings are templates, anything else replaces. */
function overlay(base: unknown, over: unknown, scope: Scope): unknown {
  if (!isObject(over)) return typeof over === "string" ? evaluate({ template: over }, scope) : over;
  const result: Json = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete result[key];
    else result[key] = overlay(result[key], value, scope);
  }
  return result;
}

/** Header names compared case-insensitively, as HTTP does (`request.header.X-Payspec-Outcome`). */
function headers(header: Readonly<Record<string, string>> | undefined): Json {
  const lower: Json = {};
  for (const [name, value] of Object.entries(header ?? {})) lower[name.toLowerCase()] = value;
  return new Proxy(lower, {
    get: (target, name) => (typeof name === "string" ? target[name.toLowerCase()] : undefined),
  });
}

/**
 * Whether a value expression reads a request field that is absent without a `default` of its own
 * (a `{ ref }` or a template placeholder under `request.`).
 */
function readsAbsent(expression: unknown, scope: Scope): boolean {
  if (Array.isArray(expression)) return expression.some((item) => readsAbsent(item, scope));
  if (!isObject(expression)) return false;
  if (typeof expression.ref === "string") {
    if (!expression.ref.startsWith("request.")) return false;
    if (evaluate({ ref: expression.ref }, scope) !== undefined) return false;
    return !("default" in expression) || readsAbsent(expression.default, scope);
  }
  if (typeof expression.template === "string") {
    return [...expression.template.matchAll(/\{(request\.[^{}:]+)(?::[^{}]*)?\}/g)].some(
      (match) => evaluate({ ref: match[1] }, scope) === undefined,
    );
  }
  return Object.values(expression).some((member) => readsAbsent(member, scope));
}

/** A ref to an object field (`object.current_period_end`) or a bare field name, as a field path. */
const objectField = (ref: string) => ref.replace(/^object\./, "");

/**
 * The stateful mock's engine for the operations a lifecycle names (docs/stateful-mock.md §3): each
 * object kind's create, retrieve, list, update and delete served from the store; its transitions
 * — fired by an operation, the mock clock, the control API, a related object's signal or a
 * webhook delivery's outcome — applied atomically, their events handed to `emit`, their creates
 * and signals run after the object is saved; refusals answered with the provider's own error
 * bodies (the spec's example with the lifecycle's fields laid over it). Everything is synchronous
 * (no `await` between a read and its write), so concurrent requests lose no update. Operations it
 * does not serve answer `undefined`, for Prism to answer as before. Generic: every rule comes from
 * the lifecycle and the spec.
 */
export function createLifecycleEngine(options: EngineOptions) {
  const { lifecycle, spec, store, clock } = options;
  // Read at each use, not copied once: the server sets `baseUrl` only after it listens, which is
  // after the engine was built (a first checkout link would otherwise start with "undefined").
  const configNow = (): Json => {
    const config: Json = { ...options.config };
    if (config.checkoutBaseUrl === undefined && config.baseUrl !== undefined) config.checkoutBaseUrl = config.baseUrl;
    return config;
  };

  // ---- The spec: pointers, operations, their success answers and examples. ----
  const resolve = (pointer: string): unknown => {
    let node: unknown = spec;
    for (const raw of pointer.replace(/^#\//, "").split("/")) {
      if (!isObject(node)) return undefined;
      node = node[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node;
  };
  const deref = (node: unknown): unknown => {
    let current = node;
    for (let depth = 0; depth < 20 && isObject(current) && typeof current.$ref === "string"; depth++) {
      current = resolve(current.$ref);
    }
    return current;
  };
  const firstExample = (content: unknown, name?: string): unknown => {
    if (!isObject(content)) return undefined;
    if (name === undefined && "example" in content) return content.example;
    const examples = isObject(content.examples) ? content.examples : {};
    const example = deref(name === undefined ? Object.values(examples)[0] : examples[name]);
    return isObject(example) ? example.value : undefined;
  };

  interface OperationInfo {
    readonly responses: Json;
    readonly successStatus: number;
    /** The last path parameter: the id of the object the operation acts on. */
    readonly idParameter: string | undefined;
  }
  const operations = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation) || typeof operation.operationId !== "string") continue;
      const responses = isObject(operation.responses) ? operation.responses : {};
      const success = Object.keys(responses)
        .filter((status) => /^2\d\d$/.test(status))
        .sort()[0];
      const parameters = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      operations.set(operation.operationId, {
        responses,
        successStatus: success === undefined ? 200 : Number(success),
        idParameter: parameters.at(-1),
      });
    }
  }
  const responseOf = (operationId: string, status: number) => {
    const responses = operations.get(operationId)?.responses ?? {};
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    const response = deref(declared);
    return isObject(response) && isObject(response.content) ? response.content : undefined;
  };
  /** The media type the spec declares for an operation's answer with `status` (JSON when it declares none). */
  const mediaTypeOf = (operationId: string, status: number) =>
    Object.keys(responseOf(operationId, status) ?? {})[0] ?? "application/json";
  const successStatus = (operationId: string) => operations.get(operationId)?.successStatus ?? 200;
  const successExample = (operationId: string) => {
    const content = responseOf(operationId, successStatus(operationId));
    return content === undefined ? undefined : firstExample(Object.values(content)[0]);
  };

  /** The property names of a schema (through `$ref` and `allOf`), and whether it admits others. */
  const schemaShape = (pointer: string | undefined) => {
    const names = new Set<string>();
    let closed = false;
    const visit = (node: unknown, depth: number) => {
      const schema = deref(node);
      if (!isObject(schema) || depth > 10) return;
      if (isObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
      if (schema.additionalProperties === false) closed = true;
      if (Array.isArray(schema.allOf)) for (const part of schema.allOf) visit(part, depth + 1);
    };
    if (pointer !== undefined) visit({ $ref: pointer }, 0);
    return { names, closed };
  };

  // ---- The object kinds: the lifecycle's, and registered webhook endpoints as plain CRUD. ----
  interface Kind {
    readonly name: string;
    readonly definition: KindDefinition;
    /** No states and no transitions: stored as sent (webhook endpoints). */
    readonly plain: boolean;
    /** The schema's properties, which a `"*"` copy keeps (undefined when it declares none). */
    readonly copied: ReadonlySet<string> | undefined;
    /** Every property the schema declares (empty when it declares none). */
    readonly declared: ReadonlySet<string>;
  }
  const kinds = new Map<string, Kind>();
  const addKind = (name: string, definition: KindDefinition, plain: boolean) => {
    const shape = schemaShape(definition.schema);
    kinds.set(name, {
      name,
      definition,
      plain,
      copied: shape.names.size > 0 ? shape.names : undefined,
      declared: shape.names,
    });
  };
  for (const [name, definition] of Object.entries(lifecycle.objects)) addKind(name, definition, false);
  const endpoints = lifecycle.webhooks?.targets?.endpoints;
  if (endpoints !== undefined && !kinds.has(ENDPOINT_KIND)) {
    // Stored with the id format of the schema's own example (`we_prod_k4l5m6n7` → `we_prod_` + 16).
    const create = endpoints.operations.create;
    const content = create === undefined ? undefined : responseOf(create, successStatus(create));
    const media = content === undefined ? undefined : deref(Object.values(content)[0]);
    const schemaRef = isObject(media) && isObject(media.schema) ? media.schema.$ref : undefined;
    const schema = deref(media === undefined ? undefined : (media as Json).schema);
    const idProperty = isObject(schema) && isObject(schema.properties) ? deref(schema.properties.id) : undefined;
    const examples = isObject(idProperty) && Array.isArray(idProperty.examples) ? idProperty.examples : [];
    const prefix = /^(.*_)[^_]*$/.exec(String(examples[0] ?? ""))?.[1];
    addKind(
      ENDPOINT_KIND,
      {
        ...(typeof schemaRef === "string" ? { schema: schemaRef } : {}),
        idField: "id",
        statusField: "",
        id: { template: prefix === undefined ? "{uuid}" : `${prefix}{alnum:16}` },
        fromRequest: "*",
        operations: endpoints.operations,
        transitions: [],
      },
      true,
    );
  }

  interface Served {
    readonly kind: Kind;
    readonly role: Role | "transition";
    readonly transition?: Transition;
  }
  // A list operation's paging, parameters and 200 schema, read from the spec once.
  const listOperations = new Map<string, ListOperation>();
  const listOperationOf = (operationId: string) => {
    let operation = listOperations.get(operationId);
    if (operation === undefined) {
      operation = listOperation(spec, operationId);
      listOperations.set(operationId, operation);
    }
    return operation;
  };
  const served = new Map<string, Served>();
  for (const kind of kinds.values()) {
    for (const [role, operationId] of Object.entries(kind.definition.operations)) {
      if (operationId !== undefined) served.set(operationId, { kind, role: role as Role });
    }
  }
  // An operation that triggers a transition is served by it (an update operation merges the
  // request's fields first, see `handle`).
  for (const kind of kinds.values()) {
    for (const transition of kind.definition.transitions) {
      const operationId = transition.trigger.operation;
      if (operationId === undefined) continue;
      if (transition.from === undefined) served.set(operationId, { kind, role: "create", transition });
      else served.set(operationId, { kind, role: "transition", transition });
    }
  }

  // ---- Memory beside the store: mock-only meta, parents, when each object entered its state, timers. ----
  const keyOf = (kind: string, id: string) => `${kind} ${id}`;
  const metas = new Map<string, Json>();
  const parents = new Map<string, { kind: string; id: string }>();
  const entered = new Map<string, number>();
  const timers = new Map<string, Map<string, { at: number; cancel: () => void }>>();
  /** The time each clock transition last fired at, so a branch that stays never fires it again for that time. */
  const fired = new Map<string, Map<string, number>>();
  /** The events of the request being handled (for `EngineAnswer.emits`). */
  let collected: EmittedEvent[] | undefined;

  const lookup = (operation: string, id: unknown, field: string): unknown => {
    for (const kind of kinds.values()) {
      if (kind.definition.operations.retrieve !== operation || typeof id !== "string") continue;
      const stored = store.get(kind.name, id);
      if (stored !== undefined) return fieldAt(stored.fields, field);
    }
    const example = successExample(operation);
    const owner = [...kinds.values()].find((kind) => kind.definition.operations.retrieve === operation);
    const envelope = owner?.definition.envelope;
    const object = envelope !== undefined && isObject(example) ? example[envelope] : example;
    return isObject(object) ? fieldAt(object, field) : undefined;
  };

  const emptyRequest = { body: {}, query: {}, path: {}, header: headers(undefined) };
  const baseScope = (request?: EngineRequest): Omit<Scope, "object" | "meta"> => ({
    now: clock.now(),
    request:
      request === undefined
        ? emptyRequest
        : {
            body: request.body ?? {},
            query: request.query ?? {},
            path: request.path ?? {},
            header: headers(request.header),
          },
    config: configNow(),
    lookup,
  });
  /** `parent.*` and `parentMeta.*` of a stored object. */
  const parentScope = (kind: string, id: string) => {
    const parent = parents.get(keyOf(kind, id));
    if (parent === undefined) return {};
    return {
      parent: store.get(parent.kind, parent.id)?.fields,
      parentMeta: metas.get(keyOf(parent.kind, parent.id)) ?? {},
    };
  };

  const errorAnswer = (name: string, scope: Scope, operationId: string): EngineAnswer => {
    const rule = lifecycle.errors[name];
    if (rule === undefined) throw new Error(`payspec-mock lifecycle: no error ${name}.`);
    const response = deref({ $ref: rule.response });
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    // The media type whose examples hold the named example (`application/problem+json` where a spec uses it).
    const [mediaType, media] = Object.entries(content).find(
      ([, candidate]) =>
        rule.example === undefined ||
        (isObject(candidate) && isObject(candidate.examples) && rule.example in candidate.examples),
    ) ??
      Object.entries(content)[0] ?? ["application/json", undefined];
    const base = rule.example === undefined ? undefined : firstExample(media, rule.example);
    return {
      status: rule.status,
      body: overlay(base, rule.body ?? {}, scope),
      mediaType: mediaType ?? mediaTypeOf(operationId, rule.status),
      emits: [],
    };
  };

  /** An unknown id: the kind's `notFound` error, else the operation's own documented 404. */
  const notFoundAnswer = (kind: Kind, scope: Scope, operationId: string): EngineAnswer => {
    if (kind.definition.notFound !== undefined) return errorAnswer(kind.definition.notFound, scope, operationId);
    const content = responseOf(operationId, 404);
    return {
      status: 404,
      body: content === undefined ? { error: "not_found" } : (firstExample(Object.values(content)[0]) ?? {}),
      mediaType: mediaTypeOf(operationId, 404),
      emits: [],
    };
  };

  const wrap = (kind: Kind, fields: unknown) =>
    kind.definition.envelope === undefined ? fields : { [kind.definition.envelope]: fields };
  const success = (operationId: string, body: unknown): EngineAnswer => {
    const status = successStatus(operationId);
    return {
      status,
      body: status === 204 ? undefined : body,
      mediaType: mediaTypeOf(operationId, status),
      emits: [],
    };
  };

  // ---- The clock: a state's clock transitions scheduled on entering it, cancelled on leaving. ----
  const dueAt = (kind: Kind, transition: Transition, stored: StoredObject): number | undefined => {
    const rule = transition.trigger.clock;
    if (rule === undefined) return undefined;
    const state = String(stored.fields[kind.definition.statusField]);
    if (transition.from !== undefined && !transition.from.includes(state)) return undefined;
    if (rule.at !== undefined) {
      const scope = { now: clock.now(), object: stored.fields, meta: metas.get(keyOf(kind.name, stored.id)) ?? {} };
      const at = instant(evaluate({ ref: rule.at }, scope));
      // `before`: a reminder ahead of a field's time (PaymentKit's three days before trial_end).
      return at === undefined || rule.before === undefined ? at : at - durationMs(rule.before);
    }
    if (rule.after === undefined) return undefined;
    const since = rule.since ?? "state";
    const base =
      since === "state"
        ? entered.get(keyOf(kind.name, stored.id))
        : instant(fieldAt(stored.fields, objectField(since)));
    return base === undefined ? undefined : base + durationMs(rule.after);
  };

  /**
   * Brings an object's timers in line with its state and fields: each clock transition whose
   * `from` holds the state is due `after` its wait since the state was entered (or since a field's
   * time), or `at` a field's time (less `before`, for a reminder ahead of it); a changed time reschedules it, a state it does not start from
   * cancels it. A time it already fired at is not scheduled again (a branch that stays).
   */
  const reconcile = (kind: Kind, id: string) => {
    const key = keyOf(kind.name, id);
    const stored = store.get(kind.name, id);
    const pending = timers.get(key) ?? new Map<string, { at: number; cancel: () => void }>();
    for (const transition of kind.definition.transitions) {
      if (transition.trigger.clock === undefined) continue;
      const at = stored === undefined ? undefined : dueAt(kind, transition, stored);
      const current = pending.get(transition.name);
      if (current !== undefined && current.at === at) continue;
      current?.cancel();
      pending.delete(transition.name);
      if (at === undefined || fired.get(key)?.get(transition.name) === at) continue;
      const cancel = clock.schedule(at, () => {
        if (timers.get(key)?.get(transition.name)?.at !== at) return;
        timers.get(key)?.delete(transition.name);
        const times = fired.get(key) ?? new Map<string, number>();
        times.set(transition.name, at);
        fired.set(key, times);
        const now = store.get(kind.name, id);
        if (now !== undefined) run(kind, now, transition, baseScope());
        reconcile(kind, id);
      });
      pending.set(transition.name, { at, cancel });
    }
    if (pending.size === 0) timers.delete(key);
    else timers.set(key, pending);
  };
  const forget = (kind: string, id: string) => {
    const key = keyOf(kind, id);
    for (const timer of timers.get(key)?.values() ?? []) timer.cancel();
    timers.delete(key);
    fired.delete(key);
    metas.delete(key);
    parents.delete(key);
    entered.delete(key);
  };

  // ---- Saving a branch, then its events, creates and signals. ----
  const publish = (events: EmittedEvent[]) => {
    if (events.length === 0) return;
    collected?.push(...events);
    options.emit?.(events);
  };

  const trace = (kind: Kind, id: string | undefined, transition: Transition, outcome: Outcome) => {
    if (options.trace === undefined) return;
    if (outcome.kind === "refused") {
      options.trace({ kind: kind.name, id, transition: transition.name, result: "refused", error: outcome.error });
      return;
    }
    const index = transition.branches.findIndex((branch) => branch.name === outcome.branch);
    // An unnamed branch is named by its position (the first unnamed one: branches are tried in order).
    const branch = outcome.branch ?? `#${index}`;
    options.trace({ kind: kind.name, id, transition: transition.name, result: "applied", branch });
  };

  /**
   * Saves what a branch decided (stamping the updated time), reschedules the object's timers,
   * hands its events to `emit`, then creates the branch's new objects and sends its signals.
   */
  const commit = (
    kind: Kind,
    previous: StoredObject | undefined,
    outcome: Extract<Outcome, { kind: "applied" }>,
    scope: Omit<Scope, "object" | "meta">,
  ) => {
    const definition = kind.definition;
    const fields = { ...outcome.fields };
    const { updated, format } = definition.timestamps ?? {};
    if (previous !== undefined && updated !== undefined) fields[updated] = stamp(clock.now(), format);
    const id = String(fields[definition.idField]);
    const key = keyOf(kind.name, id);
    if (previous === undefined) store.create(kind.name, id, fields);
    else store.update(kind.name, id, () => fields);
    metas.set(key, outcome.meta);
    if (previous === undefined || previous.fields[definition.statusField] !== fields[definition.statusField]) {
      entered.set(key, clock.now());
    }
    reconcile(kind, id);
    publish(outcome.emits.map((type) => ({ type, kind: kind.name, id, object: fields, previous: previous?.fields })));
    for (const rule of outcome.creates) createRelated(rule, scope);
    for (const rule of outcome.signals) {
      if (typeof rule.id === "string" || typeof rule.id === "number")
        signal(rule.object, String(rule.id), rule.signal, fields);
    }
    return fields;
  };

  /**
   * Runs a transition on a stored object: refused (its state or a guard), or applied and saved.
   * `merge` (an update's request fields) is laid over the object first.
   */
  const run = (
    kind: Kind,
    stored: StoredObject,
    transition: Transition,
    scope: Omit<Scope, "object" | "meta">,
    merge: Json = {},
  ): { refused: Extract<Outcome, { kind: "refused" }>; scope: Scope } | { fields: Json } => {
    const withParent = { ...scope, ...parentScope(kind.name, stored.id) };
    const meta = metas.get(keyOf(kind.name, stored.id)) ?? {};
    const fields = { ...stored.fields, ...merge };
    const outcome = applyTransition(transition, { fields, meta }, kind.definition.statusField, withParent);
    trace(kind, stored.id, transition, outcome);
    if (outcome.kind === "refused") {
      return { refused: outcome, scope: { ...withParent, object: stored.fields, meta } };
    }
    return { fields: commit(kind, stored, outcome, withParent) };
  };

  /** Transitions of `kind` whose trigger matches, the first whose `from` holds the state. */
  const matching = (kind: Kind, stored: StoredObject, test: (transition: Transition) => boolean) => {
    const candidates = kind.definition.transitions.filter(test);
    const state = String(stored.fields[kind.definition.statusField]);
    return {
      candidates,
      runnable: candidates.find((transition) => transition.from === undefined || transition.from.includes(state)),
    };
  };

  /**
   * A signal from a related object: runs the target's transition triggered by it, with `params`
   * the sender's fields. A missing target, a state the transition does not start from, or a guard
   * that refuses leaves the target as it is (nobody is there to answer).
   */
  const signal = (kindName: string, id: string, name: string, params: unknown) => {
    const kind = kinds.get(kindName);
    const stored = kind === undefined ? undefined : store.get(kindName, id);
    if (kind === undefined || stored === undefined) return;
    const { runnable } = matching(kind, stored, (transition) => transition.trigger.signal === name);
    if (runnable !== undefined) run(kind, stored, runnable, { ...baseScope(), params });
  };

  /**
   * A branch's `creates`: a new object of another kind with the given fields and initial state
   * (the kind's first state when none is given); its id, its defaults for the fields not given
   * (evaluated over those, with an empty request) and its timestamps as a create would make them.
   * No create transition runs; the rule's own `emits` are sent for the new object once it is
   * saved (none by default); its state's timers are scheduled.
   */
  const createRelated = (
    rule: {
      readonly object: string;
      readonly state?: string;
      readonly fields: Json;
      readonly emits?: readonly string[];
    },
    scope: Omit<Scope, "object" | "meta">,
  ) => {
    const kind = kinds.get(rule.object);
    if (kind === undefined) throw new Error(`payspec-mock lifecycle: creates names no object kind ${rule.object}.`);
    const built = build(kind, rule.fields, rule.state, { ...scope, request: emptyRequest });
    if ("invalid" in built) throw new Error(`payspec-mock lifecycle: creates ${rule.object}: ${built.invalid}`);
    save(kind, built.fields);
    const id = String(built.fields[kind.definition.idField]);
    publish(
      (rule.emits ?? []).map((type) => ({ type, kind: kind.name, id, object: built.fields, previous: undefined })),
    );
  };

  /**
   * An object made outside a create transition (a branch's `creates`, a seed): its defaults
   * evaluated with `request` for the fields not given, the given fields over them, an id, the
   * timestamps, the state.
   */
  const build = (
    kind: Kind,
    given: Json,
    state: string | undefined,
    scope: Omit<Scope, "object" | "meta">,
  ): { fields: Json } | { invalid: string } => {
    const definition = kind.definition;
    const fields: Json = { ...given };
    const idGiven = given[definition.idField];
    fields[definition.idField] =
      typeof idGiven === "string" && idGiven !== "" ? idGiven : evaluate({ template: definition.id.template }, scope);
    for (const [field, value] of Object.entries(definition.defaults ?? {})) {
      // A default built from a request field that was not given (with no fallback of its own) has
      // nothing to build from here: it is left out rather than made of blanks.
      if (field in given || readsAbsent(value, scope)) continue;
      fields[field] = evaluate(value, { ...scope, object: fields, meta: {} });
    }
    const { created, updated, format } = definition.timestamps ?? {};
    if (created !== undefined && !(created in given)) fields[created] = stamp(clock.now(), format);
    if (updated !== undefined && !(updated in given)) fields[updated] = stamp(clock.now(), format);
    if (!kind.plain) {
      const initial = state ?? definition.states?.[0];
      if (initial === undefined || (definition.states !== undefined && !definition.states.includes(initial))) {
        return {
          invalid: `${String(initial)} is not a state of ${kind.name} (${(definition.states ?? []).join(", ")}).`,
        };
      }
      fields[definition.statusField] = initial;
    }
    if (store.get(kind.name, String(fields[definition.idField])) !== undefined) {
      return { invalid: `a ${kind.name} ${String(fields[definition.idField])} exists already.` };
    }
    return { fields: prune(fields) };
  };
  /** Stores a built object with empty memory, its parent (read from its own field) and its timers. */
  const save = (kind: Kind, fields: Json) => {
    const id = String(fields[kind.definition.idField]);
    const key = keyOf(kind.name, id);
    store.create(kind.name, id, fields);
    metas.set(key, {});
    entered.set(key, clock.now());
    const parent = kind.definition.parent;
    const parentId = parent === undefined ? undefined : fields[objectField(parent.idFrom).split(".").at(-1) ?? ""];
    if (parent !== undefined && typeof parentId === "string") parents.set(key, { kind: parent.object, id: parentId });
    reconcile(kind, id);
    return id;
  };

  // ---- Seeds are checked against the object's schema, with the spec's shared Ajv. ----
  const validators = new Map<string, ValidateFunction | undefined>();
  const validatorFor = (pointer: string) => {
    if (!validators.has(pointer)) validators.set(pointer, documentAjv(spec as object).getSchema(`spec${pointer}`));
    return validators.get(pointer);
  };

  const withEvents = (answer: EngineAnswer, events: EmittedEvent[]): EngineAnswer => ({ ...answer, emits: events });

  const handleCreate = (operationId: string, kind: Kind, scope: Omit<Scope, "object" | "meta">): EngineAnswer => {
    const definition = kind.definition;
    if (kind.plain) {
      const built = build(kind, requestFields("*", scope.request?.body, kind.copied), undefined, scope);
      if ("invalid" in built) throw new Error(`payspec-mock lifecycle: ${built.invalid}`);
      save(kind, built.fields);
      return success(operationId, wrap(kind, built.fields));
    }
    // A child object (a refund) needs its parent: an unknown one answers the parent's notFound.
    let withParent = scope;
    let parentId: string | undefined;
    if (definition.parent !== undefined) {
      const parentKind = kinds.get(definition.parent.object);
      const wanted = evaluate({ ref: definition.parent.idFrom }, scope);
      const parent =
        parentKind === undefined || typeof wanted !== "string" ? undefined : store.get(parentKind.name, wanted);
      if (parentKind === undefined || parent === undefined) {
        if (parentKind === undefined)
          throw new Error(`payspec-mock lifecycle: no parent kind ${definition.parent.object}.`);
        return notFoundAnswer(parentKind, scope as Scope, operationId);
      }
      parentId = parent.id;
      withParent = { ...scope, parent: parent.fields, parentMeta: metas.get(keyOf(parentKind.name, parent.id)) ?? {} };
    }
    // The caller's own id, when the provider lets it choose one, may be taken: the create
    // transition's guards see it as meta.duplicateId (never stored).
    const requested =
      definition.id.requestField === undefined ? undefined : evaluate({ ref: definition.id.requestField }, scope);
    const duplicateId = typeof requested === "string" && store.get(kind.name, requested) !== undefined;
    const outcome = createObject(definition, operationId, withParent, { duplicateId }, kind.copied);
    const create = definition.transitions.find(
      (transition) => transition.trigger.operation === operationId && transition.from === undefined,
    );
    if (create !== undefined) {
      trace(kind, outcome.kind === "applied" ? String(outcome.fields[definition.idField]) : undefined, create, outcome);
    }
    if (outcome.kind === "refused") return errorAnswer(outcome.error, withParent as Scope, operationId);
    const { duplicateId: _, ...meta } = outcome.meta;
    const id = String(outcome.fields[definition.idField]);
    if (parentId !== undefined && definition.parent !== undefined) {
      parents.set(keyOf(kind.name, id), { kind: definition.parent.object, id: parentId });
    }
    const fields = commit(kind, undefined, { ...outcome, meta }, withParent);
    const body =
      definition.createResponse === undefined
        ? wrap(kind, fields)
        : evaluate(definition.createResponse, { ...withParent, object: fields, meta });
    return success(operationId, body);
  };

  const handleExisting = (
    operationId: string,
    entry: Served,
    request: EngineRequest,
    scope: Omit<Scope, "object" | "meta">,
  ): EngineAnswer => {
    const { kind } = entry;
    const definition = kind.definition;
    const info = operations.get(operationId);
    const path = request.path ?? {};
    const named = isObject(request.body) ? request.body[definition.idField] : undefined;
    const id =
      (info?.idParameter === undefined ? undefined : path[info.idParameter]) ??
      path[definition.idField] ??
      Object.values(path).at(-1) ??
      // An operation that names its object in the body (Paymnt Cloud's evidence submission).
      (typeof named === "string" ? named : undefined);
    const stored = id === undefined ? undefined : store.get(kind.name, id);
    if (stored === undefined) return notFoundAnswer(kind, scope as Scope, operationId);
    if (entry.role === "retrieve") return success(operationId, wrap(kind, stored.fields));
    if (entry.role === "delete") {
      store.delete(kind.name, stored.id);
      forget(kind.name, stored.id);
      // The operation's documented answer (DeletedObject's `{ id, deleted: true }`) with the
      // object's same-named fields laid over it; the object itself when none is documented.
      const example = successExample(operationId);
      const body = isObject(example)
        ? Object.fromEntries(Object.entries(example).map(([key, value]) => [key, stored.fields[key] ?? value]))
        : wrap(kind, stored.fields);
      return success(operationId, body);
    }
    // An update lays the request's fields that the object's schema declares (every field when it
    // declares none; never the id or the status) over the object, then runs its transition if the
    // lifecycle declares one. (`fromRequest` is what a create copies; an update changes what the
    // object has, such as an amount or a cancel-at-period-end flag.)
    const merge =
      operationId === definition.operations.update
        ? requestFields("*", request.body, kind.declared.size > 0 ? kind.declared : undefined)
        : {};
    delete merge[definition.idField];
    delete merge[definition.statusField];
    if (entry.transition === undefined) {
      const fields = { ...stored.fields, ...merge };
      const { updated, format } = definition.timestamps ?? {};
      if (updated !== undefined) fields[updated] = stamp(clock.now(), format);
      store.update(kind.name, stored.id, () => prune(fields));
      reconcile(kind, stored.id);
      return success(operationId, wrap(kind, prune(fields)));
    }
    const result = run(kind, stored, entry.transition, scope, merge);
    if ("refused" in result) return errorAnswer(result.refused.error, result.scope, operationId);
    return success(operationId, wrap(kind, result.fields));
  };

  return {
    /** Whether the engine serves `operationId`. */
    serves: (operationId: string): boolean => served.has(operationId),

    /**
     * Answers an operation the lifecycle serves (synchronously: read, decide and write with no
     * `await` between), or `undefined` for Prism to answer.
     */
    handle(operationId: string, request: EngineRequest): EngineAnswer | undefined {
      const entry = served.get(operationId);
      if (entry === undefined) return undefined;
      const scope = baseScope(request);
      if (entry.role === "list") {
        const kind = entry.kind.name;
        const page = listAnswer({
          operation: listOperationOf(operationId),
          request,
          objects: (filter, range) => {
            const listed = store.list(kind, { ...range, filter: (object) => filter(object.fields) });
            return { ...listed, items: listed.items.map((object) => object.fields) };
          },
          ...(entry.kind.definition.timestamps?.created === undefined
            ? {}
            : { createdField: entry.kind.definition.timestamps.created }),
        });
        return success(operationId, page);
      }
      const events: EmittedEvent[] = [];
      const outer = collected;
      collected = events;
      try {
        const answer =
          entry.role === "create"
            ? handleCreate(operationId, entry.kind, scope)
            : handleExisting(operationId, entry, request, scope);
        return withEvents(answer, events);
      } finally {
        collected = outer;
      }
    },

    /**
     * Fires a provider-side event through the control API (§6): the object's transition whose
     * `trigger.control` is `name` (or, for tests, whose `trigger.signal` is: a related object's
     * signal sent by hand), with `params` as `params.*`. Answers payspec's own bodies: 200 and the
     * object's fields; 404 `not_found` for an unknown kind or id, `unknown_event` (with the names it
     * knows) for an unknown name; 409 `transition_not_allowed` for a state outside `from`, and
     * `transition_refused` (with the lifecycle's error name) when a guard refuses.
     */
    fire(kind: string, id: string, name: string, params?: unknown): { status: number; body: unknown } {
      const found = kinds.get(kind);
      if (found === undefined) {
        return {
          status: 404,
          body: { error: "not_found", message: `No object kind ${kind}; kinds: ${[...kinds.keys()].join(", ")}.` },
        };
      }
      const stored = store.get(kind, id);
      if (stored === undefined) return { status: 404, body: { error: "not_found", message: `No ${kind} ${id}.` } };
      const { candidates, runnable } = matching(
        found,
        stored,
        (transition) => transition.trigger.control === name || transition.trigger.signal === name,
      );
      if (candidates.length === 0) {
        const events = found.definition.transitions.flatMap((transition) =>
          transition.trigger.control !== undefined
            ? [transition.trigger.control]
            : transition.trigger.signal !== undefined
              ? [transition.trigger.signal]
              : [],
        );
        return {
          status: 404,
          body: { error: "unknown_event", message: `A ${kind} has no event ${name}.`, events: [...new Set(events)] },
        };
      }
      const state = String(stored.fields[found.definition.statusField]);
      if (runnable === undefined) {
        const from = [...new Set(candidates.flatMap((transition) => transition.from ?? []))];
        return { status: 409, body: { error: "transition_not_allowed", from, state } };
      }
      const result = run(found, stored, runnable, { ...baseScope(), params: params ?? {} });
      if ("refused" in result) {
        return { status: 409, body: { error: "transition_refused", refuse: result.refused.error, state } };
      }
      return { status: 200, body: result.fields };
    },

    /**
     * Seeds an object in any declared state (§6): built as a create would build it from a request
     * whose body is `fields` (the kind's defaults evaluated over them), `fields` laid over that, the
     * id generated unless given, the state (the kind's first unless given) — no create transition
     * runs, so no guard and no event; the state's clock transitions are scheduled. Checked against
     * the object's schema. 201 and the object; 400 `invalid_seed` otherwise.
     */
    seed(input: { object: string; state?: string; fields?: Record<string, unknown> }): {
      status: number;
      body: unknown;
    } {
      const invalid = (message: string) => ({ status: 400, body: { error: "invalid_seed", message } });
      const kind = kinds.get(input.object);
      if (kind === undefined) return invalid(`No object kind ${input.object}; kinds: ${[...kinds.keys()].join(", ")}.`);
      const given = { ...(input.fields ?? {}) };
      const scope = { ...baseScope({ body: given }) };
      const built = build(kind, given, input.state, scope);
      if ("invalid" in built) return invalid(built.invalid);
      // Only the fields that were sent, as a create copies them: those given are all kept.
      const fields = prune({ ...built.fields });
      const pointer = kind.definition.schema;
      const validate = pointer === undefined ? undefined : validatorFor(pointer);
      if (validate !== undefined && !validate(fields)) {
        const differences = (validate.errors ?? []).map(
          (error) => `${error.instancePath || "/"} ${error.message ?? ""}`,
        );
        return invalid(`The ${input.object} does not match ${pointer}: ${differences.join("; ")}.`);
      }
      save(kind, fields);
      return { status: 201, body: fields };
    },

    /** A stored object with its mock-only memory and pending timers (`name@ISO time`), for debugging. */
    inspect(kind: string, id: string): InspectedObject | undefined {
      const stored = store.get(kind, id);
      if (stored === undefined) return undefined;
      const key = keyOf(kind, id);
      const pending = [...(timers.get(key)?.entries() ?? [])].sort(([, a], [, b]) => a.at - b.at);
      return {
        fields: stored.fields,
        meta: { ...(metas.get(key) ?? {}) },
        timers: pending.map(([name, timer]) => `${name}@${new Date(timer.at).toISOString()}`),
      };
    },

    /**
     * A webhook delivery's outcome (§4): runs the object's transition triggered by `{ event: type,
     * outcome }`, if its state allows (otherwise nothing happens). `params` is `{ type, outcome }`.
     */
    deliveryOutcome(input: { kind: string; id: string; type: string; outcome: "acknowledged" | "exhausted" }): void {
      const kind = kinds.get(input.kind);
      const stored = kind === undefined ? undefined : store.get(input.kind, input.id);
      if (kind === undefined || stored === undefined) return;
      const { runnable } = matching(
        kind,
        stored,
        (transition) =>
          transition.trigger.delivery?.event === input.type && transition.trigger.delivery.outcome === input.outcome,
      );
      if (runnable !== undefined) {
        run(kind, stored, runnable, { ...baseScope(), params: { type: input.type, outcome: input.outcome } });
      }
    },

    /** The object kinds the engine stores (the lifecycle's, and `webhookEndpoint` where endpoints register). */
    kinds: (): string[] => [...kinds.keys()],

    /** Forgets every object, the engine's memory of them and their pending clock timers. */
    reset(): void {
      for (const pending of timers.values()) for (const timer of pending.values()) timer.cancel();
      timers.clear();
      fired.clear();
      metas.clear();
      parents.clear();
      entered.clear();
      store.reset();
    },
  };
}

/** The engine {@link createLifecycleEngine} returns. */
export type LifecycleEngine = ReturnType<typeof createLifecycleEngine>;
