import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { PrismAnswer, PrismRequest } from "./prism-handler.js";
import type { StatefulLayer } from "./stateful/stateful-layer.js";

/** What the proxy does to a request a {@link FaultRule} matches. */
export type Fault =
  /** Forward the request (the provider acts on it), then drop the connection before any response. */
  | { readonly kind: "drop-after-forward" }
  /** Drop the connection without forwarding: the provider never saw the request. */
  | { readonly kind: "drop" }
  /** Answer with this status without forwarding; the body is the spec's documented example for it. */
  | { readonly kind: "status"; readonly status: number; readonly retryAfterSeconds?: number }
  /** Wait, then forward as usual. */
  | { readonly kind: "delay"; readonly ms: number };

/** Which requests a fault applies to, and how many times. */
export interface FaultRule {
  /** HTTP method to match, such as `POST`. Default: any. */
  readonly method?: string;
  /** Path to match: exact string, or a regular expression source when it starts with `^`. Default: any. */
  readonly path?: string;
  /** How many matching requests get the fault. Default 1. */
  readonly times?: number;
  readonly fault: Fault;
}

/** One request as it reached the proxy, and what the proxy did with it. */
export interface RecordedAttempt {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly body: string;
  /**
   * `forwarded` reached the mock; `replayed` repeated a stored response for the key; `conflict`
   * reused a key with another body; `fault` was disrupted by a rule (see `fault`).
   */
  readonly outcome: "forwarded" | "replayed" | "conflict" | "fault";
  readonly fault?: Fault["kind"];
  /** The status the client received; undefined when the connection was dropped, or for a delay (recorded on arrival). */
  readonly status: number | undefined;
}

/** Options for {@link startProxy}. */
export interface ProxyOptions {
  /** Base URL of the mock (or any server) to forward to. */
  readonly target: string;
  /**
   * Answers a request in this process instead of forwarding it to `target` over HTTP: the Prism
   * mock's own handler (`MockServer.request`), which saves a second HTTP round trip per request.
   */
  readonly handle?: (request: PrismRequest) => Promise<PrismAnswer>;
  /**
   * Request header carrying the idempotency key, such as `Idempotency-Key`. Without it the proxy
   * only records and injects faults (for providers that document no idempotency).
   */
  readonly idempotencyHeader?: string;
  /** Status for a reused key with a different body; its body is the spec's example for that status. Default 409. */
  readonly conflictStatus?: number;
  /**
   * Name of the spec's example to answer a reused key with, when the conflict status documents
   * several (Paymnt Cloud's `duplicate`, its HE_01). Default: the first example.
   */
  readonly conflictExample?: string;
  readonly host?: string;
  readonly port?: number;
  /**
   * Stateful mode: after the target (Prism) accepted a request, the layer answers it from its
   * store, and serves the stateful control endpoints. Replays and faults work as without it.
   */
  readonly stateful?: Pick<StatefulLayer, "answer" | "control" | "reset">;
}

/** A running remembering proxy. */
export interface MockProxy {
  /** Base URL to point a client at. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly attempts: readonly RecordedAttempt[];
  /** Queues a fault; rules are consulted in order and each is used up after `times` matches. */
  fault(rule: FaultRule): void;
  /** Forgets recorded attempts, stored responses and pending faults. */
  reset(): void;
  close(): Promise<void>;
}

interface StoredResponse {
  readonly bodyHash: string;
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Buffer;
}

/** Paths of the proxy's own control API, for scripting a proxy in another process (the CLI's). */
export const controlPaths = { faults: "/__payspec/faults", attempts: "/__payspec/attempts", reset: "/__payspec/reset" };

const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

/**
 * The request's body. Not `for await (… of request)`: ending that loop destroys the request, and
 * with it the keep-alive connection, so every request would pay for a new one.
 */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}

/**
 * Starts a small HTTP proxy in front of a mock that behaves like a provider with memory: it replays
 * the first response for a repeated idempotency key, refuses the same key with a different body,
 * injects faults on cue, and records every attempt for assertions.
 */
