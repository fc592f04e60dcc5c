import { afterAll, describe, expect, it } from "vitest";
import { covered, DAY, declared, HOUR, harness, specDocument } from "./lifecycle-engine-harness.js";

// The lifecycle engine on the PaymentKit spec's own x-payspec-lifecycle: subscriptions renewed by
// the mock clock, each drafting an invoice that finalizes and collects itself, signalling back;
// cancel/pause/resume; one-off invoices; registered webhook endpoints. No HTTP.
const provider = "paymentkit";
const account_id = "acc_prod_a1b2c3d4";
/** The spec's own example price (retrievePrice's 200), which the lookup falls back to. */
const PRICE = 4900;

function setup() {
  const mock = harness(provider, { config: { baseUrl: "https://mock.payspec.test" } });
  const subscribe = (body: Record<string, unknown> = {}) =>
    mock.call("createSubscription", {
      path: { account_id },
      body: {
        customer_id: "cus_abc123",
        currency: "USD",
        items: [{ price_id: "price_monthly_pro", quantity: 2 }],
        ...body,
      },
    });
  const onSubscription = (operationId: string, subscription_id: string, body?: unknown) =>
    mock.call(operationId, { path: { account_id, subscription_id }, ...(body === undefined ? {} : { body }) });
  const onInvoice = (operationId: string, external_id: string, header: Record<string, string> = {}) =>
    mock.call(operationId, { path: { account_id, external_id }, body: {}, header });
  const subscription = (id: string) => onSubscription("retrieveSubscription", id).body;
  const invoice = (id: string) => onInvoice("retrieveInvoice", id).body;
  /** The invoices of a subscription, oldest first. */
  const invoicesOf = (subscriptionId: string) =>
    mock.store
      .list("invoice")
      .items.filter((stored) => stored.fields.subscription_id === subscriptionId)
      .map((stored) => stored.fields as Record<string, unknown> & { id: string })
      .reverse();
  return { ...mock, subscribe, onSubscription, onInvoice, subscription, invoice, invoicesOf };
}

afterAll(() => {
  const missing = declared(specDocument(provider)["x-payspec-lifecycle"]).filter(
    (name) => !covered(provider).has(name),
  );
  expect(missing).toEqual([]);
});

