import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMock } from "../src/index.js";
import { exampleSweepSuite, methodsCalledBy, type SettleablePromise, type SweepCall, settle } from "../src/vitest.js";

/** What core's `ApiError` carries that `settle` reads. */
class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {
    super(`HTTP ${status}`);
  }
}

/** A resource method's promise as core builds it: data, or a typed error; `withResponse()` beside it. */
function resourcePromise(outcome: () => Promise<{ data: unknown; response: Response }>): SettleablePromise {
  const sending = outcome();
  const data = sending.then(({ data }) => data);
  // As core does: a caller who only uses withResponse() leaves no unhandled rejection.
  data.catch(() => undefined);
  return Object.assign(data, { withResponse: () => sending });
}

const rejecting = (error: unknown) => resourcePromise(() => Promise.reject(error));

describe("settle", () => {
  it("gives the data and response of a success", async () => {
    const response = new Response('{"id":"pay_1"}', { status: 201 });
    const result = await settle(resourcePromise(async () => ({ data: { id: "pay_1" }, response })));
    expect(result).toEqual({ data: { id: "pay_1" }, response });
    expect(result.error).toBeUndefined();
  });

  it("turns an ApiError into its body and a response with its status and headers", async () => {
    const headers = new Headers({ "content-type": "application/json", "x-request-id": "req_1", "content-length": "3" });
    const body = { error: { code: "HE_02", message: "Payment not found" } };
    const result = await settle(rejecting(new FakeApiError(404, body, headers)));
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(body);
    expect(result.response.status).toBe(404);
    expect(result.response.ok).toBe(false);
    expect(result.response.headers.get("x-request-id")).toBe("req_1");
    expect(result.response.headers.get("content-type")).toBe("application/json");
    // The body is written again, so the original length is not kept.
    expect(result.response.headers.get("content-length")).toBeNull();
    expect(await result.response.json()).toEqual(body);
  });

  it.each([
    ["no body", undefined],
    ["an empty text body", ""],
  ])("answers an error with %s with an empty response", async (_case, body) => {
    const result = await settle(rejecting(new FakeApiError(401, body, new Headers({ "content-length": "0" }))));
    expect(result.error).toBe(body);
    expect(result.response.status).toBe(401);
    expect(result.response.body).toBeNull();
    expect(await result.response.text()).toBe("");
  });

  it("keeps a text error body as it is", async () => {
    const headers = new Headers({ "content-type": "text/plain" });
    const result = await settle(rejecting(new FakeApiError(502, "Bad gateway", headers)));
    expect(result.error).toBe("Bad gateway");
    expect(await result.response.text()).toBe("Bad gateway");
  });

  it("takes plain-object headers", async () => {
    const error = Object.assign(new Error("HTTP 409"), { status: 409, body: { code: "dup" }, headers: { "x-a": "1" } });
    const result = await settle(rejecting(error));
    expect(result.response.status).toBe(409);
    expect(result.response.headers.get("x-a")).toBe("1");
  });

  it.each([
    ["a spec violation", Object.assign(new Error("does not match the spec"), { violations: [] })],
    ["a timeout", Object.assign(new Error("timed out"), { attempts: 1 })],
    ["an error with a status but no headers", Object.assign(new Error("x"), { status: 400, body: {} })],
    ["a string", "boom"],
  ])("rethrows anything but an API error: %s", async (_case, thrown) => {
    await expect(settle(rejecting(thrown))).rejects.toBe(thrown);
  });

  it("takes a lazy list promise (a thenable with withResponse)", async () => {
    let sent = 0;
    const response = new Response("[]");
    const list: SettleablePromise = {
      withResponse: async () => {
        sent += 1;
        return { data: [], response };
      },
    };
    expect(sent).toBe(0);
    expect(await settle(list)).toEqual({ data: [], response });
    expect(sent).toBe(1);
  });
});

describe("methodsCalledBy", () => {
  type Client = {
    payments: { create(body: object, options: object): SettleablePromise };
    POST(path: string, init: object): Promise<{ response: Response }>;
  };

  it("names the resource method a settled call uses, and sends nothing", async () => {
    const call: SweepCall<Client> = (c, headers) => settle(c.payments.create({ amount: 1 }, { headers }));
    expect(await methodsCalledBy(call)).toEqual(["payments.create"]);
  });

  it("names a raw openapi-fetch method", async () => {
    const call: SweepCall<Client> = (c, headers) => c.POST("/payments", { body: {}, headers });
    expect(await methodsCalledBy(call)).toEqual(["POST"]);
  });
});

// The sweep through settled calls: a method that throws for an error status, like core's, is
// served every documented (status, example) and validated as the raw calls are.
const spec = join(mkdtempSync(join(tmpdir(), "payspec-settle-")), "settle.yaml");
writeFileSync(
  spec,
  `openapi: 3.1.0
info: { title: settle, version: "1" }
paths:
  /evidence:
    delete:
      operationId: removeEvidence
      responses:
        "200": { description: Removed; no body. }
    get:
      operationId: listEvidence
      responses:
        "200":
          description: The evidence.
          content:
            application/json:
              schema: { type: object }
              examples: { one: { value: { count: 1 } } }
        "400":
          description: Refused.
          content:
            application/json:
              schema: { type: object }
              examples: { refused: { value: { error: bad } } }
`,
);

const mock = await startMock({ spec });
afterAll(() => mock.close());

/** A resource method over fetch with core's rules: data on success, a typed error otherwise. */
const method = (url: string, httpMethod: string, headers: Record<string, string>) =>
  resourcePromise(async () => {
    const response = await fetch(`${url}/evidence`, { method: httpMethod, headers });
    const text = await response.clone().text();
    const body = text === "" ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) throw new FakeApiError(response.status, body, response.headers);
    return { data: body, response };
  });

const calls: Record<string, SweepCall<string>> = {
  removeEvidence: (url, headers) => settle(method(url, "DELETE", headers)),
  listEvidence: (url, headers) => settle(method(url, "GET", headers)),
};

await exampleSweepSuite(spec, () => mock.url, calls);
