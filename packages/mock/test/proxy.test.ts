import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { controlPaths, type MockProxy, startProviderMock, startProxy } from "../src/index.js";

// A provider stand-in that counts what it acted on, so "the provider acted once" is observable.
let upstream: Server;
let upstreamUrl: string;
const acted: string[] = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      acted.push(`${request.method} ${request.url} ${body}`);
      const forced = /code=(\d{3})/.exec(String(request.headers.prefer ?? ""))?.[1];
      response.writeHead(forced === undefined ? 200 : Number(forced), { "content-type": "application/json" });
      response.end(JSON.stringify({ id: `obj_${acted.length}`, forced: forced ?? null }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

let proxy: MockProxy;
beforeAll(async () => {
  proxy = await startProxy({ target: upstreamUrl, idempotencyHeader: "Idempotency-Key" });
});
afterEach(() => {
  proxy.reset();
  acted.length = 0;
});
afterAll(() => proxy.close());

const post = (body: unknown, key?: string) =>
  fetch(`${proxy.url}/payments`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key === undefined ? {} : { "idempotency-key": key }) },
    body: JSON.stringify(body),
  });

describe("the remembering proxy", () => {
  it("replays the first response for a repeated key, byte for byte, and the provider acts once", async () => {
    const first = await post({ amount: 1 }, "k1");
    const second = await post({ amount: 1 }, "k1");
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(acted).toHaveLength(1);
    expect(proxy.attempts.map((attempt) => attempt.outcome)).toEqual(["forwarded", "replayed"]);
  });

  it("lets concurrent requests with one key reach the provider once", async () => {
    const responses = await Promise.all([1, 2, 3].map(() => post({ amount: 1 }, "k-concurrent")));
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(acted).toHaveLength(1);
  });

  it("refuses a reused key with another body with the conflict status, and the provider does not act", async () => {
    await post({ amount: 1 }, "k2");
    const conflict = await post({ amount: 2 }, "k2");
    expect(conflict.status).toBe(409);
    expect(proxy.attempts.map((attempt) => attempt.outcome)).toEqual(["forwarded", "conflict"]);
    expect(acted.filter((line) => !line.includes('amount":2'))).toHaveLength(1);
  });

  it("does not remember requests without a key, nor 5xx answers", async () => {
    await post({ amount: 1 });
    await post({ amount: 1 });
    expect(acted).toHaveLength(2);
    proxy.fault({ path: "/payments", fault: { kind: "status", status: 503 } });
    expect((await post({ amount: 1 }, "k3")).status).toBe(503);
    expect((await post({ amount: 1 }, "k3")).status).toBe(200);
  });

  it("drops the connection after forwarding, and the retry is answered from memory", async () => {
    proxy.fault({ method: "POST", path: "/payments", fault: { kind: "drop-after-forward" } });
    await expect(post({ amount: 1 }, "k4")).rejects.toThrow();
    expect(acted).toHaveLength(1);
    const retry = await post({ amount: 1 }, "k4");
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(acted).toHaveLength(1);
  });

  it("drops the connection without forwarding", async () => {
    proxy.fault({ fault: { kind: "drop" } });
    await expect(post({ amount: 1 }, "k5")).rejects.toThrow();
    expect(acted).toHaveLength(0);
    expect(proxy.attempts[0]).toMatchObject({ outcome: "fault", fault: "drop", status: undefined });
  });

  it("answers 429 with Retry-After, using the spec's documented answer when there is one", async () => {
    proxy.fault({ method: "GET", fault: { kind: "status", status: 429, retryAfterSeconds: 3 } });
    const limited = await fetch(`${proxy.url}/payments/pay_1`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.json()).toEqual({ id: "obj_1", forced: "429" });
    expect((await fetch(`${proxy.url}/payments/pay_1`)).status).toBe(200);
  });

  it("delays, matches paths by regular expression, and uses each rule `times` times", async () => {
    proxy.fault({ path: "^/payments/pay_", times: 2, fault: { kind: "delay", ms: 200 } });
    const started = performance.now();
    await fetch(`${proxy.url}/payments/pay_1`);
    await fetch(`${proxy.url}/payments/pay_2`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    const quick = performance.now();
    await fetch(`${proxy.url}/payments/pay_3`);
    expect(performance.now() - quick).toBeLessThan(200);
    expect(proxy.attempts.map((attempt) => attempt.fault ?? attempt.outcome)).toEqual(["delay", "delay", "forwarded"]);
  });

  it("rejects a malformed fault rule with a message that names the fix", () => {
    expect(() => proxy.fault({ fault: { kind: "explode" } } as never)).toThrow(
      /fault.kind must be one of drop-after-forward, drop, status, delay/,
    );
    expect(() => proxy.fault({ times: 0, fault: { kind: "drop" } })).toThrow(/times must be a positive integer/);
  });

  it("is scriptable over HTTP from another process", async () => {
    const queued = await fetch(`${proxy.url}${controlPaths.faults}`, {
      method: "POST",
      body: JSON.stringify({ fault: { kind: "status", status: 503 } }),
    });
    expect(queued.status).toBe(201);
    expect((await fetch(`${proxy.url}/payments/pay_1`)).status).toBe(503);
    const attempts = (await (await fetch(`${proxy.url}${controlPaths.attempts}`)).json()) as unknown[];
    expect(attempts).toEqual([expect.objectContaining({ path: "/payments/pay_1", status: 503, outcome: "fault" })]);
    const bad = await fetch(`${proxy.url}${controlPaths.faults}`, { method: "POST", body: "{" });
    expect(bad.status).toBe(400);
    await fetch(`${proxy.url}${controlPaths.reset}`, { method: "POST" });
    expect(proxy.attempts).toHaveLength(0);
  });
});

describe("startProviderMock", () => {
  it("reads the idempotency header and conflict status from the spec and answers conflicts in the provider's shape", async () => {
    const mock = await startProviderMock({ spec: "paymnt-cloud" });
    try {
      expect(mock.idempotencyHeader).toBe("Idempotency-Key");
      const send = (amount: number) =>
        fetch(`${mock.url}/payments`, {
          method: "POST",
          headers: { "api-key": "k", "content-type": "application/json", "idempotency-key": "same" },
          body: JSON.stringify({ amount, currency: "USD" }),
        });
      expect((await send(1000)).status).toBe(200);
      const conflict = await send(2000);
      // Paymnt Cloud's spec declares 400 (the engine refuses duplicates with 400, never 409).
      expect(conflict.status).toBe(400);
      // …with the engine's own duplicate error, the spec's `conflictExample`.
      expect(await conflict.json()).toMatchObject({ error: { type: "invalid_request", code: "HE_01" } });
      // An operation whose 400 documents no such example still answers with its first one.
      const refund = (amount: number) =>
        fetch(`${mock.url}/refunds`, {
          method: "POST",
          headers: { "api-key": "k", "content-type": "application/json", "idempotency-key": "r" },
          body: JSON.stringify({ payment_id: "pay_1", amount }),
        });
      expect((await refund(100)).status).toBe(200);
      expect((await refund(200)).status).toBe(400);
    } finally {
      await mock.close();
    }
  });

  it("has no idempotency for a provider that documents none, and Prism alone without the proxy", async () => {
    const mock = await startProviderMock({ spec: "paymend", proxy: false });
    try {
      expect(mock.idempotencyHeader).toBeUndefined();
      expect(mock.url).toBe(mock.mockUrl);
      expect(() => mock.fault({ fault: { kind: "drop" } })).toThrow(/Faults need the proxy/);
    } finally {
      await mock.close();
    }
  });
});

describe("the payspec-mock CLI", () => {
  const cli = fileURLToPath(new URL("../bin/payspec-mock.js", import.meta.url));
  const run = (args: string[]) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    return { child, output: () => output, exited };
  };

  it("starts a provider's mock with the proxy, serves it, and stops on SIGTERM", async () => {
    const { child, output, exited } = run(["start", "paymnt-cloud", "--port", "0"]);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output()}`)), 20_000);
      child.stdout.on("data", () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(output()).toContain("idempotency header: Idempotency-Key");
    expect((await fetch(`${url}/customers/list`, { headers: { "api-key": "k" } })).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("exits 2 with the providers it knows for an unknown one", async () => {
    const { output, exited } = run(["start", "nope"]);
    expect(await exited).toBe(2);
    expect(output()).toMatch(/Unknown provider "nope": use one of paymend, paymentkit, paymnt-cloud, vaiipay/);
  });
});
