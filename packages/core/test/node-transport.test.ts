import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeTransport } from "../src/node-transport.js";
import { toResponse } from "../src/response.js";
import { attemptSignal } from "../src/timeouts.js";
import { fetchTransport, type Transport } from "../src/transport.js";

// The Node transport answers with a Response of its own that reads buffered bytes directly; these
// tests hold it to the behaviour of a real Response.
let server: Server;
let base: string;
let send: Transport;

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = request.url ?? "";
    if (route === "/json") {
      response.writeHead(200, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"] });
      response.end('\uFEFF{"id":"pay_1","amount":1000}');
    } else if (route === "/empty") {
      response.writeHead(204).end();
    } else if (route === "/slow-body") {
      response.writeHead(200, { "content-type": "text/plain" });
      response.write("partial");
      setTimeout(() => response.end("rest"), 2_000);
    } else {
      response.writeHead(200, { "content-type": "text/plain" }).end("ünïcode ✓");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  send = nodeTransport();
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path: string, timeoutMs = 5_000) => {
  const attempt = attemptSignal(undefined, timeoutMs);
  return send({ url: new URL(`${base}${path}`), method: "GET", headers: {}, body: undefined }, attempt)
    .then(toResponse)
    .finally(() => attempt.dispose());
};

describe("the Node transport's Response", () => {
  it("is a Response whose json() skips a BOM and whose body can be read only once", async () => {
    const response = await get("/json");
    expect(response).toBeInstanceOf(Response);
    expect(response.url).toBe(`${base}/json`);
    expect(response.status).toBe(200);
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ id: "pay_1", amount: 1000 });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("keeps repeated headers", async () => {
    const response = await get("/json");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(response.headers.get("content-type")).toBe("application/json");
  });

  it("decodes text as UTF-8 and gives an exact ArrayBuffer", async () => {
    expect(await (await get("/text")).text()).toBe("ünïcode ✓");
    const buffer = await (await get("/text")).arrayBuffer();
    expect(new TextDecoder().decode(buffer)).toBe("ünïcode ✓");
    expect(buffer.byteLength).toBe(Buffer.byteLength("ünïcode ✓"));
  });

  it("clones, streams and blobs like a real Response", async () => {
    const response = await get("/json");
    const copy = response.clone();
    expect(copy.url).toBe(response.url);
    expect(await copy.json()).toEqual({ id: "pay_1", amount: 1000 });
    expect(await response.json()).toEqual({ id: "pay_1", amount: 1000 });

    const streamed = await get("/text");
    const reader = streamed.body?.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader?.read(); read !== undefined && !read.done; read = await reader?.read()) {
      chunks.push(read.value);
    }
    expect(Buffer.concat(chunks).toString("utf8")).toBe("ünïcode ✓");
    expect(streamed.bodyUsed).toBe(true);

    expect(await (await (await get("/text")).blob()).text()).toBe("ünïcode ✓");
  });

  it("reports a disturbed body after a direct read, even through clone()", async () => {
    const response = await get("/text");
    await response.text();
    expect(() => response.clone()).toThrow(TypeError);
  });

  it("gives a 204 a null body", async () => {
    const response = await get("/empty");
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it("times out while the body is still arriving: the attempt covers the last byte", async () => {
    await expect(get("/slow-body", 300)).rejects.toMatchObject({ name: "TimeoutError" });
  });
});

describe("the fetch transport", () => {
  const viaFetch = fetchTransport((url, init) => fetch(url, init));
  const send = (path: string, attempt: ReturnType<typeof attemptSignal>) =>
    viaFetch({ url: new URL(`${base}${path}`), method: "GET", headers: {}, body: undefined }, attempt)
      .then(toResponse)
      .finally(() => attempt.dispose());

  it("times out while the body is still arriving, as the Node transport does", async () => {
    await expect(send("/slow-body", attemptSignal(undefined, 300))).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("stops when the caller aborts mid-body", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(send("/slow-body", attemptSignal(controller.signal, 10_000))).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("hands back a readable Response with the status and repeated headers", async () => {
    const response = await send("/json", attemptSignal(undefined, 5_000));
    expect(response.url).toBe(`${base}/json`);
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual({ id: "pay_1", amount: 1000 });
    expect((await send("/empty", attemptSignal(undefined, 5_000))).status).toBe(204);
  });
});
