import type { ValidateFunction } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { specAjv } from "../src/schema-validation.js";
import { type ListObjects, listAnswer, listFilters, listOperation } from "../src/stateful/list-page.js";
import { createObjectStore, type ObjectStore } from "../src/stateful/store.js";

// The stateful mock's list answers (issue 19, docs/stateful-mock.md §3), over a real object store
// with each provider's real list operations (the ones the lifecycles name): 1,000 objects paged
// to the end, limits, counts, filters, and every page valid against the operation's 200 schema.

interface ObjectDefinition {
  readonly schema: string;
  readonly envelope?: string;
  readonly idField: string;
  readonly timestamps?: { readonly created?: string };
  readonly operations: { readonly retrieve: string; readonly list?: string };
}

const at = (document: unknown, pointer: string): unknown =>
  pointer
    .slice(2)
    .split("/")
    .reduce<unknown>(
      (value, segment) => (value as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, "/")],
      document,
    );

type Operation = { operationId?: string; responses?: Record<string, { $ref?: string }> };

function operationOf(document: unknown, operationId: string): { path: string; method: string; operation: Operation } {
  for (const [path, item] of Object.entries(at(document, "#/paths") as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === operationId) return { path, method, operation };
    }
  }
  throw new Error(`no ${operationId}`);
}

/** The operation's 200 JSON schema, compiled from the whole spec (as response validation does). */
function okValidator(provider: string, operationId: string): ValidateFunction {
  const { ajv, document } = specAjv(provider);
  const { path, method, operation } = operationOf(document, operationId);
  const response = operation.responses?.["200"];
  const base = response?.$ref ?? `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/responses/200`;
  const validate = ajv.getSchema(`spec${base}/content/application~1json/schema`);
  if (validate === undefined) throw new Error(`no 200 schema for ${operationId}`);
  return validate;
}

/** The spec's first example of the kind's retrieve answer, out of its envelope. */
function exampleObject(document: unknown, definition: ObjectDefinition): Record<string, unknown> {
  const { operation } = operationOf(document, definition.operations.retrieve);
  let response = operation.responses?.["200"] as { $ref?: string };
  if (response.$ref !== undefined) response = at(document, response.$ref) as typeof response;
  const examples = at(response, "#/content/application~1json/examples") as Record<
    string,
    { value?: unknown; $ref?: string }
  >;
  const [first] = Object.values(examples);
  const value = (first?.$ref === undefined ? first?.value : (at(document, first.$ref) as { value: unknown }).value) as
    | Record<string, unknown>
    | undefined;
  if (value === undefined) throw new Error("no example");
  return structuredClone(
    (definition.envelope === undefined ? value : value[definition.envelope]) as Record<string, unknown>,
  );
}

const start = Date.parse("2026-01-01T00:00:00.000Z");
const stamp = (index: number) => new Date(start + index * 60_000).toISOString();

/** Per list: the varied fields of object `index` (for filters), and where paging parameters go. */
const cases = [
  {
    provider: "paymnt-cloud",
    kind: "payment",
    vary: (index: number) => ({ customer_id: `cus_${index % 3}` }),
  },
  {
    provider: "paymnt-cloud",
    kind: "refund",
    vary: (index: number) => ({
      payment_id: `pay_${String(index % 5).padStart(20, "0")}`,
      currency: index % 2 === 0 ? "USD" : "EUR",
    }),
  },
  { provider: "paymentkit", kind: "subscription", vary: () => ({}) },
  { provider: "paymentkit", kind: "invoice", vary: () => ({}) },
] as const;

const total = 1000;

/** A store holding `total` objects of `kind`, object `index` created at minute `index`. */
function seeded(provider: string, kind: string, vary: (index: number) => Record<string, unknown>) {
  const { document } = specAjv(provider);
  const definition = (at(document, `#/x-payspec-lifecycle/objects/${kind}`) ?? {}) as ObjectDefinition;
  const example = exampleObject(document, definition);
  const created = definition.timestamps?.created ?? "created";
  let time = start;
  const store = createObjectStore(() => time);
  const ids: string[] = [];
  for (let index = 0; index < total; index++) {
    time = start + index * 60_000;
    const id = `${String(example[definition.idField]).replace(/[a-z0-9]+$/, "")}${String(index).padStart(8, "0")}`;
    ids.push(id);
    store.create(kind, id, { ...example, ...vary(index), [definition.idField]: id, [created]: stamp(index) });
  }
  const operationId = definition.operations.list;
  if (operationId === undefined) throw new Error(`${kind} has no list`);
  return {
    store,
    ids,
    definition,
    created,
    operationId,
    operation: listOperation(document, operationId),
    validate: okValidator(provider, operationId),
  };
}

