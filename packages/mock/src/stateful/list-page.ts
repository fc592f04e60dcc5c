/**
 * A list operation's answer from stored objects (docs/stateful-mock.md §3): paged as the
 * operation's `x-payspec-pagination` says, filtered by the parameters it declares, in the shape of
 * its 200 schema. Pure and store-agnostic: the caller hands in a function that pages its objects
 * (the object store's `list` fits), and the spec's parts this needs.
 *
 * What the four lifecycles' list operations honour (the rules below, applied to each spec):
 * - Paymnt Cloud `listPayments` (cursor, `limit` default 10, max 100): `customer_id` (equality),
 *   `created` (the same instant), `created.gt`/`.gte`/`.lt`/`.lte` (on `created`); not
 *   `ending_before` (backward paging is not modelled; it is ignored).
 * - Paymnt Cloud `listRefunds` (offset in the body, `limit` default 10, max 100): `payment_id`,
 *   `refund_id`, `profile_id` (equality), `currency`, `connector` (lists: the field is one of
 *   them), `start_time`/`end_time` (on `created_at`, inclusive); not `refund_status` nor
 *   `merchant_connector_id` (no refund field of those names) nor `amount_filter`.
 * - PaymentKit `listSubscriptions`, `listInvoices` (offset, `limit` default 50, max 100): no
 *   filters (they declare only `limit`, `offset` and `expand`; `expand` is not a field, so ignored).
 * - VaiiPay and Paymend: their lifecycles name no list operation.
 */

/** How a list operation pages: the spec's `x-payspec-pagination` (the shape of `@payspec/core`'s `PaginationSpec`). */
export interface PaginationSpec {
  readonly style: "cursor" | "offset" | "single";
  readonly in?: "query" | "body";
  readonly itemsField?: string;
  readonly limitParam?: string;
  readonly maxLimit?: number;
  readonly offsetParam?: string;
  readonly cursorParam?: string;
  readonly cursorField?: string;
  readonly hasMoreField?: string;
  readonly totalField?: string;
}

/** A parameter of a list operation; its `schema.default` is the page size when it is the limit. */
export interface ListParameter {
  readonly name: string;
  /** `query`; or `body` for a property of the request body of a list paged in the body. */
  readonly in: string;
  readonly schema?: unknown;
}

/** The parts of a list operation {@link listAnswer} reads; {@link listOperation} takes them from a spec. */
export interface ListOperation {
  readonly pagination?: PaginationSpec;
  /**
   * The operation's query parameters and, for a list paged in the body (`in: body`), the request
   * body's properties as `in: "body"` parameters.
   */
  readonly parameters: readonly ListParameter[];
  /** The 200 JSON schema; any `$ref` in it is resolved against `spec`. */
  readonly responseSchema?: unknown;
  /** The spec document, to resolve `$ref`s (`#/components/…`) in `responseSchema` and parameters. */
  readonly spec?: unknown;
}

/** A page of objects (the object store's `list` answers this, with each item's fields). */
export type ListObjects = (
  filter: (fields: Readonly<Record<string, unknown>>) => boolean,
  page: { readonly offset?: number; readonly startingAfter?: string; readonly limit?: number },
) => {
  readonly items: readonly Readonly<Record<string, unknown>>[];
  readonly total: number;
  readonly hasMore: boolean;
};

/** A parameter honoured as a filter: the request's value compared with an object field. */
export interface ListFilter {
  readonly parameter: string;
  readonly in: string;
  readonly field: string;
  /** `eq`: the same value (a list: one of its values); the others compare instants. */
  readonly op: "eq" | "gt" | "gte" | "lt" | "lte";
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const unescapePointer = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~");

/** `schema` with `$ref`s followed (local `#/…` pointers into `spec`) until it is not a reference. */
function resolve(schema: unknown, spec: unknown): unknown {
  let current = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    if (hops > 32 || !current.$ref.startsWith("#/")) {
      throw new Error(`payspec-mock lists: cannot resolve ${current.$ref}.`);
    }
    let target: unknown = spec;
    for (const segment of current.$ref.slice(2).split("/")) {
      target = isObject(target) ? target[unescapePointer(segment)] : undefined;
    }
    if (target === undefined) throw new Error(`payspec-mock lists: ${current.$ref} is not in the spec.`);
    current = target;
  }
  return current;
}