export async function startProxy(options: ProxyOptions): Promise<MockProxy> {
  const target = new URL(options.target);
  const keyHeader = options.idempotencyHeader?.toLowerCase();
  const conflictStatus = options.conflictStatus ?? 409;
  const attempts: RecordedAttempt[] = [];
  const stored = new Map<string, Promise<StoredResponse | undefined>>();
  let rules: { rule: FaultRule; left: number }[] = [];

  const takeFault = (method: string, path: string): Fault | undefined => {
    const entry = rules.find(
      ({ rule, left }) =>
        left > 0 &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (rule.path === undefined ||
          (rule.path.startsWith("^") ? new RegExp(rule.path).test(path) : rule.path === path)),
    );
    if (entry === undefined) return undefined;
    entry.left -= 1;
    rules = rules.filter(({ left }) => left > 0);
    return entry.rule.fault;
  };

  const forward = async (request: IncomingMessage, body: Buffer, extraHeaders: Record<string, string> = {}) => {
    if (options.handle !== undefined) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || hopByHop.has(name)) continue;
        headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      // The body is read in full, however it was framed (chunked or not).
      headers["content-length"] = String(body.length);
      for (const [name, value] of Object.entries(extraHeaders)) headers[name.toLowerCase()] = value;
      const answer = await options.handle({ method: request.method ?? "GET", url: request.url ?? "/", headers, body });
      return { ...answer, headers: answer.headers.filter(([name]) => !hopByHop.has(name)) };
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || hopByHop.has(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    const url = new URL(request.url ?? "/", target);
    const upstream = await fetch(url, {
      method: request.method ?? "GET",
      headers,
      body: body.length > 0 ? new Uint8Array(body) : null,
    });
    return {
      status: upstream.status,
      headers: [...upstream.headers].filter(([name]) => !hopByHop.has(name) && name !== "content-encoding"),
      body: Buffer.from(await upstream.arrayBuffer()),
    };
  };

  /** The spec's documented response for `status` (Prism's example), or a plain JSON error when there is none. */
  const documentedAnswer = async (request: IncomingMessage, body: Buffer, status: number, example?: string) => {
    let documented = await forward(request, body, {
      prefer: example === undefined ? `code=${status}` : `code=${status}, example=${example}`,
    });
    // An operation without that example: its first one for the status.
    if (documented.status !== status && example !== undefined) {
      documented = await forward(request, body, { prefer: `code=${status}` });
    }
    if (documented.status === status) {
      return { ...documented, headers: documented.headers.filter(([name]) => name !== "retry-after") };
    }
    // The operation documents no such status: answer with a standard RFC 7807 problem.
    return {
      status,
      headers: [["content-type", "application/problem+json"]] as [string, string][],
      body: Buffer.from(JSON.stringify({ type: "about:blank", title: `payspec-mock: ${status}`, status })),
    };
  };

  const send = (response: ServerResponse, stored: Omit<StoredResponse, "bodyHash">, extra: [string, string][] = []) => {
    response.writeHead(stored.status, [...stored.headers, ...extra].flat());
    response.end(stored.body);
  };

  const resetAll = (now: number | undefined) => {
    attempts.length = 0;
    stored.clear();
    rules = [];
    options.stateful?.reset(now);
  };

  const handleControl = async (request: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(value));
    };
    const path = (request.url ?? "").split("?")[0];
    if (path === controlPaths.attempts && request.method === "GET") return json(200, attempts);
    if (path === controlPaths.reset && request.method === "POST") {
      // Stateful mode: `{ "now": "<ISO time>" }` restarts the mock clock there instead of at its start.
      let now: number | undefined;
      if (body.length > 0) {
        let given: unknown;
        try {
          given = (JSON.parse(body.toString("utf8")) as { now?: unknown } | null)?.now;
        } catch {
          given = Number.NaN;
        }
        now = given === undefined ? undefined : Date.parse(String(given));
        if (now !== undefined && Number.isNaN(now)) {
          return json(400, { error: "invalid_request", message: 'send no body, {} or {"now": "<ISO time>"}' });
        }
      }
      resetAll(now);
      return json(200, { reset: true });
    }
    const stateful = await options.stateful?.control(request.method ?? "GET", request.url ?? "/", body);
    if (stateful !== undefined) return json(stateful.status, stateful.body);
    if (path === controlPaths.faults && request.method === "POST") {
      try {
        proxy.fault(JSON.parse(body.toString("utf8")) as FaultRule);
        return json(201, { queued: rules.length });
      } catch (error) {
        return json(400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    return json(404, { error: `unknown control path ${path}` });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const method = request.method ?? "GET";
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/__payspec/")) return handleControl(request, body, response);

    const headerValue = keyHeader === undefined ? undefined : request.headers[keyHeader];
    const idempotencyKey = Array.isArray(headerValue) ? headerValue[0] : headerValue;
    const record = (entry: Omit<RecordedAttempt, "method" | "path" | "idempotencyKey" | "body">) =>
      attempts.push({ method, path, idempotencyKey, body: body.toString("utf8"), ...entry });

    const fault = takeFault(method, path);
    if (fault?.kind === "drop") {
      record({ outcome: "fault", fault: fault.kind, status: undefined });
      request.socket.destroy();
      return;
    }
    if (fault?.kind === "status") {
      const answer = await documentedAnswer(request, body, fault.status);
      const retryAfter: [string, string][] =
        fault.retryAfterSeconds === undefined ? [] : [["retry-after", String(fault.retryAfterSeconds)]];
      record({ outcome: "fault", fault: fault.kind, status: fault.status });
      return send(response, answer, retryAfter);
    }
    if (fault?.kind === "delay") {
      // Recorded on arrival: a client that gives up on the slow answer has still made this attempt.
      record({ outcome: "fault", fault: fault.kind, status: undefined });
      await sleep(fault.ms);
    }

    const storageKey = idempotencyKey === undefined ? undefined : `${method} ${path} ${idempotencyKey}`;
    // Only a keyed request is ever compared with a replay.
    const bodyHash = storageKey === undefined ? "" : createHash("sha256").update(body).digest("hex");
    const earlier = storageKey === undefined ? undefined : stored.get(storageKey);
    if (earlier !== undefined) {
      const first = await earlier;
      if (first !== undefined && first.bodyHash !== bodyHash) {
        const conflict = await documentedAnswer(request, body, conflictStatus, options.conflictExample);
        record({ outcome: "conflict", status: conflict.status });
        return send(response, conflict);
      }
      if (first !== undefined) {
        record({ outcome: "replayed", status: first.status });
        return send(response, first, [["idempotent-replayed", "true"]]);
      }
    }

    // In stateful mode the layer answers what Prism accepted; a failure of the layer itself is a
    // 500 that says so, never a silent fallback to Prism's stateless example.
    const answer = (result: Omit<StoredResponse, "bodyHash">): Omit<StoredResponse, "bodyHash"> => {
      if (options.stateful === undefined) return result;
      try {
        const stateful = options.stateful.answer(
          { method, url: request.url ?? "/", headers: request.headers, body },
          result,
        );
        return { ...stateful, headers: [...stateful.headers] };
      } catch (error) {
        return {
          status: 500,
          headers: [["content-type", "application/json"]],
          body: Buffer.from(
            JSON.stringify({
              error: "payspec_mock_stateful_failure",
              message: error instanceof Error ? error.message : String(error),
            }),
          ),
        };
      }
    };
    const forwarded = forward(request, body).then(
      (result): StoredResponse => ({ ...answer(result), bodyHash }),
      () => undefined,
    );
    // Like a provider, only a completed (non-5xx) response is remembered; a failure may be retried.
    if (storageKey !== undefined) {
      stored.set(
        storageKey,
        forwarded.then((result) => (result !== undefined && result.status < 500 ? result : undefined)),
      );
    }
    const result = await forwarded;
    if (result === undefined) {
      record({ outcome: "forwarded", status: 502 });
      response.writeHead(502, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `payspec-mock: ${target.origin} did not answer` } }));
      return;
    }
    if (fault?.kind === "drop-after-forward") {
      record({ outcome: "fault", fault: fault.kind, status: undefined });
      request.socket.destroy();
      return;
    }
    if (fault?.kind !== "delay") record({ outcome: "forwarded", status: result.status });
    send(response, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `payspec-mock proxy: ${String(error)}` } }));
    });
  });
  // Node's default keep-alive (5 s), as Prism's own server: clients keep a connection only when the
  // advertised timeout exceeds their safety margin (1 s for Node's agent), so a shorter one made
  // every request open a new connection.

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const proxy: MockProxy = {
    url: `http://${address}:${port}`,
    attempts,
    fault(rule) {
      const kinds = ["drop-after-forward", "drop", "status", "delay"];
      if (!kinds.includes(rule?.fault?.kind)) {
        throw new TypeError(`fault.kind must be one of ${kinds.join(", ")}; got ${JSON.stringify(rule?.fault)}.`);
      }
      const times = rule.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new TypeError(`times must be a positive integer; got ${times}.`);
      rules.push({ rule, left: times });
    },
    reset: () => resetAll(undefined),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
  return proxy;
}