const objectsOf =
  (store: ObjectStore, kind: string): ListObjects =>
  (filter, page) => {
    const found = store.list(kind, { filter: (object) => filter(object.fields), ...page });
    return { items: found.items.map((object) => object.fields), total: found.total, hasMore: found.hasMore };
  };

describe.each(cases)("$provider $kind list", ({ provider, kind, vary }) => {
  const setup = seeded(provider, kind, vary);
  const { operation, validate, store, ids, definition, created } = setup;
  const pagination = operation.pagination;
  if (pagination === undefined) throw new Error("no pagination");
  const itemsField = pagination.itemsField ?? "";
  const objects = objectsOf(store, kind);
  const inBody = pagination.in === "body";
  /** One page's answer, paging parameters (and filters) sent where the operation reads them. */
  const page = (parameters: Record<string, unknown>) => {
    const request = inBody ? { body: parameters } : { query: toQuery(parameters) };
    const body = listAnswer({ operation, request, objects, createdField: created }) as Record<string, unknown>;
    expect(validate(body), `${setup.operationId}: ${JSON.stringify(validate.errors)}`).toBe(true);
    return { body, items: body[itemsField] as Record<string, unknown>[] };
  };
  const idsOf = (items: readonly Record<string, unknown>[]) => items.map((item) => String(item[definition.idField]));

  it(`pages all ${total} objects to the end, newest first, none twice and none lost`, () => {
    const seen: string[] = [];
    let pages = 0;
    const limit = pagination.maxLimit ?? 100;
    for (let next: Record<string, unknown> = {}; ; pages++) {
      const { body, items } = page({ ...next, [pagination.limitParam ?? "limit"]: limit });
      seen.push(...idsOf(items));
      if (pagination.style === "cursor") {
        if (items.length === 0) break;
        next = { [pagination.cursorParam ?? ""]: items.at(-1)?.[pagination.cursorField ?? definition.idField] };
      } else {
        const more = pagination.hasMoreField === undefined ? seen.length < Number(body.total_count) : body.has_more;
        if (more !== true) break;
        next = { [pagination.offsetParam ?? ""]: seen.length };
      }
      expect(pages).toBeLessThan(total);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBeGreaterThanOrEqual(total / limit - 1);
  });

  it("pages with the documented default size when no limit is sent", () => {
    const parameter = operation.parameters.find((candidate) => candidate.name === pagination.limitParam);
    const declared = (parameter?.schema as { default?: number } | undefined)?.default;
    expect(declared).toBe(provider === "paymentkit" ? 50 : 10);
    const { items } = page({});
    expect(items).toHaveLength(declared ?? 0);
    expect(idsOf(items)).toEqual([...ids].reverse().slice(0, declared));
  });

  it("honours a limit sent, and caps it at maxLimit", () => {
    expect(page({ [pagination.limitParam ?? ""]: 7 }).items).toHaveLength(7);
    // A query parameter arrives as text.
    if (!inBody) expect(page({ [pagination.limitParam ?? ""]: "3" }).items).toHaveLength(3);
    const capped = listAnswer({
      operation,
      request: inBody ? { body: { limit: 5000 } } : { query: { limit: "5000" } },
      objects,
    }) as Record<string, unknown[]>;
    expect(capped[itemsField]).toHaveLength(pagination.maxLimit ?? 0);
  });

  it("fills the list's counts: has-more, total, and the page's own", () => {
    const limit = 30;
    // Newest first: after the 11th-oldest object come the 10 oldest.
    const last =
      pagination.style === "cursor"
        ? page({ limit, [pagination.cursorParam ?? ""]: ids[10] })
        : page({ limit, [pagination.offsetParam ?? ""]: total - 10 });
    expect(last.items).toHaveLength(10);
    const first = page({ limit });
    expect(first.items).toHaveLength(limit);
    if (provider === "paymentkit") {
      expect(first.body).toMatchObject({ has_more: true, total });
      expect(last.body).toMatchObject({ has_more: false, total });
    } else if (kind === "refund") {
      expect(first.body).toMatchObject({ count: limit, total_count: total });
      expect(last.body).toMatchObject({ count: 10, total_count: total });
    } else {
      expect(first.body).toMatchObject({ size: limit });
      expect(last.body).toMatchObject({ size: 10 });
    }
  });

  it("answers an empty page past the end", () => {
    const past =
      pagination.style === "cursor"
        ? page({ [pagination.cursorParam ?? ""]: ids[0] })
        : page({ [pagination.offsetParam ?? ""]: total + 5 });
    expect(past.items).toEqual([]);
    if (provider === "paymentkit") expect(past.body).toMatchObject({ has_more: false, total });
  });
});

/** Query values as a server reads them: text. */
const toQuery = (parameters: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, String(value)]));