/** An object schema's properties and required names, with `allOf` parts merged in. */
function objectShape(schema: unknown, spec: unknown): { properties: Record<string, unknown>; required: Set<string> } {
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  const visit = (part: unknown, depth: number) => {
    const resolved = resolve(part, spec);
    if (!isObject(resolved) || depth > 16) return;
    for (const sub of Array.isArray(resolved.allOf) ? resolved.allOf : []) visit(sub, depth + 1);
    if (isObject(resolved.properties)) Object.assign(properties, resolved.properties);
    if (Array.isArray(resolved.required)) for (const name of resolved.required) required.add(String(name));
  };
  visit(schema, 0);
  return { properties, required };
}

/** The JSON types a (resolved) schema allows. */
function typesOf(schema: unknown, spec: unknown): string[] {
  const resolved = resolve(schema, spec);
  if (!isObject(resolved)) return [];
  if (typeof resolved.type === "string") return [resolved.type];
  if (Array.isArray(resolved.type)) return resolved.type.map(String);
  return (Array.isArray(resolved.allOf) ? resolved.allOf : []).flatMap((part) => typesOf(part, spec));
}

/** The property names of one listed item (from the 200 schema). */
function itemFields(operation: ListOperation): Set<string> {
  if (operation.responseSchema === undefined) return new Set();
  const itemsField = operation.pagination?.itemsField;
  const list =
    itemsField === undefined
      ? resolve(operation.responseSchema, operation.spec)
      : resolve(objectShape(operation.responseSchema, operation.spec).properties[itemsField], operation.spec);
  const items = isObject(list) ? list.items : undefined;
  return new Set(Object.keys(objectShape(items, operation.spec).properties));
}

const pagingParameters = (pagination: PaginationSpec | undefined) =>
  new Set(
    [pagination?.limitParam, pagination?.offsetParam, pagination?.cursorParam].filter((name) => name !== undefined),
  );

/**
 * The parameters of `operation` honoured as filters, and how:
 * - a parameter named as a field of the listed items (from the 200 schema): equality, compared
 *   as text (a date-time parameter: the same instant; a list sent: the field is one of its values);
 * - `<field>.gt`, `.gte`, `.lt`, `.lte` and `<field>_from`/`<field>_to` (inclusive), for a
 *   field of the items: a range, compared as instants (ISO 8601, or Unix seconds/milliseconds);
 * - `start_time`/`end_time` (Paymnt Cloud's `TimeRange`): an inclusive range on `createdField`.
 * The paging parameters (`limitParam`, `offsetParam`, `cursorParam`) never filter, nor does any
 * other parameter (`expand`, `ending_before`, a name that is no field).
 */
export function listFilters(operation: ListOperation, createdField?: string): ListFilter[] {
  const fields = itemFields(operation);
  const paging = pagingParameters(operation.pagination);
  const filters: ListFilter[] = [];
  for (const parameter of operation.parameters) {
    const { name } = parameter;
    if (paging.has(name)) continue;
    const at = { parameter: name, in: parameter.in };
    const range = /^(.+)\.(gt|gte|lt|lte)$/.exec(name);
    const fromTo = /^(.+)_(from|to)$/.exec(name);
    if (fields.has(name)) filters.push({ ...at, field: name, op: "eq" });
    else if (range !== null && fields.has(range[1] as string)) {
      filters.push({ ...at, field: range[1] as string, op: range[2] as ListFilter["op"] });
    } else if (fromTo !== null && fields.has(fromTo[1] as string)) {
      filters.push({ ...at, field: fromTo[1] as string, op: fromTo[2] === "from" ? "gte" : "lte" });
    } else if (
      (name === "start_time" || name === "end_time") &&
      createdField !== undefined &&
      fields.has(createdField)
    ) {
      filters.push({ ...at, field: createdField, op: name === "start_time" ? "gte" : "lte" });
    }
  }
  return filters;
}