describe("PaymentKit subscriptions: create and renew by the clock", () => {
  it("starts active with a draft first invoice priced from retrievePrice (lookup), finalized and collected by the clock, renewed a month later", async () => {
    const mock = setup();
    const created = mock.subscribe();
    expect(created).toMatchObject({ status: 200, mediaType: "application/json" });
    const id = created.body.id as string;
    expect(id).toMatch(/^sub_stg_[a-z0-9]{16}$/);
    expect(created.body).toMatchObject({
      status: "active",
      currency: "usd",
      billing_interval: "month",
      current_period_start: "2026-11-29T12:00:00.000Z",
      current_period_end: "2026-12-29T12:00:00.000Z",
      items: [{ price_id: "price_monthly_pro", quantity: 2, id: expect.stringMatching(/^si_stg_[a-z0-9]{16}$/) }],
    });
    const [first] = mock.invoicesOf(id);
    expect(first).toMatchObject({
      status: "draft",
      billing_reason: "subscription_create",
      total_amount_atom: 2 * PRICE,
      due_amount_atom: 2 * PRICE,
      paid_amount_atom: 0,
      collection_method: "charge_automatically",
      period_end: "2026-12-29T12:00:00.000Z",
    });
    mock.expectValidObject("invoice", first);
    expect(mock.engine.inspect("invoice", first?.id ?? "")?.timers).toEqual(["autoFinalize@2026-11-29T13:00:00.000Z"]);
    expect(mock.engine.inspect("subscription", id)?.timers).toEqual(["renew@2026-12-29T12:00:00.000Z"]);
    await mock.clock.advance(HOUR);
    expect(mock.invoice(first?.id ?? "")).toMatchObject({
      status: "paid",
      paid_amount_atom: 2 * PRICE,
      due_amount_atom: 0,
      invoice_number: expect.stringMatching(/^INV-/),
    });
    // One advance past the period end and the finalization delay: both happen, in order.
    await mock.clock.advance(30 * DAY);
    const renewed = mock.subscription(id);
    expect(renewed).toMatchObject({
      status: "active",
      current_period_start: "2026-12-29T12:00:00.000Z",
      current_period_end: "2027-01-29T12:00:00.000Z",
    });
    const second = mock.invoicesOf(id)[1];
    expect(second).toMatchObject({
      billing_reason: "subscription_cycle",
      period_start: "2026-12-29T12:00:00.000Z",
      total_amount_atom: 2 * PRICE,
      status: "paid",
    });
    expect(mock.types()).toEqual([
      "customer.subscription.created",
      "invoice.finalized",
      "invoice.paid",
      "customer.subscription.updated",
      "invoice.finalized",
      "invoice.paid",
    ]);
    // Each event's object is the object after its branch, `previous` the one before.
    const renewal = mock.events()[3];
    expect(renewal).toMatchObject({
      kind: "subscription",
      id,
      previous: { current_period_end: "2026-12-29T12:00:00.000Z" },
    });
    expect(renewal?.object.current_period_end).toBe("2027-01-29T12:00:00.000Z");
  });

  it("goes past_due when a renewal's collection fails (payment.will_fail), and active again once the invoice is collected", async () => {
    const mock = setup();
    const id = mock.subscribe().body.id as string;
    await mock.clock.advance(30 * DAY);
    const renewal = mock.invoicesOf(id)[1];
    expect(renewal?.status).toBe("draft");
    expect(mock.engine.fire("invoice", renewal?.id ?? "", "payment.will_fail")).toMatchObject({ status: 200 });
    expect(mock.engine.inspect("invoice", renewal?.id ?? "")?.meta).toEqual({ collectionFails: true });
    mock.clearEvents();
    await mock.clock.advance(HOUR);
    expect(mock.invoice(renewal?.id ?? "").status).toBe("past_due");
    expect(mock.subscription(id).status).toBe("past_due");
    expect(mock.types()).toEqual(["invoice.finalized", "invoice.payment_failed", "customer.subscription.updated"]);
    const collected = mock.onInvoice("collectInvoice", renewal?.id ?? "");
    expect(collected.body).toMatchObject({ status: "paid", due_amount_atom: 0 });
    expect(mock.subscription(id).status).toBe("active");
    // The recovery is announced; an invoice paid while the subscription is active changes nothing.
    expect(mock.types().slice(-2)).toEqual(["invoice.paid", "customer.subscription.updated"]);
    expect(mock.onInvoice("collectInvoice", renewal?.id ?? "")).toMatchObject({
      status: 400,
      mediaType: "application/problem+json",
      body: {
        title: "Bad Request",
        status: 400,
        detail: "Invoice is paid and cannot be collected",
        instance: `/api/${account_id}/invoices/${renewal?.id}/collect`,
      },
    });
    expect(mock.engine.fire("invoice", renewal?.id ?? "", "payment.will_fail")).toMatchObject({
      status: 409,
      body: { error: "transition_not_allowed", from: ["draft", "open"], state: "paid" },
    });
  });

  it("leaves an invoice collected by hand (send_invoice) open after finalization", async () => {
    const mock = setup();
    const id = mock.subscribe({ collection_method: "send_invoice" }).body.id as string;
    await mock.clock.advance(2 * HOUR);
    const [first] = mock.invoicesOf(id);
    expect(first).toMatchObject({ status: "open", collection_method: "send_invoice" });
    expect(mock.types()).toEqual(["customer.subscription.created", "invoice.finalized"]);
  });

  it("schedules a future subscription and trials, billed from when the clock starts them (start, trial end) with their first invoice", async () => {
    const mock = setup();
    const scheduled = mock.subscribe({ period_start: "2026-12-10T00:00:00Z" }).body;
    expect(scheduled).toMatchObject({ status: "scheduled", current_period_end: "2027-01-10T00:00:00Z" });
    const trial = mock.subscribe({ trial_end: "2026-12-06T12:00:00Z" }).body;
    expect(trial.status).toBe("trialing");
    const days = mock.subscribe({ trial_period_days: 14 }).body;
    expect(days).toMatchObject({ status: "trialing", trial_end: "2026-12-13T12:00:00.000Z" });
    expect(mock.store.list("invoice").items).toEqual([]);
    // Three days before its trial ends, the clock sends the trial reminder (and nothing else yet).
    await mock.clock.advance(4 * DAY);
    expect(mock.events().map((event) => [event.type, event.id])).toEqual([
      ["customer.subscription.created", scheduled.id],
      ["customer.subscription.created", trial.id],
      ["customer.subscription.created", days.id],
      ["customer.subscription.trial_will_end", trial.id],
    ]);
    await mock.clock.advance(3 * DAY);
    // The trial's end starts the first paid period and drafts its invoice.
    expect(mock.subscription(trial.id)).toMatchObject({
      status: "active",
      trial_end: null,
      current_period_start: "2026-12-06T12:00:00.000Z",
      current_period_end: "2027-01-06T12:00:00.000Z",
    });
    expect(mock.invoicesOf(trial.id)).toMatchObject([
      {
        status: "draft",
        billing_reason: "subscription_create",
        period_start: "2026-12-06T12:00:00.000Z",
        period_end: "2027-01-06T12:00:00.000Z",
        total_amount_atom: 2 * PRICE,
      },
    ]);
    await mock.clock.advance(4 * DAY);
    expect(mock.subscription(scheduled.id).status).toBe("active");
    expect(mock.invoicesOf(scheduled.id)).toMatchObject([
      {
        status: "paid",
        billing_reason: "subscription_create",
        period_start: "2026-12-10T00:00:00Z",
        period_end: "2027-01-10T00:00:00Z",
        total_amount_atom: 2 * PRICE,
      },
    ]);
    await mock.clock.advance(3 * DAY);
    expect(mock.subscription(days.id).status).toBe("active");
    expect(mock.types()).toEqual([
      "customer.subscription.created",
      "customer.subscription.created",
      "customer.subscription.created",
      "customer.subscription.trial_will_end",
      "customer.subscription.updated",
      "invoice.finalized",
      "invoice.paid",
      "customer.subscription.updated",
      "invoice.finalized",
      "invoice.paid",
      // The 14-day trial's reminder, three days before it ends.
      "customer.subscription.trial_will_end",
      "customer.subscription.updated",
    ]);
    // A first payment that fails after the trial puts the subscription past_due.
    const [first] = mock.invoicesOf(days.id);
    mock.engine.fire("invoice", first?.id ?? "", "payment.will_fail");
    await mock.clock.advance(HOUR);
    expect(mock.invoice(first?.id ?? "").status).toBe("past_due");
    expect(mock.subscription(days.id).status).toBe("past_due");
  });
});

