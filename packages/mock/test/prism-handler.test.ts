import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock, startProxy } from "../src/index.js";

// The proxy answers through Prism's handler in this process (no second HTTP hop). It must answer
// exactly as Prism's own server does: the same status, media type, body and violation header.
let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ spec: "paymnt-cloud" });
});
afterAll(() => mock.close());

const cases: { name: string; method: string; path: string; headers: Record<string, string>; body?: string }[] = [
  {
    name: "a valid create",
    method: "POST",
    path: "/payments",
    headers: { "api-key": "k", "content-type": "application/json" },
    body: '{"amount":1000,"currency":"USD"}',
  },
  {
    name: "an invalid body",
    method: "POST",
    path: "/payments",
    headers: { "api-key": "k", "content-type": "application/json" },
    body: '{"amount":"lots","currency":"USD"}',
  },
  {
    name: "malformed JSON",
    method: "POST",
    path: "/payments",
    headers: { "api-key": "k", "content-type": "application/json" },
    body: '{"amount":',
  },
  { name: "no credentials", method: "GET", path: "/payments/pay_1", headers: {} },
  {
    name: "an example by Prefer",
    method: "GET",
    path: "/payments/pay_1",
    headers: { "api-key": "k", prefer: "code=404" },
  },
  { name: "a bad Prefer", method: "GET", path: "/payments/pay_1", headers: { "api-key": "k", prefer: "code=abc" } },
  { name: "an unknown path", method: "GET", path: "/nowhere", headers: { "api-key": "k" } },
  { name: "a query", method: "GET", path: "/payments/list?limit=2&customer_id=cus_1", headers: { "api-key": "k" } },
];

describe("Prism's handler, in process", () => {
  it.each(cases)("answers $name as Prism's server does", async ({ method, path, headers, body }) => {
    const overHttp = await fetch(`${mock.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const inProcess = await mock.request({
      method,
      url: path,
      headers: { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) },
      body: Buffer.from(body ?? ""),
    });
    const header = (name: string) => inProcess.headers.find(([key]) => key === name)?.[1] ?? null;
    expect(inProcess.status).toBe(overHttp.status);
    expect(header("content-type")).toBe(overHttp.headers.get("content-type"));
    expect(header("sl-violations")).toBe(overHttp.headers.get("sl-violations"));
    expect(inProcess.body.toString("utf8")).toBe(await overHttp.text());
  });
});

describe("the proxy's connections", () => {
  it("keeps a client's connection alive across requests", async () => {
    const proxy = await startProxy({ target: mock.url, handle: mock.request });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const call = () =>
      new Promise<void>((resolve, reject) => {
        const request = http.request(
          `${proxy.url}/payments/pay_1`,
          { agent, headers: { "api-key": "k" } },
          (response) => {
            sockets.add(response.socket);
            response.resume();
            response.on("end", resolve);
          },
        );
        request.on("error", reject);
        request.end();
      });
    try {
      for (let index = 0; index < 5; index++) await call();
      // A keep-alive timeout within the client's safety margin made every request reconnect.
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
      await proxy.close();
    }
  });
});
