import { describe, expect, expectTypeOf, it } from "vitest";
import {
  BadRequestError,
  type components,
  createPaymntCloudClient,
  type ListItem,
  PaginationError,
  type PaymntCloudClient,
  paginate,
} from "../src/index.js";
import { mockClient } from "./support.js";

interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly body: Record<string, unknown> | undefined;
}

const error400 = () =>
  Response.json(
    { error: { type: "invalid_request", code: "IR_06", message: "bad page", request_id: "req_page" } },
    { status: 400 },
  );

// Prism answers the same page every time, so multi-page behaviour runs against a fake `fetch`
// that answers like the engine, slicing `total` items by the paging parameters it receives.
function fakeEngine(
  answer: (sent: Sent, ids: string[]) => Response,
  total = 25,
  prefix = "pay",
): { client: PaymntCloudClient; sent: Sent[] } {
  const ids = Array.from({ length: total }, (_, i) => `${prefix}_${String(i).padStart(4, "0")}`);
  const sent: Sent[] = [];
  const client = createPaymntCloudClient({
    apiKey: "sk_sandbox_pages",
    baseUrl: "http://127.0.0.1:9",
    maxRetries: 0,
    fetch: async (href: string, init?: RequestInit) => {
      const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
      const request = { method: init?.method ?? "GET", url: new URL(href), body };
      sent.push(request);
      return answer(request, ids);
    },
  });
  return { client, sent };
}

/** `GET /payments/list`: `limit` + `starting_after`, `{ size, data }`. */
const paymentsByCursor = (options: { failAfter?: string } = {}) =>
  fakeEngine(({ url }, ids) => {
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const after = url.searchParams.get("starting_after");
    if (after !== null && after === options.failAfter) return error400();
    const start = after === null ? 0 : ids.indexOf(after) + 1;
    const data = ids.slice(start, start + limit).map((payment_id) => ({ payment_id, status: "succeeded" }));
    return Response.json({ size: data.length, data });
  });