/** An instant in ms from ISO 8601 text or Unix seconds/milliseconds; `undefined` otherwise. */
function instant(value: unknown): number | undefined {
  const number =
    typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isFinite(number)) return number < 100_000_000_000 ? number * 1000 : number;
  if (typeof value !== "string") return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

const text = (value: unknown) => (typeof value === "object" ? JSON.stringify(value) : String(value));

function matches(filter: ListFilter, wanted: unknown, actual: unknown, dateTime: boolean): boolean {
  if (actual === undefined || actual === null) return false;
  if (filter.op !== "eq" || dateTime) {
    const left = instant(actual);
    const right = instant(wanted);
    if (left === undefined || right === undefined) return false;
    if (filter.op === "eq") return left === right;
    if (filter.op === "gt") return left > right;
    if (filter.op === "gte") return left >= right;
    if (filter.op === "lt") return left < right;
    return left <= right;
  }
  if (Array.isArray(wanted)) return wanted.some((value) => text(value) === text(actual));
  return text(wanted) === text(actual);
}

/** The page size: the request's, else the parameter's default, else `maxLimit`; never above it. */
function pageSize(operation: ListOperation, source: Readonly<Record<string, unknown>>): number | undefined {
  const pagination = operation.pagination;
  const name = pagination?.limitParam;
  if (name === undefined) return undefined;
  const parameter = operation.parameters.find((candidate) => candidate.name === name);
  const declared = parameter === undefined ? undefined : resolve(parameter.schema, operation.spec);
  const fallback = isObject(declared) && typeof declared.default === "number" ? declared.default : pagination?.maxLimit;
  const raw = source[name];
  const sent = raw === undefined || raw === null || raw === "" ? NaN : Number(raw);
  const limit = Number.isFinite(sent) ? Math.max(0, Math.floor(sent)) : fallback;
  return limit === undefined || pagination?.maxLimit === undefined ? limit : Math.min(limit, pagination.maxLimit);
}

/**
 * The body a list operation answers with, from the objects `objects` pages:
 * - paged as `operation.pagination` says, its parameters read from the query, or from the body
 *   for `in: body`: `cursor` starts after the object whose id is the `cursorParam` value (the
 *   `cursorField` must be the objects' id, as the store pages by it); `offset` skips
 *   `offsetParam` objects; `single` answers every object. The page size is the request's
 *   `limitParam`, else its declared `default` (Paymnt Cloud 10, PaymentKit 50), else `maxLimit`,
 *   and never more than `maxLimit`;
 * - filtered by {@link listFilters} (`createdField`: the objects' created timestamp, the
 *   lifecycle's `timestamps.created`, for `start_time`/`end_time`);
 * - shaped as the 200 schema: the items under `itemsField` (or the array itself when there is
 *   none), `hasMoreField` and `totalField` when declared, and every other required count of the
 *   list schema filled: an integer whose name says total (PaymentKit's `total`) is the number of
 *   matching objects, any other (Paymnt Cloud's `size`, `count`) the number on this page; a
 *   required boolean whose name says more is `hasMore`.
 */