describe("filters", () => {
  it("what each lifecycle list honours", () => {
    const honoured = (provider: string, operationId: string, created: string) => {
      const { document } = specAjv(provider);
      return listFilters(listOperation(document, operationId), created).map(
        (filter) => `${filter.parameter} → ${filter.field} ${filter.op}`,
      );
    };
    expect(honoured("paymnt-cloud", "listPayments", "created")).toEqual([
      "customer_id → customer_id eq",
      "created → created eq",
      "created.lt → created lt",
      "created.gt → created gt",
      "created.lte → created lte",
      "created.gte → created gte",
    ]);
    expect(honoured("paymnt-cloud", "listRefunds", "created_at")).toEqual([
      "payment_id → payment_id eq",
      "refund_id → refund_id eq",
      "profile_id → profile_id eq",
      "connector → connector eq",
      "currency → currency eq",
      "start_time → created_at gte",
      "end_time → created_at lte",
    ]);
    expect(honoured("paymentkit", "listSubscriptions", "created_at")).toEqual([]);
    expect(honoured("paymentkit", "listInvoices", "created_at")).toEqual([]);
  });

  it("Paymnt Cloud payments: customer_id, and created ranges, paged by cursor", () => {
    const { store, operation, validate, ids } = seeded("paymnt-cloud", "payment", cases[0].vary);
    const objects = objectsOf(store, "payment");
    const list = (query: Record<string, string>) => {
      const body = listAnswer({ operation, request: { query }, objects, createdField: "created" }) as {
        data: { payment_id: string; customer_id: string; created: string }[];
      };
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      return body.data;
    };
    // customer_id: every third payment, paged to the end with the filter kept.
    const seen: string[] = [];
    for (let after: string | undefined; ; ) {
      const data = list({
        customer_id: "cus_1",
        limit: "100",
        ...(after === undefined ? {} : { starting_after: after }),
      });
      if (data.length === 0) break;
      for (const payment of data) expect(payment.customer_id).toBe("cus_1");
      seen.push(...data.map((payment) => payment.payment_id));
      after = data.at(-1)?.payment_id;
    }
    expect(seen).toEqual(ids.filter((_id, index) => index % 3 === 1).reverse());

    // created.gte / created.lt: minutes 100 to 149; created: exactly minute 7, given without millis.
    const range = list({ "created.gte": stamp(100), "created.lt": stamp(150), limit: "100" });
    expect(range.map((payment) => payment.payment_id)).toEqual(ids.slice(100, 150).reverse());
    expect(list({ "created.gt": stamp(100), "created.lte": stamp(102) })).toHaveLength(2);
    expect(list({ created: stamp(7).replace(".000Z", "Z") }).map((payment) => payment.payment_id)).toEqual([ids[7]]);
    // Not filters: a paging parameter the mock does not model, an unknown name.
    expect(list({ ending_before: String(ids[3]), unknown: "x" })).toHaveLength(10);
    expect(list({ customer_id: "cus_nobody" })).toEqual([]);
  });

  it("Paymnt Cloud refunds: payment_id, currency lists and start_time/end_time, in the body", () => {
    const { store, operation, validate, ids } = seeded("paymnt-cloud", "refund", cases[1].vary);
    const objects = objectsOf(store, "refund");
    const list = (body: Record<string, unknown>) => {
      const answer = listAnswer({ operation, request: { body }, objects, createdField: "created_at" }) as {
        data: { refund_id: string; payment_id: string; currency: string }[];
        count: number;
        total_count: number;
      };
      expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
      return answer;
    };
    const payment = `pay_${"2".padStart(20, "0")}`;
    const byPayment = list({ payment_id: payment, limit: 100 });
    expect(byPayment.total_count).toBe(200);
    expect(byPayment.count).toBe(100);
    for (const refund of byPayment.data) expect(refund.payment_id).toBe(payment);
    const rest = list({ payment_id: payment, limit: 100, offset: 100 });
    expect(new Set([...byPayment.data, ...rest.data].map((refund) => refund.refund_id)).size).toBe(200);

    expect(list({ currency: ["EUR"] }).total_count).toBe(500);
    expect(list({ currency: ["EUR", "USD"] }).total_count).toBe(total);
    // Null and empty lists are no filter (the request schema allows both).
    expect(list({ currency: [], payment_id: null }).total_count).toBe(total);

    const window = list({ start_time: stamp(10), end_time: stamp(19), limit: 100 });
    expect(window.data.map((refund) => refund.refund_id)).toEqual(ids.slice(10, 20).reverse());
    expect(list({ start_time: stamp(990) }).total_count).toBe(10);
    // A refund_id names one refund.
    expect(list({ refund_id: ids[42] }).data.map((refund) => refund.refund_id)).toEqual([ids[42]]);
  });

  it("PaymentKit: expand is no filter", () => {
    const { store, operation, validate } = seeded("paymentkit", "invoice", () => ({}));
    const body = listAnswer({
      operation,
      request: { query: { expand: "customer", limit: "100", offset: "950" } },
      objects: objectsOf(store, "invoice"),
    }) as { items: unknown[]; total: number; has_more: boolean };
    expect(validate(body)).toBe(true);
    expect(body).toMatchObject({ total, has_more: false });
    expect(body.items).toHaveLength(50);
  });
});

