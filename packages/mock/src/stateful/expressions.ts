import { randomBytes, randomUUID } from "node:crypto";

/**
 * The expression language of `x-payspec-lifecycle` (docs/stateful-mock.md, "Expressions"): refs
 * that read the request, the object and the mock's memory; values built from them; conditions.
 * Pure: the clock, random parts and lookups come from the scope.
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
  /**
   * Reads `field` of the resource `id` through the spec's retrieve operation `operation` (the
   * engine's store first, the spec's example otherwise); without it, `lookup` is an error.
   */
  readonly lookup?: (operation: string, id: unknown, field: string) => unknown;
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

/** The steps of a path: `items[0].price_id` → `items`, `0`, `price_id`. */
export const pathSteps = (path: string): string[] =>
  path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter((step) => step !== "");

/** The value at a dotted path (`request.body.amount`, `object.items[0]`), `undefined` when any step is missing. */
export function read(scope: unknown, path: string): unknown {
  let current: unknown = scope;
  for (const step of pathSteps(path)) {
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
    // A time (ISO, or Unix seconds) as Unix seconds: VaiiPay's checkout link writes `expires` so.
    if (format === "unix") {
      const time = instant(value);
      return time === undefined ? "" : String(Math.floor(time / 1000));
    }
    // An absent amount prints as nothing, never as "NaN".
    if (format === "major") return value === undefined || value === null ? "" : (Number(value) / 100).toFixed(2);
    if (format !== undefined && /^\d+$/.test(format)) return text.slice(0, Number(format));
    return text;
  });
}

/**
 * An ISO 8601 duration (`PT10M`, `P365D`, `PT0.5S`) in ms. Weeks are 7 days; years and months,
 * which have no fixed length, are refused here (`addInterval` with a `unit` adds them by the
 * calendar).
 */
export function durationMs(text: string): number {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (match === null || text === "P" || text.endsWith("T")) {
    throw new TypeError(`payspec-mock lifecycle: not an ISO 8601 duration of weeks, days and time: ${text}.`);
  }
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return (weeks * 7 + days) * 86_400_000 + hours * 3_600_000 + minutes * 60_000 + Math.round(seconds * 1000);
}

/**
 * A time value as ms since the epoch: an ISO timestamp, or a number of seconds (a Unix
 * timestamp, as providers write them); `undefined` for anything else.
 */
export function instant(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value * 1000;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** `time` written as `like` is (ISO with or without milliseconds, or Unix seconds). */
function writeLike(time: number, like: unknown): string | number {
  if (typeof like === "number") return Math.floor(time / 1000);
  const iso = new Date(time).toISOString();
  return typeof like === "string" && !/\.\d+Z$/.test(like) ? iso.replace(/\.\d{3}Z$/, "Z") : iso;
}

/**
 * `count` calendar `unit`s after `time` (UTC). Months and years keep the day of the month, or
 * take the month's last day when it has fewer days (31 January + 1 month = 28/29 February).
 */
export function addCalendar(time: number, unit: string, count: number): number {
  const date = new Date(time);
  switch (unit) {
    case "second":
      return time + count * 1000;
    case "minute":
      return time + count * 60_000;
    case "hour":
      return time + count * 3_600_000;
    case "day":
      return time + count * 86_400_000;
    case "week":
      return time + count * 7 * 86_400_000;
    case "month":
    case "year": {
      const months = unit === "year" ? count * 12 : count;
      const day = date.getUTCDate();
      const target = new Date(date);
      target.setUTCDate(1);
      target.setUTCMonth(target.getUTCMonth() + months);
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(day, last));
      return target.getTime();
    }
    default:
      throw new TypeError(`payspec-mock lifecycle: addInterval has no unit ${unit}.`);
  }
}

/**
 * Arithmetic on money and rates in binary floating point leaves noise (19.99 × 100 =
 * 1998.9999999999998); results are rounded to 9 decimal places, far below any currency's unit.
 */
const clean = (value: number) => Math.round(value * 1e9) / 1e9;

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
  if ("add" in expression) return clean(numbers(expression.add).reduce((sum, value) => sum + value, 0));
  if ("subtract" in expression) {
    const [first = 0, ...rest] = numbers(expression.subtract);
    return clean(rest.reduce((difference, value) => difference - value, first));
  }
  if ("multiply" in expression) {
    return clean(numbers(expression.multiply).reduce((product, value) => product * value, 1));
  }
  if ("sum" in expression && isObject(expression.sum)) {
    // `params` is the current item while `of` is evaluated; not an array sums to 0.
    const items = read(scope, String(expression.sum.over));
    if (!Array.isArray(items)) return 0;
    const of = expression.sum.of;
    return clean(items.reduce<number>((total, item) => total + Number(evaluate(of, { ...scope, params: item })), 0));
  }
  if ("map" in expression && isObject(expression.map)) {
    // Each item of `over` made into `to` (with `params` the item); not an array maps to [].
    const items = read(scope, String(expression.map.over));
    if (!Array.isArray(items)) return [];
    const to = expression.map.to;
    return items.map((item) => evaluate(to, { ...scope, params: item }));
  }
  if ("addInterval" in expression && isObject(expression.addInterval)) {
    const { to, duration, unit, count } = expression.addInterval;
    const base = evaluate(to, scope);
    const start = instant(base);
    if (start === undefined) return null;
    if (duration !== undefined) return writeLike(start + durationMs(String(duration)), base);
    const times = evaluate(count, scope);
    // No count (a pause for no number of cycles): no time at all.
    if (times === undefined || times === null) return null;
    return writeLike(addCalendar(start, String(evaluate(unit, scope)), Number(times)), base);
  }
  if ("object" in expression && isObject(expression.object)) {
    return Object.fromEntries(Object.entries(expression.object).map(([key, value]) => [key, evaluate(value, scope)]));
  }
  if ("lookup" in expression && isObject(expression.lookup)) {
    const { operation, id, field } = expression.lookup;
    if (scope.lookup === undefined) throw new Error("payspec-mock lifecycle: lookup needs the engine's store.");
    return scope.lookup(String(operation), evaluate(id, scope), String(field));
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