export function listAnswer(options: {
  readonly operation: ListOperation;
  readonly request: { readonly query?: Readonly<Record<string, unknown>>; readonly body?: unknown };
  readonly objects: ListObjects;
  readonly createdField?: string;
}): unknown {
  const { operation, request } = options;
  const pagination = operation.pagination ?? { style: "single" };
  const query = request.query ?? {};
  const body = isObject(request.body) ? request.body : {};
  const source = pagination.in === "body" ? body : query;

  const active = listFilters(operation, options.createdField).flatMap((filter) => {
    const wanted = (filter.in === "body" ? body : query)[filter.parameter];
    if (wanted === undefined || wanted === null || wanted === "" || (Array.isArray(wanted) && wanted.length === 0)) {
      return [];
    }
    const parameter = operation.parameters.find((candidate) => candidate.name === filter.parameter);
    const schema = resolve(parameter?.schema, operation.spec);
    const dateTime = isObject(schema) && schema.format === "date-time";
    return [{ filter, wanted, dateTime }];
  });
  const filter = (fields: Readonly<Record<string, unknown>>) =>
    active.every(({ filter, wanted, dateTime }) => matches(filter, wanted, fields[filter.field], dateTime));

  const page: { offset?: number; startingAfter?: string; limit?: number } = {};
  if (pagination.style !== "single") {
    const limit = pageSize(operation, source);
    if (limit !== undefined) page.limit = limit;
  }
  if (pagination.style === "cursor" && pagination.cursorParam !== undefined) {
    const cursor = source[pagination.cursorParam];
    if (typeof cursor === "string" && cursor !== "") page.startingAfter = cursor;
  }
  if (pagination.style === "offset" && pagination.offsetParam !== undefined) {
    const offset = Number(source[pagination.offsetParam] ?? 0);
    if (Number.isFinite(offset) && offset > 0) page.offset = Math.floor(offset);
  }
  const { items, total, hasMore } = options.objects(filter, page);

  if (pagination.itemsField === undefined) return [...items];
  const answer: Record<string, unknown> = { [pagination.itemsField]: [...items] };
  if (pagination.hasMoreField !== undefined) answer[pagination.hasMoreField] = hasMore;
  if (pagination.totalField !== undefined) answer[pagination.totalField] = total;
  if (operation.responseSchema !== undefined) {
    const shape = objectShape(operation.responseSchema, operation.spec);
    for (const name of shape.required) {
      if (name in answer) continue;
      const types = typesOf(shape.properties[name], operation.spec);
      if (types.includes("integer") || types.includes("number")) {
        answer[name] = /total/i.test(name) ? total : items.length;
      } else if (types.includes("boolean") && /more/i.test(name)) answer[name] = hasMore;
    }
  }
  return answer;
}

/**
 * A list operation's {@link ListOperation} read from a spec document (parsed OpenAPI): its
 * `x-payspec-pagination`, its query parameters (path- and operation-level; `$ref`s followed) or,
 * when it pages in the body, its JSON request body's properties, and its 200 JSON schema.
 */
export function listOperation(spec: unknown, operationId: string): ListOperation {
  const paths = isObject(spec) && isObject(spec.paths) ? spec.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || operation.operationId !== operationId) continue;
      const pagination = operation["x-payspec-pagination"] as PaginationSpec | undefined;
      const declared = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      ].map((parameter) => resolve(parameter, spec) as ListParameter);
      const parameters: ListParameter[] = declared
        .filter((parameter) => parameter.in === "query")
        .map(({ name, schema }) => ({ name, in: "query", schema }));
      if (pagination?.in === "body") {
        const requestBody = resolve(operation.requestBody, spec);
        const content = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content : {};
        const json = content["application/json"];
        const shape = objectShape(isObject(json) ? json.schema : undefined, spec);
        for (const [name, schema] of Object.entries(shape.properties)) parameters.push({ name, in: "body", schema });
      }
      const responses = isObject(operation.responses) ? operation.responses : {};
      const ok = resolve(responses["200"], spec);
      const okContent = isObject(ok) && isObject(ok.content) ? ok.content : {};
      const okJson = okContent["application/json"];
      return {
        ...(pagination === undefined ? {} : { pagination }),
        parameters,
        ...(isObject(okJson) && okJson.schema !== undefined ? { responseSchema: okJson.schema } : {}),
        spec,
      };
    }
  }
  throw new Error(`payspec-mock lists: no operation ${operationId} in the spec.`);
}