describe("other pagination styles", () => {
  const { document } = specAjv("paymnt-cloud");
  const store = createObjectStore(() => start);
  for (let index = 0; index < 25; index++) store.create("thing", `thing_${index}`, { id: `thing_${index}` });
  const objects = objectsOf(store, "thing");

  it("an offset list answering a bare array (Paymnt Cloud's listCustomers)", () => {
    const operation = listOperation(document, "listCustomers");
    const first = listAnswer({ operation, request: { query: {} }, objects }) as { id: string }[];
    expect(first).toHaveLength(10);
    expect(first[0]?.id).toBe("thing_24");
    const last = listAnswer({ operation, request: { query: { offset: "20" } }, objects }) as unknown[];
    expect(last).toHaveLength(5);
  });

  it("a single list answers everything (Paymnt Cloud's listCustomerMandates)", () => {
    const operation = listOperation(document, "listCustomerMandates");
    expect(operation.pagination?.style).toBe("single");
    expect(listAnswer({ operation, request: {}, objects })).toHaveLength(25);
  });

  it("no pagination declared: everything, as the array", () => {
    expect(listAnswer({ operation: { parameters: [] }, request: {}, objects })).toHaveLength(25);
  });

  it("a list with no declared default pages by maxLimit", () => {
    const operation = {
      pagination: { style: "offset", limitParam: "limit", offsetParam: "offset", maxLimit: 20, itemsField: "data" },
      parameters: [{ name: "limit", in: "query" }],
    } as const;
    const body = listAnswer({ operation, request: { query: {} }, objects }) as { data: unknown[] };
    expect(body.data).toHaveLength(20);
  });

  it("an unknown operation is an error", () => {
    expect(() => listOperation(document, "noSuchOperation")).toThrow(/no operation noSuchOperation/);
  });
});
