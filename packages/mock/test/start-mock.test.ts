import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MockStartError, provideMocks, startMock } from "../src/index.js";

describe("startMock", () => {
  it("serves a provider spec on a free loopback port and stops", async () => {
    const mock = await startMock({ spec: "paymnt-cloud" });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${mock.url}/customers/list`, { headers: { "api-key": "k" } });
    expect(response.status).toBe(200);
    await mock.close();
    await mock.close();
    await expect(fetch(`${mock.url}/customers/list`)).rejects.toThrow();
  });

  it("fails at once with Prism's message when the spec cannot be loaded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "payspec-mock-"));
    const spec = join(dir, "broken.yaml");
    writeFileSync(
      spec,
      "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: '#/components/responses/Missing' }\n",
    );
    await expect(startMock({ spec })).rejects.toThrow(MockStartError);
    await expect(startMock({ spec })).rejects.toThrow(/Prism could not load .*broken\.yaml: .*Missing/);
  });

  it("refuses a missing spec and an unknown provider name", async () => {
    await expect(startMock({ spec: "no-such-provider" })).rejects.toThrow(
      /Unknown provider "no-such-provider": use one of paymend, paymentkit, paymnt-cloud, vaiipay/,
    );
    await expect(startMock({ spec: "/tmp/no-such-spec.yaml" })).rejects.toThrow(/No spec at \/tmp\/no-such-spec\.yaml/);
    await expect(startMock({ spec: "../etc" })).rejects.toThrow(MockStartError);
  });

  it("provides each mock's URL to vitest and tears all of them down", async () => {
    const provided = new Map<string, string>();
    const teardown = await provideMocks({ provide: (key, value) => provided.set(key, value) }, ["paymnt-cloud"]);
    const url = provided.get("mock:paymnt-cloud") ?? "";
    expect((await fetch(`${url}/customers/list`, { headers: { "api-key": "k" } })).status).toBe(200);
    await teardown();
    await expect(fetch(`${url}/customers/list`)).rejects.toThrow();
  });
});
