import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, TimeoutError } from "../src/index.js";
import { call, keyedProvider, testClient, unkeyedProvider } from "./support/client.js";
import { type Fault, FaultServer, unusedPort } from "./support/fault-server.js";

// method × idempotency key present × failure kind. A call is retried exactly when replaying it
// cannot cause a second side effect: a replayable method, an idempotency key, or a failure that
// proves the first attempt never left this machine.
const methods = ["GET", "PUT", "DELETE", "POST", "PATCH"] as const;
const failures = ["drop-before", "drop-after", "429", "503", "timeout", "refused"] as const;
type FailureKind = (typeof failures)[number];

const faultFor: Record<Exclude<FailureKind, "refused">, Fault> = {
  "drop-before": "drop-before",
  "drop-after": "drop-after",
  "429": { status: 429, retryAfter: "0" },
  "503": { status: 503 },
  timeout: "hang",
};

const cases = methods.flatMap((method) =>
  [true, false].flatMap((keyed) =>
    failures.map((failure) => ({
      method,
      keyed,
      failure,
      // The idempotency middleware keys POST, PUT and PATCH; GET and DELETE never carry a key.
      hasKey: keyed && (method === "POST" || method === "PUT" || method === "PATCH"),
    })),
  ),
);

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("retry matrix", () => {
  it.each(cases)("$method, key: $hasKey, $failure", async ({ method, keyed, failure, hasKey }) => {
    const provider = keyed ? keyedProvider : unkeyedProvider;
    const replayable = method === "GET" || method === "PUT" || method === "DELETE";
    const expectRetry = replayable || hasKey || failure === "refused";

    let server: FaultServer;
    let baseUrl: string;
    let onAttempt: ((event: { attempt: number }) => void) | undefined;
    if (failure === "refused") {
      // Nothing listens for the first attempt; the server comes up before the second.
      const port = await unusedPort();
      baseUrl = `http://127.0.0.1:${port}`;
      let starting: Promise<FaultServer> | undefined;
      onAttempt = ({ attempt }) => {
        if (attempt === 1) starting = FaultServer.start(port);
      };
      const client = testClient(baseUrl, { provider, onAttempt, retryBaseDelayMs: 200 });
      const result = call(client, method);
      await expect(result).resolves.toMatchObject({ response: { status: 200 } });
      server = await (starting as Promise<FaultServer>);
      servers.push(server);
      expect(server.received).toHaveLength(1);
      expect(server.sideEffects).toBe(1);
      return;
    }

    server = await FaultServer.start();
    servers.push(server);
    server.queue(faultFor[failure]);
    // Long enough that only the injected hang times out, even on a loaded machine.
    const client = testClient(server.url, { provider, timeoutMs: failure === "timeout" ? 800 : 5_000 });
    const outcome = await call(client, method).then(
      (result) => ({ status: result.response.status, error: undefined }),
      (error: unknown) => ({ status: undefined, error }),
    );

    if (expectRetry) {
      expect(outcome.status).toBe(200);
      expect(server.received).toHaveLength(2);
    } else {
      expect(server.received).toHaveLength(1);
      if (failure === "429" || failure === "503") expect(outcome.status).toBe(Number(failure));
      else if (failure === "timeout") expect(outcome.error).toBeInstanceOf(TimeoutError);
      else expect(outcome.error).toBeInstanceOf(ConnectionError);
    }

    const keys = server.received.map((request) => request.idempotencyKey);
    if (hasKey) {
      // Every attempt carried the same key, and the provider-side ledger saw one side effect.
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(server.ledger.get(keys[0] as string) ?? 0).toBeLessThanOrEqual(1);
    } else {
      expect(keys.every((key) => key === undefined)).toBe(true);
    }
    // Unkeyed non-replayable calls never cause a second side effect: they are never resent.
    if (!replayable) expect(server.sideEffects).toBeLessThanOrEqual(1);
  });

  it("an unkeyed POST whose response was lost reports that it may have been sent", async () => {
    const server = await FaultServer.start();
    servers.push(server);
    server.queue("drop-after");
    const client = testClient(server.url, { provider: unkeyedProvider });
    const error = await call(client, "POST").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      sent: true,
      attempts: 1,
      idempotencyKey: undefined,
      method: "POST",
      path: "/things",
    });
    expect(server.sideEffects).toBe(1);
  });

  it("a keyed POST whose response was lost is replayed and processed once", async () => {
    const server = await FaultServer.start();
    servers.push(server);
    server.queue("drop-after", "drop-after");
    const client = testClient(server.url);
    const { data, response } = await call(client, "POST");
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(3);
    expect(server.sideEffects).toBe(1);
    expect(data).toMatchObject({ ok: true, sideEffect: 1 });
  });
});
