import { describe, expect, it } from "vitest";
import { type Customer, createPaymentKitClient, NotFoundError, PaginationError, paginate } from "../src/index.js";
import { mockClient } from "./support.js";

// Prism serves the same page every time, so multi-page behaviour runs against a local handler
// that answers like the API: `{ items, total, has_more }` sliced by `limit` and `offset`.
function pagedApi(total: number, options: { failAtOffset?: number } = {}) {
  const requests: URL[] = [];
  const customers = Array.from({ length: total }, (_, i) => ({
    id: `cus_prod_${String(i).padStart(4, "0")}`,
    email: `c${i}@example.com`,
  }));
  const client = createPaymentKitClient({
    token: "st_prod_pages",
    accountId: "acc_prod_a1",
    baseUrl: "http://127.0.0.1:9",
    fetch: async (href: string) => {
      const url = new URL(href);
      requests.push(url);
      const limit = Number(url.searchParams.get("limit"));
      const offset = Number(url.searchParams.get("offset"));
      if (offset === options.failAtOffset) {
        return Response.json(
          { type: "about:blank", title: "Not Found", status: 404, detail: "gone", request_id: "req_page" },
          { status: 404, headers: { "content-type": "application/problem+json" } },
        );
      }
      const items = customers.slice(offset, offset + limit);
      return Response.json({ items, total, has_more: offset + items.length < total });
    },
  });
  return { client, requests };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("paginate", () => {
  it("follows has_more across pages with limit and offset", async () => {
    const { client, requests } = pagedApi(250);
    const customers = await collect(paginate(client, "/api/{account_id}/customers"));
    expect(customers).toHaveLength(250);
    expect(customers[249]?.id).toBe("cus_prod_0249");
    expect(
      requests.map((url) => [url.pathname, url.searchParams.get("limit"), url.searchParams.get("offset")]),
    ).toEqual([
      ["/api/acc_prod_a1/customers", "100", "0"],
      ["/api/acc_prod_a1/customers", "100", "100"],
      ["/api/acc_prod_a1/customers", "100", "200"],
    ]);
  });

  it("caps the items and fetches no page it does not need", async () => {
    const { client, requests } = pagedApi(250);
    const customers = await collect(
      paginate(client, "/api/{account_id}/customers", {}, { maxItems: 120, pageSize: 50 }),
    );
    expect(customers).toHaveLength(120);
    expect(requests.map((url) => url.searchParams.get("offset"))).toEqual(["0", "50", "100"]);
  });

  it("keeps the caller's query and stops when the loop breaks", async () => {
    const { client, requests } = pagedApi(250);
    for await (const customer of paginate(
      client,
      "/api/{account_id}/customers",
      { params: { query: { expand: "custom_fields" } } },
      { pageSize: 10 },
    )) {
      if (customer.id === "cus_prod_0003") break;
    }
    expect(requests).toHaveLength(1);
    expect(requests[0]?.searchParams.get("expand")).toBe("custom_fields");
  });

  it("throws the typed error when a page fails", async () => {
    const { client } = pagedApi(250, { failAtOffset: 100 });
    const seen: Customer[] = [];
    const error = await (async () => {
      for await (const customer of paginate(client, "/api/{account_id}/customers")) seen.push(customer);
    })().catch((caught: unknown) => caught);
    expect(seen).toHaveLength(100);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, requestId: "req_page", message: expect.stringContaining("gone") });
  });

  it("refuses a page size outside 1–100 and a negative cap", async () => {
    const { client } = pagedApi(1);
    expect(() => paginate(client, "/api/{account_id}/customers", {}, { pageSize: 500 })).toThrow(/pageSize/);
    await expect(collect(paginate(client, "/api/{account_id}/customers", {}, { maxItems: -1 }))).rejects.toThrow(
      PaginationError,
    );
  });

  it.each([
    "/api/{account_id}/customers",
    "/api/{account_id}/products",
    "/api/{account_id}/prices",
    "/api/{account_id}/subscriptions",
    "/api/{account_id}/change-requests",
    "/api/{account_id}/invoices",
    "/api/{account_id}/checkout-sessions",
    "/api/{account_id}/payments/refunds",
    "/api/{account_id}/webhook-endpoints",
    "/api/customers",
  ] as const)("iterates %s against the mock", async (path) => {
    const { client } = mockClient();
    const items = await collect(paginate(client, path));
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveProperty("id");
  });
});
