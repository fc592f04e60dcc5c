import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../src/stateful/webhook-receiver.js";

// `payspec-mock start --stateful`, as a user runs it: the built CLI (bin/payspec-mock.js imports
// dist/cli.js, so `npm run build` first), driven over HTTP only.
const cli = fileURLToPath(new URL("../bin/payspec-mock.js", import.meta.url));
const children = new Set<ChildProcess>();

const run = (args: string[]) => {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 25_000);
    child.stdout.on("data", () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`payspec-mock exited: ${output}`));
    });
  });
  // Handled here so a run that is meant to exit raises no unhandled rejection; awaiting `url` still fails.
  url.catch(() => undefined);
  return { child, output: () => output, exited, url };
};

afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
});

describe("payspec-mock start --stateful", () => {
  const secret = "whsec_cli_stateful";
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it("remembers objects, delivers signed webhooks and serves the control API until SIGTERM", async () => {
    const mock = run([
      "start",
      "paymnt-cloud",
      "--stateful",
      "--port",
      "0",
      "--webhook-url",
      receiver.url,
      "--webhook-secret",
      secret,
      "--time-compression",
      "3600",
    ]);
    const url = await mock.url;
    expect(mock.output()).toContain(`stateful: objects remembered; webhooks delivered to ${receiver.url}`);

    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { "api-key": "sk_test_cli", "content-type": "application/json" },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    // A payment confirmed by a test card: created, remembered, its event delivered and signed.
    const card = {
      card_number: "4242424242424242",
      card_exp_month: "10",
      card_exp_year: "2030",
      card_holder_name: "Jane Doe",
      card_cvc: "123",
    };
    const created = await call("POST", "/payments", {
      amount: 1234,
      currency: "EUR",
      confirm: true,
      payment_method: "card",
      payment_method_data: { card },
    });
    expect(created).toMatchObject({ status: 200, body: { amount: 1234, currency: "EUR", status: "succeeded" } });
    const id = String(created.body.payment_id);
    expect(id).toMatch(/^pay_[a-z0-9]{20}$/);
    expect(await call("GET", `/payments/${id}`)).toMatchObject({
      status: 200,
      body: { payment_id: id, amount: 1234, amount_received: 1234, status: "succeeded" },
    });

    const [webhook] = await receiver.waitFor(1);
    const body = webhook?.body.toString("utf8") ?? "";
    expect(JSON.parse(body)).toMatchObject({
      event_type: "payment_succeeded",
      content: { object: { payment_id: id } },
    });
    expect(webhook?.headers["x-webhook-signature-512"]).toBe(createHmac("sha512", secret).update(body).digest("hex"));
    // The record is completed once the answer is in.
    let deliveries: Record<string, unknown>[] = [];
    for (let tries = 0; tries < 50; tries++) {
      deliveries = (await call("GET", "/__payspec/deliveries")).body as unknown as Record<string, unknown>[];
      if (deliveries[0]?.outcome === "delivered") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(deliveries).toEqual([
      expect.objectContaining({
        eventType: "payment_succeeded",
        url: receiver.url,
        target: "configured",
        outcome: "delivered",
        attempts: [expect.objectContaining({ status: 200 })],
      }),
    ]);
    expect((await call("GET", "/__payspec/deliveries?event=payment_failed")).body).toEqual([]);

    // The clock: read, advanced, refused a step back.
    const clock = await call("GET", "/__payspec/clock");
    expect(clock).toMatchObject({ status: 200, body: { ms: expect.any(Number), now: expect.any(String) } });
    const start = Number(clock.body.ms);
    expect(new Date(String(clock.body.now)).getTime()).toBe(start);
    expect(await call("POST", "/__payspec/clock/advance", { ms: 3_600_000 })).toEqual({
      status: 200,
      body: { ms: start + 3_600_000, now: new Date(start + 3_600_000).toISOString() },
    });
    expect((await call("GET", "/__payspec/clock")).body.ms).toBe(start + 3_600_000);

    // Seeded in a state, inspected, and refused a control event from the wrong state.
    const seeded = await call("POST", "/__payspec/objects", {
      object: "payment",
      state: "requires_capture",
      fields: { amount: 500, currency: "USD", capture_method: "manual" },
    });
    expect(seeded).toMatchObject({
      status: 201,
      body: { amount: 500, amount_capturable: 500, status: "requires_capture" },
    });
    const seededId = String(seeded.body.payment_id);
    expect(await call("GET", `/__payspec/objects/payment/${seededId}`)).toMatchObject({
      status: 200,
      body: { fields: { payment_id: seededId, amount: 500, status: "requires_capture" }, meta: {}, timers: [] },
    });
    expect(await call("GET", `/payments/${seededId}`)).toMatchObject({ status: 200, body: { amount: 500 } });
    expect(await call("POST", `/__payspec/objects/payment/${seededId}/events/customer.authenticated`, {})).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["requires_customer_action"], state: "requires_capture" },
    });
    expect(await call("POST", `/__payspec/objects/payment/${seededId}/events/no.such.event`, {})).toMatchObject({
      status: 404,
      body: { error: "unknown_event", events: expect.arrayContaining(["customer.authenticated"]) },
    });
    expect(await call("GET", "/__payspec/objects/payment/pay_nosuchpayment")).toMatchObject({
      status: 404,
      body: { error: "not_found" },
    });

    // Bad input to the control API: 400 with a message saying what to send.
    const refused = { error: "invalid_request", message: expect.any(String) };
    const back = await call("POST", "/__payspec/clock/advance", { ms: -1 });
    expect(back).toEqual({ status: 400, body: refused });
    expect(back.body.message).toContain('{"ms": n}');
    expect(await call("POST", "/__payspec/clock/advance", { to: "2000-01-01T00:00:00Z" })).toEqual({
      status: 400,
      body: refused,
    });
    expect(await call("POST", "/__payspec/clock/advance", "{not json")).toEqual({ status: 400, body: refused });
    expect(await call("POST", "/__payspec/objects", [1, 2])).toEqual({
      status: 400,
      body: { error: "invalid_request", message: "the body must be a JSON object" },
    });
    const kindless = await call("POST", "/__payspec/objects", { state: "requires_capture" });
    expect(kindless).toEqual({ status: 400, body: refused });
    expect(kindless.body.message).toContain('"object"');
    expect(await call("POST", "/__payspec/objects", { object: "payment", state: "melted" })).toEqual({
      status: 400,
      body: { error: "invalid_seed", message: expect.stringContaining("melted is not a state of payment") },
    });
    expect((await call("GET", "/__payspec/clock")).body.ms).toBe(start + 3_600_000);

    // Reset forgets everything: the payment is the provider's 404 again, the clock back at its start.
    expect(await call("POST", "/__payspec/reset")).toEqual({ status: 200, body: { reset: true } });
    expect(await call("GET", `/payments/${id}`)).toMatchObject({
      status: 404,
      body: { error: { code: "HE_02" } },
    });
    expect((await call("GET", "/__payspec/deliveries")).body).toEqual([]);
    expect((await call("GET", "/__payspec/clock")).body.ms).toBe(start);
    // Or restarts the clock at a given time; a bad one is refused.
    expect(await call("POST", "/__payspec/reset", { now: "2030-01-01T00:00:00Z" })).toEqual({
      status: 200,
      body: { reset: true },
    });
    expect((await call("GET", "/__payspec/clock")).body.ms).toBe(Date.parse("2030-01-01T00:00:00Z"));
    expect(await call("POST", "/__payspec/reset", { now: "soon" })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });

    mock.child.kill("SIGTERM");
    expect(await mock.exited).toBe(0);
  });

  it("exits 2 when a webhook flag comes without --stateful", async () => {
    const { exited, output } = run(["start", "paymnt-cloud", "--port", "0", "--webhook-url", receiver.url]);
    expect(await exited).toBe(2);
    expect(output()).toContain("--webhook-url, --webhook-secret and --time-compression need --stateful.");
  });

  it("exits 2 for --stateful with --no-proxy: stateful mode runs in the proxy", async () => {
    const { exited, output } = run(["start", "paymnt-cloud", "--port", "0", "--stateful", "--no-proxy"]);
    expect(await exited).toBe(2);
    expect(output()).toContain("Stateful mode runs in the proxy: leave proxy on (remove proxy: false / --no-proxy).");
  });

  it("exits 2 when Paymnt Cloud's webhooks have a URL but no secret to sign them with", async () => {
    const { exited, output } = run([
      "start",
      "paymnt-cloud",
      "--port",
      "0",
      "--stateful",
      "--webhook-url",
      receiver.url,
    ]);
    expect(await exited).toBe(2);
    expect(output()).toContain("a secret is required to sign paymnt-cloud webhooks.");
  });
});