describe("PaymentKit subscriptions: update, cancel, pause, resume", () => {
  it("updates what the subscription has; cancel_at_period_end ends it at the renewal; a cancelled one refuses every change", async () => {
    const mock = setup();
    const id = mock.subscribe().body.id as string;
    const updated = mock.onSubscription("updateSubscription", id, {
      cancel_at_period_end: true,
      metadata: { plan: "pro" },
    });
    expect(updated.body).toMatchObject({ cancel_at_period_end: true, metadata: { plan: "pro" }, status: "active" });
    await mock.clock.advance(30 * DAY);
    expect(mock.subscription(id)).toMatchObject({ status: "cancelled", cancelled_at: "2026-12-29T12:00:00.000Z" });
    expect(mock.invoicesOf(id)).toHaveLength(1);
    for (const [operationId, body] of [
      ["updateSubscription", { metadata: {} }],
      ["cancelSubscription", {}],
      ["scheduleSubscriptionCancellation", { cancel_at: "2027-01-01T00:00:00Z" }],
      ["pauseSubscription", { pause_behavior: "pause_immediately" }],
    ] as const) {
      expect(mock.onSubscription(operationId, id, body)).toMatchObject({
        status: 400,
        mediaType: "application/problem+json",
        body: { detail: "Subscription is cancelled", instance: `/api/${account_id}/subscriptions/${id}` },
      });
    }
    expect(mock.onSubscription("retrieveSubscription", "sub_stg_nothing")).toMatchObject({
      status: 404,
      mediaType: "application/problem+json",
      body: { title: "Not Found" },
    });
    expect(mock.types().at(-1)).toBe("customer.subscription.deleted");
  });

  it("cancels now, or at a scheduled time by the clock", async () => {
    const mock = setup();
    const now = mock.subscribe().body.id as string;
    expect(mock.onSubscription("cancelSubscription", now, {}).body).toMatchObject({
      status: "cancelled",
      cancelled_at: "2026-11-29T12:00:00.000Z",
    });
    expect(mock.engine.inspect("subscription", now)?.timers).toEqual([]);
    const later = mock.subscribe().body.id as string;
    const scheduled = mock.onSubscription("scheduleSubscriptionCancellation", later, {
      cancel_at: "2026-12-15T00:00:00Z",
    });
    expect(scheduled.body).toMatchObject({ status: "active", cancel_at: "2026-12-15T00:00:00Z" });
    expect(mock.engine.inspect("subscription", later)?.timers).toEqual([
      "cancelAt@2026-12-15T00:00:00.000Z",
      "renew@2026-12-29T12:00:00.000Z",
    ]);
    await mock.clock.advance(20 * DAY);
    expect(mock.subscription(later)).toMatchObject({ status: "cancelled", cancelled_at: "2026-12-15T00:00:00.000Z" });
    expect(mock.engine.inspect("subscription", later)?.timers).toEqual([]);
  });

  it("pauses now (resuming by the clock after the cycles asked) or at the period end, and refuses what a paused subscription cannot do", async () => {
    const mock = setup();
    const id = mock.subscribe().body.id as string;
    const paused = mock.onSubscription("pauseSubscription", id, {
      pause_behavior: "pause_immediately",
      pause_for_cycles: 2,
    });
    expect(paused.body).toMatchObject({
      status: "paused",
      paused_at: "2026-11-29T12:00:00.000Z",
      pause_behavior: "pause_immediately",
      resumes_at: "2027-01-29T12:00:00.000Z",
    });
    expect(mock.onSubscription("removeScheduledSubscriptionPause", id)).toMatchObject({
      status: 400,
      body: { detail: "Subscription is already paused; resume it instead" },
    });
    expect(mock.onSubscription("pauseSubscription", id, { pause_behavior: "pause_immediately" })).toMatchObject({
      status: 400,
      body: { detail: "Subscription is paused" },
    });
    expect(mock.engine.inspect("subscription", id)?.timers).toEqual(["autoResume@2027-01-29T12:00:00.000Z"]);
    await mock.clock.advance(61 * DAY);
    expect(mock.subscription(id)).toMatchObject({
      status: "active",
      paused_at: null,
      resumes_at: null,
      new_state: "active",
    });
    // Resumed after its period ended (2026-12-29), the subscription renews at once, catching up.
    expect(mock.types().slice(-3)).toEqual([
      "subscription.resumed",
      "customer.subscription.updated",
      "customer.subscription.updated",
    ]);
    expect(mock.subscription(id).current_period_end).toBe("2027-02-28T12:00:00.000Z");

    const atEnd = mock.subscribe().body.id as string;
    expect(mock.onSubscription("pauseSubscription", atEnd, { pause_behavior: "pause_at_end" }).body).toMatchObject({
      status: "active",
      pause_behavior: "pause_at_end",
    });
    expect(mock.onSubscription("removeScheduledSubscriptionPause", atEnd).body).toMatchObject({ pause_behavior: null });
    mock.onSubscription("pauseSubscription", atEnd, { pause_behavior: "pause_at_end" });
    await mock.clock.advance(31 * DAY);
    expect(mock.subscription(atEnd)).toMatchObject({ status: "paused", paused_at: expect.any(String) });
  });

  it("resumes now (into the trial when one is left), or on a date by the clock; refuses to resume an unpaused one", async () => {
    const mock = setup();
    const id = mock.subscribe().body.id as string;
    expect(mock.onSubscription("resumeSubscription", id, {})).toMatchObject({
      status: 400,
      body: { detail: "Only a paused subscription can be resumed; this one is active" },
    });
    mock.onSubscription("pauseSubscription", id, { pause_behavior: "pause_immediately" });
    expect(mock.engine.inspect("subscription", id)?.timers).toEqual([]);
    mock.clearEvents();
    expect(mock.onSubscription("resumeSubscription", id, { resume_timing: "immediately" }).body).toMatchObject({
      status: "active",
      resumed_at: "2026-11-29T12:00:00.000Z",
      new_state: "active",
    });
    mock.onSubscription("pauseSubscription", id, { pause_behavior: "pause_immediately" });
    const onDate = mock.onSubscription("resumeSubscription", id, {
      resume_timing: "on_date",
      resume_date: "2026-12-01T00:00:00Z",
    });
    expect(onDate.body).toMatchObject({ status: "paused", resumes_at: "2026-12-01T00:00:00Z" });
    await mock.clock.advance(2 * DAY);
    expect(mock.subscription(id).status).toBe("active");
    const trial = mock.subscribe({ trial_period_days: 30 }).body.id as string;
    mock.onSubscription("pauseSubscription", trial, { pause_behavior: "pause_immediately" });
    expect(mock.onSubscription("resumeSubscription", trial, {}).body).toMatchObject({
      status: "trialing",
      new_state: "trialing",
    });
    expect(mock.types()).toEqual([
      "subscription.resumed",
      "customer.subscription.paused",
      "subscription.resume_scheduled",
      // The first invoice, finalized and collected an hour after the subscription started.
      "invoice.finalized",
      "invoice.paid",
      "subscription.resumed",
      "customer.subscription.created",
      "customer.subscription.paused",
      "subscription.resumed",
    ]);
  });
});

