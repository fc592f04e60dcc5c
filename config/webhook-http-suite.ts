// The webhook HTTP tests every signed provider shares: the package's README examples served by
// real servers (Express, Hono on @hono/node-server, node:http) on 127.0.0.1, and its
// webhookHandler on Express, with deliveries signed by the package's signWebhookForTests and
// POSTed over HTTP. A package passes its own frameworks, examples and fixtures; anything only it
// has (VaiiPay's replay window) goes in `moreExampleTests`.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";

export interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
}
type Middleware = (...args: never[]) => unknown;
interface App {
  use(...handlers: Middleware[]): unknown;
  post(path: string, ...handlers: Middleware[]): unknown;
  listen(port: number, host: string): Server;
}
/** The parts of Express the suite uses (the package passes its own `express` import). */
export interface ExpressLike {
  (): App;
  json(): Middleware;
  raw(options: { type: string }): Middleware;
}

/** What an example test can use besides its example's URL. */
export interface ExampleContext<Event> {
  readonly url: () => string;
  readonly post: (url: string, delivery: Delivery) => Promise<{ status: number; text: string }>;
  readonly log: MockInstance;
  readonly logged: readonly unknown[];
  readonly secret: string;
  readonly sample: () => Event;
}

export interface WebhookHttpSuiteOptions<
  Event,
  Result extends { readonly dedupeKey: string; readonly event: unknown },
> {
  /** The package's name: its examples' route is `/webhooks/<provider>`, its store keys `<provider>:…`. */
  readonly provider: string;
  /** The environment variable the examples read their secret from. */
  readonly secretEnv: string;
  /** A fresh event (with an id of its own, so the tests do not see each other's deliveries). */
  readonly sample: () => Event;
  /** What the examples log for `sample()`. */
  readonly logged: readonly unknown[];
  readonly sign: (payload: Event | string, secret: string) => Promise<Delivery>;
  /** Changes a signed amount in a serialised sample. */
  readonly tamper: (body: string) => string;
  readonly signatureHeader: string;
  readonly examples: {
    readonly express: () => Promise<{ app: { listen(port: number, host: string): Server } }>;
    readonly hono: () => Promise<{ app: { fetch: Middleware } }>;
    readonly server: () => Promise<{ server: Server }>;
  };
  readonly express: ExpressLike;
  readonly serve: (options: { fetch: Middleware; port: number; hostname: string }) => unknown;
  readonly webhookHandler: (options: Record<string, unknown>, handler: (result: Result) => void) => Middleware;
  readonly createStore: () => { claim(key: string, ttlMs: number): boolean | Promise<boolean> };
  readonly dedupeKeyOf: (event: Event) => string;
  /** How `dedupeKeyOf` is described in a test's title, such as `<event_id>`. */
  readonly dedupeLabel: string;
  /** The provider's checks of a verified delivery's `verification`. */
  readonly checkVerification: (verification: unknown, event: Event) => void;
  readonly moreExampleTests?: (context: ExampleContext<Event>) => void;
}