/** `POST /refunds/list`: `limit` + `offset` in the body, `{ count, total_count, data }`. */
const refundsByOffset = (total = 25, options: { emptyAt?: number } = {}) =>
  fakeEngine(
    ({ body }, ids) => {
      const limit = Number(body?.limit ?? 10);
      const offset = Number(body?.offset ?? 0);
      const data =
        offset === options.emptyAt ? [] : ids.slice(offset, offset + limit).map((refund_id) => ({ refund_id }));
      return Response.json({ count: data.length, total_count: total, data });
    },
    total,
    "ref",
  );

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("paginate", () => {
  it("advances the payments cursor to the last id and stops on a short page, keeping the created range", async () => {
    const { client, sent } = paymentsByCursor();
    const payments = await collect(
      paginate(
        client,
        "GET /payments/list",
        { params: { query: { "created.gte": "2026-01-01T00:00:00Z", "created.lt": "2026-02-01T00:00:00Z" } } },
        { pageSize: 10 },
      ),
    );
    expect(payments.map((payment) => payment.payment_id)).toHaveLength(25);
    expect(payments[24]?.payment_id).toBe("pay_0024");
    expect(
      sent.map(({ url }) => [url.pathname, url.searchParams.get("limit"), url.searchParams.get("starting_after")]),
    ).toEqual([
      ["/payments/list", "10", null],
      ["/payments/list", "10", "pay_0009"],
      ["/payments/list", "10", "pay_0019"],
    ]);
    for (const { url } of sent) {
      expect(url.searchParams.get("created.gte")).toBe("2026-01-01T00:00:00Z");
      expect(url.searchParams.get("created.lt")).toBe("2026-02-01T00:00:00Z");
    }
  });

  it("asks one more page after an exactly full last page, and stops on the empty one", async () => {
    const { client, sent } = paymentsByCursor();
    expect(await collect(paginate(client, "GET /payments/list", {}, { pageSize: 25 }))).toHaveLength(25);
    expect(sent.map(({ url }) => url.searchParams.get("starting_after"))).toEqual([null, "pay_0024"]);
  });

  it("moves the refunds offset in the POST body, with the caller's filters, until total_count", async () => {
    const { client, sent } = refundsByOffset(25);
    const refunds = await collect(
      paginate(
        client,
        "POST /refunds/list",
        { body: { payment_id: "pay_1", start_time: "2026-01-01T00:00:00Z" } },
        { pageSize: 10 },
      ),
    );
    expect(refunds.map((refund) => refund.refund_id)).toHaveLength(25);
    expect(sent.map(({ method, url, body }) => [method, url.pathname, body])).toEqual(
      [0, 10, 20].map((offset) => [
        "POST",
        "/refunds/list",
        { payment_id: "pay_1", start_time: "2026-01-01T00:00:00Z", limit: 10, offset },
      ]),
    );
  });

  it("stops at total_count without asking for an empty page", async () => {
    const { client, sent } = refundsByOffset(20);
    expect(await collect(paginate(client, "POST /refunds/list", {}, { pageSize: 10 }))).toHaveLength(20);
    expect(sent).toHaveLength(2);
  });

  it("walks a bare-array offset list (customers) until a short page", async () => {
    const { client, sent } = fakeEngine(
      ({ url }, ids) => {
        const limit = Number(url.searchParams.get("limit"));
        const offset = Number(url.searchParams.get("offset"));
        return Response.json(ids.slice(offset, offset + limit).map((customer_id) => ({ customer_id })));
      },
      12,
      "cus",
    );
    const customers = await collect(paginate(client, "GET /customers/list", {}, { pageSize: 5 }));
    expect(customers.map((customer) => customer.customer_id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `cus_${String(i).padStart(4, "0")}`),
    );
    expect(sent.map(({ url }) => url.searchParams.get("offset"))).toEqual(["0", "5", "10"]);
  });

  it("stops requesting when the loop breaks", async () => {
    const { client, sent } = paymentsByCursor();
    for await (const payment of paginate(client, "GET /payments/list", {}, { pageSize: 10 })) {
      if (payment.payment_id === "pay_0003") break;
    }
    expect(sent).toHaveLength(1);
  });

  it("caps the items with maxItems and fetches no page it does not need", async () => {
    const { client, sent } = refundsByOffset(100);
    const refunds = await collect(paginate(client, "POST /refunds/list", {}, { pageSize: 10, maxItems: 15 }));
    expect(refunds).toHaveLength(15);
    expect(sent.map(({ body }) => body?.offset)).toEqual([0, 10]);
  });

  it("throws the typed ApiError when a page fails", async () => {
    const { client } = paymentsByCursor({ failAfter: "pay_0009" });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const payment of paginate(client, "GET /payments/list", {}, { pageSize: 10 })) {
        seen.push(payment.payment_id);
      }
    })().catch((caught: unknown) => caught);
    expect(seen).toHaveLength(10);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, requestId: "req_page" });
  });

  it("raises PaginationError for an empty page that promises more", async () => {
    const { client } = refundsByOffset(25, { emptyAt: 10 });
    await expect(collect(paginate(client, "POST /refunds/list", {}, { pageSize: 10 }))).rejects.toThrow(
      PaginationError,
    );
  });

  it("sends one request for a list without paging parameters", async () => {
    const { client, sent } = fakeEngine(() => Response.json([{ mandate_id: "man_1" }, { mandate_id: "man_2" }]));
    const mandates = await collect(
      paginate(client, "GET /customers/{customer_id}/mandates", { params: { path: { customer_id: "cus_1" } } }),
    );
    expect(mandates.map((mandate) => mandate.mandate_id)).toEqual(["man_1", "man_2"]);
    expect(sent.map(({ url }) => [url.pathname, url.search])).toEqual([["/customers/cus_1/mandates", ""]]);
  });

  it("refuses a page size above the operation's maximum", () => {
    const { client } = refundsByOffset();
    expect(() =>
      paginate(
        client,
        "POST /payouts/list",
        { body: { currency: "EUR", entity_type: "Individual" } },
        { pageSize: 50 },
      ),
    ).toThrow(/pageSize must be an integer from 1 to 20/);
  });

  it("iterates payments against the mock", async () => {
    const { client } = mockClient();
    const payments = await collect(paginate(client, "GET /payments/list", {}, { pageSize: 10 }));
    expect(payments.length).toBeGreaterThan(0);
    expect(payments[0]).toHaveProperty("payment_id");
  });

  it("types items from the operation's response and rejects what is not a list", () => {
    expectTypeOf<ListItem<"GET /payments/list">>().toEqualTypeOf<components["schemas"]["PaymentsResponse"]>();
    expectTypeOf<ListItem<"POST /refunds/list">>().toEqualTypeOf<components["schemas"]["RefundResponse"]>();
    expectTypeOf<ListItem<"GET /customers/list">>().toEqualTypeOf<components["schemas"]["CustomerResponse"]>();
    const client = {} as PaymntCloudClient;
    const compileOnly = () => {
      expectTypeOf(paginate(client, "GET /disputes/list")).toEqualTypeOf<
        AsyncGenerator<components["schemas"]["DisputeResponse"], void, undefined>
      >();
      // @ts-expect-error not a list operation
      paginate(client, "GET /payments/{payment_id}");
      // @ts-expect-error refunds are listed with POST
      paginate(client, "GET /refunds/list");
      // @ts-expect-error paging is managed by paginate
      paginate(client, "GET /payments/list", { params: { query: { starting_after: "pay_1" } } });
      // @ts-expect-error created filters are typed as strings
      paginate(client, "GET /payments/list", { params: { query: { "created.gte": 1 } } });
      // @ts-expect-error the customer id is required
      paginate(client, "GET /customers/{customer_id}/mandates");
      // @ts-expect-error the payout filter requires currency and entity_type
      paginate(client, "POST /payouts/list", { body: {} });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
