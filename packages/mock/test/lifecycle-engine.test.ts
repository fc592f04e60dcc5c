import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveSpec } from "../src/specs.js";
import { createMockClock } from "../src/stateful/clock.js";
import { createLifecycleEngine } from "../src/stateful/engine.js";
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
    expect(mock.handle("listPayments", {})?.body).toEqual([expect.objectContaining({ payment_id: id })]);
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