export function webhookHttpSuite<Event, Result extends { readonly dedupeKey: string; readonly event: unknown }>(
  options: WebhookHttpSuiteOptions<Event, Result>,
): void {
  const secret = "whsec_endpoint";
  const { sample, logged, sign } = options;
  const servers: Server[] = [];
  const start = (server: Server) => {
    servers.push(server);
    return new Promise<string>((resolve) => {
      const ready = () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      if (server.listening) ready();
      else server.once("listening", ready);
    });
  };
  const post = async (url: string, delivery: Delivery) => {
    const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
    return { status: response.status, text: await response.text() };
  };
  const urls: Record<string, string> = {};
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const route = `/webhooks/${options.provider}`;

  beforeAll(async () => {
    vi.stubEnv(options.secretEnv, secret);
    const { app: expressApp } = await options.examples.express();
    const { app: honoApp } = await options.examples.hono();
    const { server } = await options.examples.server();
    urls.express = `${await start(expressApp.listen(0, "127.0.0.1"))}${route}`;
    urls.hono = `${await start(options.serve({ fetch: honoApp.fetch, port: 0, hostname: "127.0.0.1" }) as Server)}${route}`;
    urls["node:http"] = await start(server.listen(0, "127.0.0.1"));
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  describe.each(["express", "hono", "node:http"])("the %s example", (kind) => {
    const url = () => urls[kind] as string;

    it("answers a valid delivery 200, and the handler saw the typed event", async () => {
      log.mockClear();
      expect(await post(url(), await sign(sample(), secret))).toMatchObject({ status: 200 });
      expect(log.mock.calls).toEqual([logged]);
    });

    it("answers a tampered delivery 400 with the reason, without calling the handler", async () => {
      log.mockClear();
      const delivery = await sign(JSON.stringify(sample()), secret);
      const tampered = { ...delivery, body: options.tamper(delivery.body) };
      const answer = await post(url(), tampered);
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/^bad_signature/);
      expect(answer.text).not.toContain(secret);
      const forged = await post(url(), {
        ...delivery,
        headers: { ...delivery.headers, [options.signatureHeader]: "00" },
      });
      expect(forged).toMatchObject({ status: 400, text: expect.stringMatching(/^bad_signature/) });
      expect(log).not.toHaveBeenCalled();
    });

    it("answers a duplicate delivery 200 without a second handler call", async () => {
      log.mockClear();
      const delivery = await sign(sample(), secret);
      expect((await post(url(), delivery)).status).toBe(200);
      expect((await post(url(), delivery)).status).toBe(200);
      expect(log.mock.calls).toEqual([logged]);
    });

    options.moreExampleTests?.({ url, post, log, logged, secret, sample });

    it("answers 500 when the handler throws, and processes the provider's retry exactly once", async () => {
      log.mockClear();
      consoleError.mockClear();
      log.mockImplementationOnce(() => {
        throw new Error("database down");
      });
      const delivery = await sign(sample(), secret);
      expect((await post(url(), delivery)).status).toBe(500);
      expect((await post(url(), delivery)).status).toBe(200); // the retry: the claim was released
      expect((await post(url(), delivery)).status).toBe(200); // and now a duplicate
      expect(log.mock.results.map((result) => result.type)).toEqual(["throw", "return"]);
    });
  });

  describe("webhookHandler on Express", () => {
    const { express, webhookHandler } = options;
    const seen: Result[] = [];
    const errors: unknown[] = [];
    const record = (result: Result) => {
      seen.push(result);
    };
    let misconfigured: string;
    let withoutStore: string;

    beforeAll(async () => {
      // express.json() mounted before the webhook route: the body reaching it is a parsed object.
      const wrong = express();
      wrong.use(express.json());
      wrong.post("/hook", webhookHandler({ secrets: secret, onError: (error: unknown) => errors.push(error) }, record));
      misconfigured = `${await start(wrong.listen(0, "127.0.0.1"))}/hook`;
      const plain = express();
      plain.post("/hook", express.raw({ type: "application/json" }), webhookHandler({ secrets: secret }, record));
      withoutStore = `${await start(plain.listen(0, "127.0.0.1"))}/hook`;
    });

    it("answers 500 naming the content-type and express.raw when express.json() ran first, and never calls the handler", async () => {
      seen.length = 0;
      const answer = await post(misconfigured, await sign(sample(), secret));
      expect(answer.status).toBe(500);
      expect(answer.text).toContain('content-type "application/json"');
      expect(answer.text).toContain('express.raw({ type: "application/json" }) on this route before any JSON parser');
      expect(errors).toEqual([expect.objectContaining({ name: "WebhookVerificationError", reason: "parsed_body" })]);
      expect(seen).toEqual([]);
    });

    it("without a store, hands every verified delivery to the handler, duplicates included", async () => {
      seen.length = 0;
      const event = sample();
      const delivery = await sign(event, secret);
      expect((await post(withoutStore, delivery)).status).toBe(200);
      expect((await post(withoutStore, delivery)).status).toBe(200);
      expect(seen.map((result) => result.dedupeKey)).toEqual([options.dedupeKeyOf(event), options.dedupeKeyOf(event)]);
      expect(seen[0]?.event).toEqual(event);
      options.checkVerification((seen[0] as { verification?: unknown } | undefined)?.verification, event);
    });

    it(`deduplicates on ${options.provider}:${options.dedupeLabel} in the store it is given`, async () => {
      const store = options.createStore();
      const app = express();
      app.post("/hook", express.raw({ type: "application/json" }), webhookHandler({ secrets: secret, store }, record));
      const url = `${await start(app.listen(0, "127.0.0.1"))}/hook`;
      const event = sample();
      expect((await post(url, await sign(event, secret))).text).toBe("ok");
      expect((await post(url, await sign(event, secret))).text).toBe("duplicate");
      expect(await store.claim(`${options.provider}:${options.dedupeKeyOf(event)}`, 1000)).toBe(false);
    });
  });
}
