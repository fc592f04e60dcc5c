import { randomBytes, randomUUID } from "node:crypto";

/**
 * The expression language of `x-payspec-lifecycle` (docs/stateful-mock.md, "Expressions"): refs
 * that read the request, the object and the mock's memory; values built from them; conditions.
 * Pure: the clock and random parts come from the scope.
 */
export interface Scope {
  readonly request?: {
    readonly body?: unknown;
    readonly query?: unknown;
    readonly header?: unknown;
    readonly path?: unknown;
  };
  readonly object?: unknown;
  readonly parent?: unknown;
  readonly parentMeta?: unknown;
  readonly meta?: unknown;
  readonly params?: unknown;
  readonly config?: unknown;
  readonly event?: unknown;
  /** The mock clock's time (ms). */
  readonly now: number;
}

/** A condition of a `when`: all of a `when`'s conditions must hold. */
export interface Condition {
  readonly ref: string;
  readonly op: "eq" | "ne" | "in" | "notIn" | "lt" | "lte" | "gt" | "gte" | "exists" | "missing";
  readonly value?: unknown;
}

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
const random = (length: number, characters: string) => {
  let text = "";
  for (const byte of randomBytes(length)) text += characters[byte % characters.length];
  return text;
};

/** The value at a dotted path (`request.body.amount`), `undefined` when any step is missing. */
export function read(scope: Scope, path: string): unknown {
  let current: unknown = scope;
  for (const step of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function fill(template: string, scope: Scope): string {
  return template.replace(/\{([^{}]+)\}/g, (_match, inner: string) => {
    const [name, format] = inner.split(":") as [string, string | undefined];
    if (name === "alnum") return random(Number(format), alphabet);
    if (name === "hex") return random(Number(format), "0123456789abcdef");
    if (name === "uuid") return randomUUID();
    const value = read(scope, name);
    const text = value === undefined || value === null ? "" : String(value);
    if (format === "lower") return text.toLowerCase();
    if (format === "major") return (Number(value) / 100).toFixed(2);
    if (format !== undefined && /^\d+$/.test(format)) return text.slice(0, Number(format));
    return text;
  });
}

/** Evaluates a value expression: a literal, or one of the forms the design lists. */
export function evaluate(expression: unknown, scope: Scope): unknown {
  if (Array.isArray(expression)) return expression.map((item) => evaluate(item, scope));
  if (!isObject(expression)) return expression;
  if ("ref" in expression) {
    const value = read(scope, String(expression.ref));
    return value === undefined && "default" in expression ? evaluate(expression.default, scope) : value;
  }
  if ("template" in expression) return fill(String(expression.template), scope);
  if ("now" in expression) return new Date(scope.now).toISOString();
  const numbers = (operands: unknown) => (operands as unknown[]).map((operand) => Number(evaluate(operand, scope)));
  if ("add" in expression) return numbers(expression.add).reduce((sum, value) => sum + value, 0);
  if ("subtract" in expression) {
    const [first = 0, ...rest] = numbers(expression.subtract);
    return rest.reduce((difference, value) => difference - value, first);
  }
  if ("multiply" in expression) return numbers(expression.multiply).reduce((product, value) => product * value, 1);
  if ("object" in expression && isObject(expression.object)) {
    return Object.fromEntries(Object.entries(expression.object).map(([key, value]) => [key, evaluate(value, scope)]));
  }
  throw new Error(`payspec-mock lifecycle: unknown expression ${JSON.stringify(expression)}.`);
}

const comparable = (value: unknown): number | undefined => {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return Date.parse(value);
  return undefined;
};

/** Whether one condition holds. A ref to an absent field compares as absent. */
export function holds(condition: Condition, scope: Scope): boolean {
  const actual = read(scope, condition.ref);
  const expected = evaluate(condition.value, scope);
  switch (condition.op) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "missing":
      return actual === undefined || actual === null;
    case "eq":
      return JSON.stringify(actual) === JSON.stringify(expected);
    case "ne":
      return JSON.stringify(actual) !== JSON.stringify(expected);
    case "in":
      return Array.isArray(expected) && expected.some((item) => JSON.stringify(item) === JSON.stringify(actual));
    case "notIn":
      return Array.isArray(expected) && !expected.some((item) => JSON.stringify(item) === JSON.stringify(actual));
    default: {
      const left = comparable(actual);
      const right = comparable(expected);
      if (left === undefined || right === undefined) return false;
      if (condition.op === "lt") return left < right;
      if (condition.op === "lte") return left <= right;
      if (condition.op === "gt") return left > right;
      return left >= right;
    }
  }
}

/** Whether every condition of a `when` holds (an absent `when` always holds). */
export function allHold(when: readonly Condition[] | undefined, scope: Scope): boolean {
  return (when ?? []).every((condition) => holds(condition, scope));
}