describe("PaymentKit invoices: one-off", () => {
  const items = [
    { name: "Setup", amount: 19.99 },
    { name: "Seats", unit_amount: 5, quantity: 3 },
  ];

  it("drafts an invoice (amounts in atoms), finalizes it once, collects it or fails it, voids one by control", async () => {
    const mock = setup();
    const created = mock.call("createInvoice", {
      path: { account_id },
      body: { customer_id: "cus_abc123", currency: "EUR", items },
    });
    expect(created).toMatchObject({
      status: 200,
      body: {
        status: "draft",
        currency: "eur",
        subscription_id: null,
        total_amount_atom: 3499,
        due_amount_atom: 3499,
        paid_amount_atom: 0,
      },
    });
    const id = created.body.id as string;
    // A one-off draft waits for finalize: the finalization delay does nothing to it.
    await mock.clock.advance(2 * HOUR);
    expect(mock.invoice(id).status).toBe("draft");
    const finalized = mock.onInvoice("finalizeInvoice", id);
    expect(finalized.body).toMatchObject({
      status: "open",
      invoice_pdf_url: `https://mock.payspec.test/invoices/${id}.pdf`,
      invoice_number: expect.stringMatching(/^INV-[a-z0-9]{8}$/),
    });
    expect(mock.onInvoice("finalizeInvoice", id)).toMatchObject({
      status: 400,
      body: { detail: "Invoice must be a draft to be finalized; it is open" },
    });
    // An open one-off invoice is not collected by the clock either.
    await mock.clock.advance(HOUR);
    expect(mock.invoice(id).status).toBe("open");
    expect(mock.onInvoice("collectInvoice", id, { "X-Payspec-Outcome": "payment_failed" }).body.status).toBe(
      "past_due",
    );
    expect(mock.onInvoice("collectInvoice", id).body).toMatchObject({ status: "paid", paid_amount_atom: 3499 });
    const voided = mock.call("createInvoice", {
      path: { account_id },
      body: { customer_id: "cus_abc123", currency: "EUR", items },
    }).body.id;
    expect(mock.engine.fire("invoice", voided, "invoice.voided")).toMatchObject({
      status: 200,
      body: { status: "void", due_amount_atom: 0 },
    });
    expect(mock.engine.fire("invoice", voided, "invoice.voided")).toMatchObject({ status: 409 });
    expect(mock.onInvoice("retrieveInvoice", "in_stg_nothing")).toMatchObject({
      status: 404,
      body: { instance: `/api/${account_id}/invoices/in_stg_nothing` },
    });
    expect(mock.types()).toEqual([
      "invoice.created",
      "invoice.finalized",
      "invoice.payment_failed",
      "invoice.paid",
      "invoice.created",
    ]);
  });

  it("fails an open invoice's next automatic collection when payment.will_fail was fired on it", async () => {
    const mock = setup();
    const id = mock.subscribe().body.id as string;
    const [first] = mock.invoicesOf(id);
    mock.onInvoice("finalizeInvoice", first?.id ?? "");
    mock.engine.fire("invoice", first?.id ?? "", "payment.will_fail");
    await mock.clock.advance(0);
    expect(mock.invoice(first?.id ?? "").status).toBe("past_due");
    expect(mock.subscription(id).status).toBe("past_due");
  });
});

