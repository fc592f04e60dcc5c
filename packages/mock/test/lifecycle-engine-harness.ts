/**
 * Drives the lifecycle engine directly (no HTTP) with a real spec's `x-payspec-lifecycle`, and
 * checks every answer against the spec's schema for its operation, status and media type (Ajv,
 * independent of the engine), every object an event carries against the object's schema.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { parse } from "yaml";
import { responseBodyChecker } from "../src/response-validation.js";
import { specValidator } from "../src/schema-validation.js";
import { resolveSpec } from "../src/specs.js";
import { createMockClock } from "../src/stateful/clock.js";
import {
  createLifecycleEngine,
  type EngineAnswer,
  type EngineRequest,
  type Lifecycle,
} from "../src/stateful/engine.js";
import type { EmittedEvent } from "../src/stateful/events.js";
import { createObjectStore } from "../src/stateful/store.js";

// biome-ignore lint/suspicious/noExplicitAny: specs are walked as plain JSON
type Json = any;

const methods = ["get", "put", "post", "delete", "patch"];
const traces = new Map<string, Set<string>>();

/** What the engines of `provider` ran so far: `kind.transition.branch` applied, `kind.transition!error` refused. */
export function covered(provider: string): Set<string> {
  let seen = traces.get(provider);
  if (seen === undefined) {
    seen = new Set();
    traces.set(provider, seen);
  }
  return seen;
}

/**
 * What a provider's lifecycle declares: every branch of every transition (`kind.transition.branch`,
 * an unnamed branch by its position `#i`) and every refusal (`kind.transition!error`: the state
 * refusal and each guard's).
 */
export function declared(lifecycle: Json): string[] {
  const names: string[] = [];
  for (const [kind, object] of Object.entries<Json>(lifecycle.objects)) {
    for (const transition of object.transitions) {
      transition.branches.forEach((branch: Json, index: number) => {
        names.push(`${kind}.${transition.name}.${branch.name ?? `#${index}`}`);
      });
      if (transition.refuse !== undefined) names.push(`${kind}.${transition.name}!${transition.refuse}`);
      for (const guard of transition.guards ?? []) names.push(`${kind}.${transition.name}!${guard.refuse}`);
    }
  }
  return names;
}
const documents = new Map<string, Json>();
const checkers = new Map<string, ReturnType<typeof responseBodyChecker>>();
const objectValidators = new Map<string, ReturnType<typeof specValidator>>();

/** The parsed spec (parsed once per test file). */
export function specDocument(provider: string): Json {
  let document = documents.get(provider);
  if (document === undefined) {
    document = parse(readFileSync(resolveSpec(provider), "utf8"));
    documents.set(provider, document);
  }
  return document;
}

export const START = Date.parse("2026-11-29T12:00:00Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An engine over `provider`'s spec, a clock at {@link START}, and every emitted batch recorded. */
export function harness(provider: string, options: { config?: Record<string, unknown>; start?: number } = {}) {
  const document = specDocument(provider);
  const lifecycle = document["x-payspec-lifecycle"] as Lifecycle & {
    objects: Record<string, { schema: string; transitions: { name: string }[] }>;
  };
  const clock = createMockClock(options.start ?? START);
  const store = createObjectStore(() => clock.now());
  const batches: EmittedEvent[][] = [];
  const engine = createLifecycleEngine({
    lifecycle,
    spec: document,
    store,
    clock,
    config: options.config ?? { baseUrl: "https://mock.payspec.test" },
    emit: (events) => batches.push([...events]),
    trace: (step) => {
      covered(provider).add(
        step.result === "applied"
          ? `${step.kind}.${step.transition}.${step.branch}`
          : `${step.kind}.${step.transition}!${step.error}`,
      );
    },
  });
  let check = checkers.get(provider);
  if (check === undefined) {
    check = responseBodyChecker(provider);
    checkers.set(provider, check);
  }
  const checkBody = check;
  const operations = new Map<string, { method: string; schemaPath: string }>();
  for (const [schemaPath, item] of Object.entries<Json>(document.paths)) {
    for (const method of methods) {
      const operationId = item[method]?.operationId;
      if (operationId !== undefined) operations.set(operationId, { method: method.toUpperCase(), schemaPath });
    }
  }

  /** Asserts that `fields` validate against the schema of object kind `kind`. */
  const expectValidObject = (kind: string, fields: unknown) => {
    const pointer = lifecycle.objects[kind]?.schema;
    if (pointer === undefined) throw new Error(`no object kind ${kind}`);
    let validate = objectValidators.get(`${provider} ${pointer}`);
    if (validate === undefined) {
      validate = specValidator(provider, pointer);
      objectValidators.set(`${provider} ${pointer}`, validate);
    }
    const result = validate(fields);
    expect(result.errors, `${kind} ${JSON.stringify(fields)}`).toEqual([]);
  };

  /** The differences between an answer and the spec's schema for its operation and status. */
  const differences = (operationId: string, answer: EngineAnswer) => {
    const operation = operations.get(operationId);
    if (operation === undefined) throw new Error(`no operation ${operationId}`);
    return checkBody(operation, answer.status, answer.mediaType, answer.body);
  };

  /** Handles a request and asserts the answer validates against the spec for its status. */
  const call = (operationId: string, request: EngineRequest = {}): EngineAnswer & { body: Json } => {
    const answer = engine.handle(operationId, request);
    if (answer === undefined) throw new Error(`the engine does not serve ${operationId}`);
    const found = differences(operationId, answer);
    if (found !== undefined) {
      throw new Error(`${operationId} → ${answer.status} does not match the spec: ${found.join("; ")}`);
    }
    for (const event of answer.emits) expectValidObject(event.kind, event.object);
    return answer;
  };

  const events = () => batches.flat();
  return {
    document,
    lifecycle,
    clock,
    store,
    engine,
    batches,
    call,
    differences,
    expectValidObject,
    /** Every emitted event's type, in order. */
    types: () => events().map((event) => event.type),
    events,
    /** Forgets the recorded batches. */
    clearEvents: () => {
      batches.length = 0;
    },
    /** The stored object's fields (asserting it exists and validates). */
    stored: (kind: string, id: string): Json => {
      const found = engine.inspect(kind, id);
      if (found === undefined) throw new Error(`no ${kind} ${id}`);
      expectValidObject(kind, found.fields);
      return found.fields;
    },
  };
}
