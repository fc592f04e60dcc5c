import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveSpec } from "../src/specs.js";
import { createMockClock } from "../src/stateful/clock.js";
import { createLifecycleEngine } from "../src/stateful/engine.js";
import type { EmittedEvent } from "../src/stateful/events.js";
import { evaluate, holds } from "../src/stateful/expressions.js";
import { createObjectStore } from "../src/stateful/store.js";
import { applyTransition, createObject, type ObjectDefinition, type Transition } from "../src/stateful/transition.js";

// The first piece of the lifecycle engine (issue 19): the expression language and one transition
// step, pure, driven by the x-payspec-lifecycle the Paymnt Cloud spec declares (engine-sourced).
const lifecycle = (
  parse(readFileSync(resolveSpec("paymnt-cloud"), "utf8")) as {
    "x-payspec-lifecycle": { objects: Record<string, { statusField: string; transitions: Transition[] }> };
  }
)["x-payspec-lifecycle"];
const payment = lifecycle.objects.payment as { statusField: string; transitions: Transition[] };
const transition = (name: string) => {
  const found = payment.transitions.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no ${name} transition in the spec`);
  return found;
};
const now = Date.parse("2026-11-29T12:00:00Z");
const authorised = {
  payment_id: "pay_1",
  status: "requires_capture",
  amount: 1000,
  amount_capturable: 1000,
  amount_received: null,
  capture_method: "manual",
};

describe("the lifecycle expressions", () => {
  const scope = { now, request: { body: { amount: 1000, currency: "usd" } }, object: { payment_id: "pay_1" } };

  it("read refs with defaults, fill templates, do arithmetic and build objects", () => {
    expect(evaluate({ ref: "request.body.amount" }, scope)).toBe(1000);
    expect(evaluate({ ref: "request.body.missing", default: { ref: "request.body.amount" } }, scope)).toBe(1000);
    expect(evaluate({ template: "{object.payment_id}_secret_{alnum:20}" }, scope)).toMatch(
      /^pay_1_secret_[a-z0-9]{20}$/,
    );
    expect(evaluate({ template: "{request.body.amount:major} {request.body.currency:lower}" }, scope)).toBe(
      "10.00 usd",
    );
    expect(evaluate({ now: true }, scope)).toBe("2026-11-29T12:00:00.000Z");
    // A time as Unix seconds, from ISO or from seconds; nothing for an absent one.
    expect(
      evaluate(
        { template: "{object.at:unix} {object.seconds:unix}|{object.none:unix}" },
        {
          now,
          object: { at: "2026-11-29T12:00:00.900Z", seconds: 1742044800 },
        },
      ),
    ).toBe("1795953600 1742044800|");
    expect(evaluate({ subtract: [{ ref: "request.body.amount" }, 250, 50] }, scope)).toBe(700);
    expect(evaluate({ object: { total: { add: [1, 2] }, id: { ref: "object.payment_id" } } }, scope)).toEqual({
      total: 3,
      id: "pay_1",
    });
    expect(() => evaluate({ unknown: 1 }, scope)).toThrow(/unknown expression/);
  });

  it("hold conditions as the design says, an absent field comparing as absent", () => {
    expect(holds({ ref: "request.body.amount", op: "gt", value: 999 }, scope)).toBe(true);
    expect(holds({ ref: "request.body.nothing", op: "gt", value: 0 }, scope)).toBe(false);
    expect(holds({ ref: "request.body.nothing", op: "lt", value: 0 }, scope)).toBe(false);
    expect(holds({ ref: "request.body.nothing", op: "missing" }, scope)).toBe(true);
    expect(holds({ ref: "request.body.currency", op: "in", value: ["usd", "eur"] }, scope)).toBe(true);
    expect(holds({ ref: "request.body.amount", op: "lte", value: { ref: "request.body.amount" } }, scope)).toBe(true);
  });
});

describe("a Paymnt Cloud capture, as the spec's lifecycle declares it", () => {
  it("captures in full: succeeded, the amount received, nothing left to capture, payment_succeeded", () => {
    const outcome = applyTransition(transition("capture"), { fields: authorised }, payment.statusField, {
      now,
      request: { body: {} },
    });
    expect(outcome).toMatchObject({
      kind: "applied",
      state: "succeeded",
      fields: { status: "succeeded", amount_received: 1000, amount_capturable: 0 },
      emits: ["payment_succeeded"],
    });
  });

  it("captures part: partially_captured with what was asked", () => {
    const outcome = applyTransition(transition("capture"), { fields: authorised }, payment.statusField, {
      now,
      request: { body: { amount_to_capture: 400 } },
    });
    expect(outcome).toMatchObject({ kind: "applied", state: "partially_captured", fields: { amount_received: 400 } });
  });

  it("refuses to capture more than is capturable, a payment already captured, and one captured automatically", () => {
    const tooMuch = applyTransition(transition("capture"), { fields: authorised }, payment.statusField, {
      now,
      request: { body: { amount_to_capture: 5000 } },
    });
    expect(tooMuch).toEqual({ kind: "refused", error: "captureTooMuch", reason: "guard" });
    const captured = { ...authorised, status: "succeeded", amount_capturable: 0 };
    const again = applyTransition(transition("capture"), { fields: captured }, payment.statusField, {
      now,
      request: { body: {} },
    });
    expect(again).toMatchObject({ kind: "refused", reason: "state" });
    const automatic = { ...authorised, capture_method: "automatic" };
    const refused = applyTransition(transition("capture"), { fields: automatic }, payment.statusField, {
      now,
      request: { body: {} },
    });
    expect(refused).toMatchObject({ kind: "refused", error: "captureMethodAutomatic" });
  });

  it("names only errors the lifecycle declares, and leaves the stored object unchanged", () => {
    const errors = Object.keys(
      (parse(readFileSync(resolveSpec("paymnt-cloud"), "utf8")) as { "x-payspec-lifecycle": { errors: object } })[
        "x-payspec-lifecycle"
      ].errors,
    );
    const capture = transition("capture");
    for (const name of [capture.refuse, ...(capture.guards ?? []).map((guard) => guard.refuse)]) {
      expect(errors).toContain(name);
    }
    const fields = { ...authorised };
    applyTransition(capture, { fields }, payment.statusField, { now, request: { body: {} } });
    expect(fields).toEqual(authorised);
  });
});

describe("a Paymnt Cloud payment created, as the spec's lifecycle declares it", () => {
  const definition = lifecycle.objects.payment as unknown as ObjectDefinition;
  const create = (body: Record<string, unknown>) =>
    createObject(definition, "createPayment", { now, request: { body }, config: {} });

  it("takes the request's amount and currency, an id in the engine's format, the clock's time", () => {
    const outcome = create({ amount: 1000, currency: "USD" });
    expect(outcome).toMatchObject({
      kind: "applied",
      state: "requires_payment_method",
      fields: {
        amount: 1000,
        currency: "USD",
        amount_capturable: 1000,
        capture_method: "automatic",
        created: "2026-11-29T12:00:00.000Z",
      },
    });
    if (outcome.kind !== "applied") throw new Error("expected a payment");
    expect(outcome.fields.payment_id).toMatch(/^pay_[a-z0-9]{20}$/);
    expect(outcome.fields.client_secret).toMatch(
      new RegExp(`^${String(outcome.fields.payment_id)}_secret_[a-z0-9]{20}$`),
    );
  });

  it("keeps the caller's own payment_id, and picks the initial state from confirm, capture_method and the test card", () => {
    expect(create({ amount: 1, currency: "USD", payment_id: "pay_mine" })).toMatchObject({
      fields: { payment_id: "pay_mine" },
    });
    const card = (card_number: string) => ({
      card: { card_number, card_exp_month: "12", card_exp_year: "30", card_cvc: "123" },
    });
    expect(
      create({
        amount: 1,
        currency: "USD",
        confirm: true,
        capture_method: "manual",
        payment_method_data: card("4242424242424242"),
      }),
    ).toMatchObject({ state: "requires_capture" });
    expect(
      create({ amount: 1, currency: "USD", confirm: true, payment_method_data: card("4242424242424242") }),
    ).toMatchObject({ state: "succeeded" });
    expect(
      create({ amount: 1, currency: "USD", confirm: true, payment_method_data: card("4000000000000002") }),
    ).toMatchObject({ state: "failed" });
    expect(create({ amount: 1, currency: "USD", payment_method_data: card("4242424242424242") })).toMatchObject({
      state: "requires_confirmation",
    });
  });
});

describe("the lifecycle engine, on Paymnt Cloud payments", () => {
  const document = parse(readFileSync(resolveSpec("paymnt-cloud"), "utf8"));
  const engine = () => {
    const clock = createMockClock(now);
    return createLifecycleEngine({
      lifecycle: document["x-payspec-lifecycle"],
      spec: document,
      store: createObjectStore(clock.now),
      clock,
    });
  };

  it("remembers what was created: retrieve gives back the request's own amount, and the list shows it", () => {
    const mock = engine();
    const created = mock.handle("createPayment", { body: { amount: 1234, currency: "EUR", capture_method: "manual" } });
    expect(created).toMatchObject({
      status: 200,
      body: { amount: 1234, currency: "EUR", status: "requires_payment_method" },
    });
    const id = (created?.body as { payment_id: string } | undefined)?.payment_id ?? "";
    expect(mock.handle("retrievePayment", { path: { payment_id: id } })).toMatchObject({
      status: 200,
      body: { amount: 1234 },
    });
    expect(mock.handle("listPayments", {})?.body).toEqual({
      size: 1,
      data: [expect.objectContaining({ payment_id: id })],
    });
    expect(mock.serves("createCustomer")).toBe(false);
    expect(mock.handle("createCustomer", {})).toBeUndefined();
  });

  it("captures an authorised payment once, and refuses the second capture with the engine's IR_14", () => {
    const mock = engine();
    const card = {
      card: { card_number: "4242424242424242", card_exp_month: "12", card_exp_year: "30", card_cvc: "123" },
    };
    const created = mock.handle("createPayment", {
      body: { amount: 1000, currency: "USD", confirm: true, capture_method: "manual", payment_method_data: card },
    });
    const payment_id = (created?.body as { payment_id: string } | undefined)?.payment_id ?? "";
    expect(created?.body).toMatchObject({ status: "requires_capture" });
    const captured = mock.handle("capturePayment", { path: { payment_id }, body: {} });
    expect(captured).toMatchObject({
      status: 200,
      body: { status: "succeeded", amount_received: 1000, amount_capturable: 0 },
    });
    expect(captured?.emits.map((event) => event.type)).toEqual(["payment_succeeded"]);
    const again = mock.handle("capturePayment", { path: { payment_id }, body: {} });
    expect(again).toMatchObject({
      status: 400,
      body: { error: { code: "IR_14", message: expect.stringContaining("status of succeeded") } },
    });
    expect(mock.handle("retrievePayment", { path: { payment_id } })?.body).toMatchObject({ status: "succeeded" });
  });

  it("answers an unknown id and a reused payment_id as the engine does", () => {
    const mock = engine();
    expect(mock.handle("retrievePayment", { path: { payment_id: "pay_nothing" } })).toMatchObject({
      status: 404,
      body: { error: { code: "HE_02" } },
    });
    mock.handle("createPayment", { body: { amount: 1, currency: "USD", payment_id: "pay_mine" } });
    expect(
      mock.handle("createPayment", { body: { amount: 1, currency: "USD", payment_id: "pay_mine" } }),
    ).toMatchObject({
      status: 400,
      body: { error: { code: "HE_01" } },
    });
  });
});

describe("the lifecycle expressions: sums, maps, intervals, lookups", () => {
  const scope = {
    now,
    request: { body: { items: [{ amount: 19.99 }, { unit_amount: 5, quantity: 3 }] } },
    object: { at: "2027-01-31T00:00:00Z", stamp: "2027-01-31T00:00:00.000Z" },
  };

  it("sums and maps over an array with params.* the item, dropping floating-point noise", () => {
    const each = {
      multiply: [
        {
          ref: "params.amount",
          default: { multiply: [{ ref: "params.unit_amount" }, { ref: "params.quantity", default: 1 }] },
        },
        100,
      ],
    };
    expect(evaluate({ sum: { over: "request.body.items", of: each } }, scope)).toBe(3499);
    expect(evaluate({ sum: { over: "request.body.nothing", of: each } }, scope)).toBe(0);
    expect(
      evaluate(
        { map: { over: "request.body.items", to: { object: { q: { ref: "params.quantity", default: 1 } } } } },
        scope,
      ),
    ).toEqual([{ q: 1 }, { q: 3 }]);
    expect(evaluate({ ref: "request.body.items[1].quantity" }, scope)).toBe(3);
  });

  it("adds calendar months (the month's last day when shorter) and durations, keeping the input's timestamp style", () => {
    expect(evaluate({ addInterval: { to: { ref: "object.at" }, unit: "month", count: 1 } }, scope)).toBe(
      "2027-02-28T00:00:00Z",
    );
    expect(evaluate({ addInterval: { to: { ref: "object.stamp" }, unit: "year", count: 1 } }, scope)).toBe(
      "2028-01-31T00:00:00.000Z",
    );
    expect(evaluate({ addInterval: { to: { ref: "object.at" }, duration: "PT10M" } }, scope)).toBe(
      "2027-01-31T00:10:00Z",
    );
    expect(evaluate({ addInterval: { to: { ref: "object.at" }, unit: "day", count: null } }, scope)).toBeNull();
    expect(evaluate({ addInterval: { to: { ref: "object.missing" }, duration: "P1D" } }, scope)).toBeNull();
  });

  it("reads a lookup through the scope, and refuses one without it", () => {
    const lookup = (operation: string, id: unknown, field: string) => `${operation}/${String(id)}/${field}`;
    expect(
      evaluate(
        { lookup: { operation: "retrievePrice", id: { ref: "object.at" }, field: "unit_amount_atom" } },
        { ...scope, lookup },
      ),
    ).toBe("retrievePrice/2027-01-31T00:00:00Z/unit_amount_atom");
    expect(() => evaluate({ lookup: { operation: "retrievePrice", id: "x", field: "y" } }, scope)).toThrow(/lookup/);
  });
});

/** An engine answer's body (the answer must exist). */
const bodyOf = <T>(answer: { body: unknown } | undefined): T => {
  if (answer === undefined) throw new Error("the engine does not serve the operation");
  return answer.body as T;
};

describe("the lifecycle engine: generic behaviour", () => {
  const load = (provider: string) => parse(readFileSync(resolveSpec(provider), "utf8"));
  const build = (document: ReturnType<typeof load>, emit?: (events: readonly EmittedEvent[]) => void) => {
    const clock = createMockClock(now);
    const store = createObjectStore(clock.now);
    const engine = createLifecycleEngine({
      lifecycle: document["x-payspec-lifecycle"],
      spec: document,
      store,
      clock,
      config: { baseUrl: "https://mock.payspec.test" },
      ...(emit === undefined ? {} : { emit }),
    });
    return { engine, clock, store };
  };
  const card = {
    card: { card_number: "4242424242424242", card_exp_month: "12", card_exp_year: "30", card_cvc: "123" },
  };

  it("answers the first 2xx the spec declares for the operation (201 where the spec says so)", () => {
    const document = load("paymnt-cloud");
    const responses = document.paths["/payments"].post.responses;
    responses["201"] = responses["200"];
    delete responses["200"];
    const { engine } = build(document);
    expect(engine.handle("createPayment", { body: { amount: 1, currency: "USD" } })?.status).toBe(201);
    expect(engine.handle("retrievePayment", { path: { payment_id: "pay_x" } })?.status).toBe(404);
  });

  it("calls emit synchronously once the object is saved, one call per branch, with the object before and after", () => {
    const document = load("paymnt-cloud");
    const seen: { types: string[]; stored: unknown }[] = [];
    const { engine, store } = build(document, (events) => {
      const first = events[0];
      seen.push({
        types: events.map((event) => event.type),
        stored: first && store.get(first.kind, first.id)?.fields.status,
      });
    });
    const created = engine.handle("createPayment", {
      body: { amount: 1000, currency: "USD", confirm: true, capture_method: "manual", payment_method_data: card },
    });
    const payment_id = bodyOf<{ payment_id: string }>(created).payment_id;
    expect(seen).toEqual([{ types: ["payment_authorized"], stored: "requires_capture" }]);
    const captured = engine.handle("capturePayment", { path: { payment_id }, body: {} });
    expect(seen.at(-1)).toEqual({ types: ["payment_succeeded"], stored: "succeeded" });
    expect(captured?.emits).toEqual([
      {
        type: "payment_succeeded",
        kind: "payment",
        id: payment_id,
        object: captured?.body,
        previous: expect.objectContaining({ status: "requires_capture", amount_received: null }),
      },
    ]);
    // A refund's success also signals its payment; the refund's event is the only one emitted.
    const refund = engine.handle("createRefund", { body: { payment_id, amount: 100 } });
    expect(refund?.emits.map((event) => event.type)).toEqual(["refund_succeeded"]);
    expect(seen).toHaveLength(3);
    engine.handle("capturePayment", { path: { payment_id }, body: {} });
    expect(seen).toHaveLength(3);
  });

  it("emits the object as the provider shows it, not inside the response envelope (VaiiPay's data)", async () => {
    const events: EmittedEvent[] = [];
    const { engine, clock } = build(load("vaiipay"), (batch) => events.push(...batch));
    const created = engine.handle("createCheckout", {
      body: { amount: 100, currencyCode: "USD", reference: "R", referenceLabel: "L", clientId: "c" },
    });
    const id =
      new URL(bodyOf<{ data: { checkoutUrl: string } }>(created).data.checkoutUrl).pathname.split("/").at(-1) ?? "";
    engine.fire("payment", id, "transaction.found", { amount: 100 });
    await clock.advance(10 * 60_000);
    expect(events.map((event) => [event.type, event.object.status, event.previous?.status])).toEqual([
      ["payment.received", "RECEIVED", "FOUND"],
      ["payment.completed", "RECEIVED", "FOUND"],
    ]);
    expect(engine.handle("retrievePayment", { path: { paymentId: id } })?.body).toEqual({ data: events[0]?.object });
  });

  it("seeds an object in any declared state (201), refusing an unknown kind, state, a duplicate id and fields the schema refuses (400)", async () => {
    const { engine, clock } = build(load("paymend"));
    const seeded = engine.seed({
      object: "payment",
      state: "PENDING",
      fields: { amount: 500, currency: "EUR", merchantReference: "seed-1", captureNow: true },
    });
    expect(seeded).toMatchObject({
      status: 201,
      body: { status: "PENDING", amount: 500, captureNow: true, createdAt: "2026-11-29T12:00:00Z" },
    });
    // A PENDING payment has no transactions yet.
    expect(seeded.body).not.toHaveProperty("transactions");
    const id = (seeded.body as { paymentId: string }).paymentId;
    expect(id).toMatch(/^pay_[0-9a-f]{16}$/);
    expect(engine.inspect("payment", id)?.timers).toEqual(["recover@2026-11-29T12:10:00.000Z"]);
    await clock.advance(10 * 60_000);
    expect(engine.inspect("payment", id)?.fields.status).toBe("CAPTURED");
    expect(
      engine.seed({
        object: "payment",
        fields: { paymentId: "pay_mine", amount: 1, currency: "EUR", merchantReference: "m" },
      }),
    ).toMatchObject({
      status: 201,
      body: { paymentId: "pay_mine", status: "PENDING" },
    });
    const invalid = (input: Parameters<typeof engine.seed>[0], message: RegExp) => {
      const answer = engine.seed(input);
      expect(answer).toMatchObject({ status: 400, body: { error: "invalid_seed" } });
      expect((answer.body as { message: string }).message).toMatch(message);
    };
    invalid({ object: "refund" }, /No object kind refund/);
    invalid(
      { object: "payment", state: "SETTLED", fields: { amount: 1, currency: "EUR", merchantReference: "m" } },
      /SETTLED is not a state/,
    );
    invalid(
      { object: "payment", fields: { paymentId: "pay_mine", amount: 1, currency: "EUR", merchantReference: "m" } },
      /exists already/,
    );
    invalid(
      { object: "payment", state: "AUTHORIZED", fields: { amount: -5, currency: "EUR" } },
      /merchantReference|amount/,
    );
  });

  it("times a clock transition from a field (since) when the lifecycle says so, not from entering the state", async () => {
    const document = load("paymend");
    const recover = document["x-payspec-lifecycle"].objects.payment.transitions.find(
      (transition: { name: string }) => transition.name === "recover",
    );
    recover.trigger.clock = { after: "PT5M", since: "object.createdAt" };
    const { engine, clock } = build(document);
    const seeded = engine.seed({
      object: "payment",
      state: "PENDING",
      fields: { amount: 1, currency: "EUR", merchantReference: "m", createdAt: "2026-11-29T11:58:00Z" },
    });
    const id = bodyOf<{ paymentId: string }>(seeded).paymentId;
    expect(engine.inspect("payment", id)?.timers).toEqual(["recover@2026-11-29T12:03:00.000Z"]);
    await clock.advance(3 * 60_000);
    expect(engine.inspect("payment", id)?.fields.status).toBe("AUTHORIZED");
  });

  it("resets the store, the memory and every pending timer", async () => {
    const events: EmittedEvent[] = [];
    const { engine, clock, store } = build(load("paymend"), (batch) => events.push(...batch));
    engine.seed({
      object: "payment",
      state: "PENDING",
      fields: { amount: 1, currency: "EUR", merchantReference: "m" },
    });
    const created = engine.handle("createPayment", {
      body: { amount: 1, currency: "EUR", merchantReference: "m", source: { storeId: "s", initiatedBy: "CONSUMER" } },
      header: { "X-Payspec-Outcome": "pending" },
    });
    const id = bodyOf<{ paymentId: string }>(created).paymentId;
    expect(clock.pending).toBe(2);
    engine.reset();
    expect(store.size).toBe(0);
    expect(clock.pending).toBe(0);
    expect(engine.inspect("payment", id)).toBeUndefined();
    expect(engine.handle("getPayment", { path: { paymentId: id } })?.status).toBe(404);
    events.length = 0;
    await clock.advance(60 * 60_000);
    expect(events).toEqual([]);
    expect(engine.kinds()).toEqual(["payment"]);
  });

  it("loses no update under 100 parallel creates, captures and refunds on one payment", async () => {
    const { engine } = build(load("paymnt-cloud"));
    const parallel = <T>(count: number, task: (index: number) => T) =>
      Promise.all(Array.from({ length: count }, (_, index) => Promise.resolve().then(() => task(index))));
    const created = await parallel(100, (index) =>
      engine.handle("createPayment", { body: { amount: 100 + index, currency: "USD" } }),
    );
    expect(new Set(created.map((answer) => bodyOf<{ payment_id: string }>(answer).payment_id)).size).toBe(100);
    const payment = engine.handle("createPayment", {
      body: {
        amount: 1000,
        currency: "USD",
        confirm: true,
        capture_method: "manual_multiple",
        payment_method_data: card,
      },
    });
    const payment_id = bodyOf<{ payment_id: string }>(payment).payment_id;
    const captures = await parallel(100, () =>
      engine.handle("capturePayment", { path: { payment_id }, body: { amount_to_capture: 10 } }),
    );
    expect(captures.every((answer) => answer?.status === 200)).toBe(true);
    expect(engine.inspect("payment", payment_id)?.fields).toMatchObject({
      status: "succeeded",
      amount_received: 1000,
      amount_capturable: 0,
    });
    const refunds = await parallel(100, () => engine.handle("createRefund", { body: { payment_id, amount: 10 } }));
    expect(refunds.every((answer) => answer?.status === 200)).toBe(true);
    expect(engine.inspect("payment", payment_id)?.meta).toEqual({ refunded: 1000 });
    expect(engine.inspect("payment", payment_id)?.fields.refunds).toHaveLength(100);
    // The 101st is one too many.
    expect(engine.handle("createRefund", { body: { payment_id, amount: 1 } })).toMatchObject({
      status: 400,
      body: { error: { code: "IR_13" } },
    });
  });

  it("looks a field up in the store first (a stored price), the spec's example otherwise", () => {
    const document = load("paymentkit");
    // A price kind served from the store (no such kind in the spec's lifecycle; added for this test).
    document["x-payspec-lifecycle"].objects.price = {
      idField: "id",
      statusField: "usage_type",
      states: ["licensed"],
      id: { template: "price_{alnum:8}" },
      operations: { retrieve: "retrievePrice" },
      transitions: [],
    };
    const { engine, store } = build(document);
    engine.seed({
      object: "price",
      fields: { id: "price_stored", unit_amount_atom: 1000, currency: "usd", active: true },
    });
    const subscription = engine.handle("createSubscription", {
      path: { account_id: "acc_1" },
      body: {
        customer_id: "cus_1",
        currency: "USD",
        items: [{ price_id: "price_stored", quantity: 3 }, { price_id: "price_other" }],
      },
    });
    expect(subscription?.status).toBe(200);
    const [invoice] = store.list("invoice").items;
    expect(invoice?.fields.total_amount_atom).toBe(3 * 1000 + 4900);
  });
});