describe("PaymentKit webhook endpoints: stored with plain CRUD", () => {
  it("creates, retrieves, lists, updates and deletes an endpoint, then answers 404 for it", () => {
    const mock = setup();
    expect(mock.engine.kinds()).toEqual(["subscription", "invoice", "webhookEndpoint"]);
    const created = mock.call("createWebhookEndpoint", {
      path: { account_id },
      body: { url: "https://example.test/hooks", events: ["invoice.paid"] },
    });
    const webhook_endpoint_id = created.body.id as string;
    expect(created.body).toEqual({
      id: webhook_endpoint_id,
      url: "https://example.test/hooks",
      events: ["invoice.paid"],
    });
    expect(webhook_endpoint_id).toMatch(/^we_prod_[a-z0-9]{16}$/);
    const path = { account_id, webhook_endpoint_id };
    expect(mock.call("retrieveWebhookEndpoint", { path }).body).toEqual(created.body);
    const updated = mock.call("updateWebhookEndpoint", { path, body: { events: ["invoice.paid", "invoice.created"] } });
    expect(updated.body.events).toEqual(["invoice.paid", "invoice.created"]);
    expect(mock.call("deleteWebhookEndpoint", { path })).toMatchObject({
      status: 200,
      body: { id: webhook_endpoint_id, deleted: true },
    });
    expect(mock.call("retrieveWebhookEndpoint", { path })).toMatchObject({
      status: 404,
      mediaType: "application/problem+json",
    });
    expect(mock.call("deleteWebhookEndpoint", { path }).status).toBe(404);
    expect(mock.batches).toEqual([]);
  });
});
