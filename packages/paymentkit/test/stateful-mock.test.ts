import { startProviderMock, validateResponses } from "@payspec/mock";
import { useStatefulMock } from "@payspec/mock/vitest";
import { describe, expect, it } from "vitest";
import { ApiError, createPaymentKitClient, type PaymentKitEvent, verifyWebhook } from "../src/index.js";

// Issue 19: PaymentKit on the stateful mock, through the package's own client. Every response is
// checked against the spec by `validateResponses` (Ajv, independent of Prism and of the mock), and
// every webhook the mock delivers is verified by the package's own `verifyWebhook`.
const secret = "whsec_paymentkit_stateful";
const accountId = "acc_stg_a1b2c3d4";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const stateful = useStatefulMock({ spec: "paymentkit", secret });

const client = (url = stateful.mock.url) => {
  const paymentkit = createPaymentKitClient({ token: "st_stg_stateful", accountId, baseUrl: url, maxRetries: 0 });
  paymentkit.use(validateResponses("paymentkit"));
  return paymentkit;
};
type Client = ReturnType<typeof client>;

/** Waits for `count` deliveries and returns their events, each verified by the package's verifier. */
const eventsOf = (count: number): Promise<PaymentKitEvent[]> =>
  stateful.events(
    count,
    async (delivery) => (await verifyWebhook(delivery.body, delivery.headers, { secrets: secret })).event,
  );
/** Every delivery so far (after the mock has nothing pending), verified, in arrival order. */
const allEvents = async () => {
  await stateful.mock.idle();
  return eventsOf(stateful.receiver.received.length);
};
const types = (events: readonly PaymentKitEvent[]) => events.map((event) => event.type);
const objectOf = (event: PaymentKitEvent | undefined) => event?.data.object as Record<string, unknown>;

/** The mock's clock, as ISO time, `plus` ms later. */
const at = (plus = 0) => new Date(stateful.mock.clock.now() + plus).toISOString();
/** ISO time one calendar month after `iso`. */
const monthAfter = (iso: string) => {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString();
};
const instant = (iso: unknown) => Date.parse(String(iso));

/**
 * The price every subscription below uses, as the API answers it. Prices are not stateful: Prism
 * answers the spec's example, and the lifecycle prices subscription invoices by looking the price up
 * through that same operation (retrievePrice), so the amounts below come from the price.
 */
const priceId = "price_monthly_pro";
const unitPrice = async (paymentkit: Client) => {
  const price = await paymentkit.prices.retrieve(priceId);
  expect(price.unit_amount_atom).toBeGreaterThan(0);
  return price.unit_amount_atom as number;
};
const subscribe = (paymentkit: Client, body: Record<string, unknown> = {}) =>
  paymentkit.subscriptions.create({
    customer_id: "cus_stg_alice",
    currency: "EUR",
    items: [{ price_id: priceId, quantity: 2 }],
    ...body,
  });
/** The invoices of a subscription, oldest first, read through the list method. */
const invoicesOf = async (paymentkit: Client, subscriptionId: string) => {
  const invoices = [];
  for await (const invoice of paymentkit.invoices.list()) {
    if (invoice.subscription_id === subscriptionId) invoices.push(invoice);
  }
  return invoices.sort(
    (a, b) =>
      instant(a.created_at) - instant(b.created_at) || (a.period_start ?? "").localeCompare(b.period_start ?? ""),
  );
};
/** The refusal a call ended with: PaymentKit's RFC 7807 problem in a typed ApiError. */
const refusal = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.headers.get("content-type")).toContain("application/problem+json");
  return apiError;
};
const problem = (status: number, detail: string, instance: string) => ({
  status,
  // `about:blank` is no code: PaymentKit's problems carry none.
  code: undefined,
  body: {
    type: "about:blank",
    title: status === 404 ? "Not Found" : "Bad Request",
    status,
    detail,
    instance,
    request_id: expect.stringMatching(/^req_/),
  },
});

describe("PaymentKit subscriptions on the stateful mock", () => {
  it("creates a subscription with the request's own fields, and its first invoice priced from the price", async () => {
    const paymentkit = client();
    const price = await unitPrice(paymentkit);
    const start = at();
    const created = await subscribe(paymentkit, {
      items: [{ price_id: priceId, quantity: 3 }],
      description: "Team plan",
      metadata: { order: "42" },
      net_d: 14,
    });
    expect(created.id).toMatch(/^sub_stg_[a-z0-9]{16}$/);
    expect(created).toMatchObject({
      status: "active",
      customer_id: "cus_stg_alice",
      currency: "eur",
      description: "Team plan",
      metadata: { order: "42" },
      net_d: 14,
      billing_interval: "month",
      billing_interval_count: 1,
      items: [{ id: expect.stringMatching(/^si_stg_[a-z0-9]{16}$/), price_id: priceId, quantity: 3 }],
      cancel_at_period_end: false,
    });
    expect(instant(created.current_period_start)).toBe(instant(start));
    expect(instant(created.current_period_end)).toBe(instant(monthAfter(start)));

    // It survives across calls.
    expect(await paymentkit.subscriptions.retrieve(created.id)).toEqual(created);

    const [first, ...others] = await invoicesOf(paymentkit, created.id);
    expect(others).toEqual([]);
    expect(first?.id).toMatch(/^in_stg_[a-z0-9]{16}$/);
    expect(first).toMatchObject({
      status: "draft",
      customer_id: "cus_stg_alice",
      currency: "eur",
      billing_reason: "subscription_create",
      collection_method: "charge_automatically",
      total_amount_atom: 3 * price,
      due_amount_atom: 3 * price,
      paid_amount_atom: 0,
    });
    expect(await paymentkit.invoices.retrieve(first?.id ?? "")).toEqual(first);

    const [event] = await eventsOf(1);
    expect(event).toMatchObject({ type: "customer.subscription.created", object: "event", livemode: false });
    expect(event?.id).toMatch(/^evt_stg_/);
    expect(objectOf(event)).toMatchObject({ id: created.id, status: "active", items: created.items });
  });

  it("answers an unknown subscription with PaymentKit's 404 problem", async () => {
    const paymentkit = client();
    const missing = await refusal(paymentkit.subscriptions.retrieve("sub_stg_nosuchthing"));
    expect(missing).toMatchObject(
      problem(404, "Resource doesn't exist", `/api/${accountId}/subscriptions/sub_stg_nosuchthing`),
    );
    const cancel = await refusal(paymentkit.subscriptions.cancel("sub_stg_nosuchthing", {}));
    expect(cancel.status).toBe(404);
  });

  it("lists subscriptions and invoices page by page, none lost and none twice", async () => {
    const paymentkit = client();
    const created: string[] = [];
    for (let index = 0; index < 23; index++) created.push((await subscribe(paymentkit)).id);

    const page = await paymentkit.subscriptions.list({ limit: 10 });
    expect(page).toMatchObject({ total: 23, has_more: true });
    expect(page.items).toHaveLength(10);
    const last = await paymentkit.subscriptions.list({ limit: 10, offset: 20 });
    expect(last).toMatchObject({ total: 23, has_more: false });
    expect(last.items).toHaveLength(3);

    const listed: string[] = [];
    for await (const subscription of paymentkit.subscriptions.list(undefined, { pageSize: 10 })) {
      listed.push(subscription.id);
    }
    expect(listed).toHaveLength(23);
    expect(new Set(listed).size).toBe(23);
    expect([...listed].sort()).toEqual([...created].sort());

    // Every subscription's first invoice, through pages of 7.
    const invoices: string[] = [];
    const subscriptions = new Set<string>();
    for await (const invoice of paymentkit.invoices.list(undefined, { pageSize: 7 })) {
      invoices.push(invoice.id);
      subscriptions.add(invoice.subscription_id ?? "");
    }
    expect(new Set(invoices).size).toBe(23);
    expect([...subscriptions].sort()).toEqual([...created].sort());
  });

  it("cancels now; a cancelled subscription refuses every change with a 400 problem and stays as it was", async () => {
    const paymentkit = client();
    const { id } = await subscribe(paymentkit);
    const cancelled = await paymentkit.subscriptions.cancel(id, { refund_option: "none" });
    expect(cancelled).toMatchObject({ id, status: "cancelled" });
    expect(instant(cancelled.cancelled_at)).toBe(stateful.mock.clock.now());

    const instance = `/api/${accountId}/subscriptions/${id}`;
    const refused = problem(400, "Subscription is cancelled", instance);
    expect(await refusal(paymentkit.subscriptions.cancel(id, {}))).toMatchObject(refused);
    expect(await refusal(paymentkit.subscriptions.update(id, { description: "again" }))).toMatchObject(refused);
    expect(await refusal(paymentkit.subscriptions.scheduleCancellation(id, { cancel_at: at(DAY) }))).toMatchObject(
      refused,
    );
    expect(await refusal(paymentkit.subscriptions.pause(id, { pause_behavior: "pause_immediately" }))).toMatchObject(
      refused,
    );
    expect(await refusal(paymentkit.subscriptions.resume(id, {}))).toMatchObject(
      problem(400, "Only a paused subscription can be resumed; this one is cancelled", `${instance}/resume`),
    );
    expect(await paymentkit.subscriptions.retrieve(id)).toEqual(cancelled);

    // A month later nothing renewed it. Its first invoice, which refund_option "none" leaves as it
    // is (only cancel_unpaid voids drafts), was still finalized and collected.
    await stateful.mock.clock.advance(40 * DAY);
    expect(await paymentkit.subscriptions.retrieve(id)).toMatchObject({ status: "cancelled" });
    expect((await invoicesOf(paymentkit, id)).map((invoice) => invoice.status)).toEqual(["paid"]);
    expect(types(await allEvents())).toEqual([
      "customer.subscription.created",
      "customer.subscription.deleted",
      "invoice.finalized",
      "invoice.paid",
    ]);
  });

  it("cancels at the period end: the clock, advanced over HTTP, ends it instead of renewing it", async () => {
    const paymentkit = client();
    const subscription = await subscribe(paymentkit);
    const updated = await paymentkit.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(updated).toMatchObject({ status: "active", cancel_at_period_end: true });

    const advanced = await stateful.control("/clock/advance", { to: subscription.current_period_end });
    expect(advanced).toMatchObject({ status: 200, body: { now: subscription.current_period_end } });
    const ended = await paymentkit.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: "cancelled", current_period_end: subscription.current_period_end });
    expect(instant(ended.cancelled_at)).toBe(instant(subscription.current_period_end));
    // The first invoice was paid an hour after the start; no renewal invoice was drafted.
    const invoices = await invoicesOf(paymentkit, subscription.id);
    expect(invoices.map((invoice) => [invoice.billing_reason, invoice.status])).toEqual([
      ["subscription_create", "paid"],
    ]);
    const events = await allEvents();
    expect(types(events)).toEqual([
      "customer.subscription.created",
      "customer.subscription.updated",
      "invoice.finalized",
      "invoice.paid",
      "customer.subscription.deleted",
    ]);
    expect(events[1]?.data).toMatchObject({
      object: { cancel_at_period_end: true },
      previous_attributes: { cancel_at_period_end: false },
    });
    expect(objectOf(events[4])).toMatchObject({ id: subscription.id, status: "cancelled" });
  });

  it("schedules a cancellation, carried out by the clock at that time", async () => {
    const paymentkit = client();
    const { id } = await subscribe(paymentkit);
    const cancelAt = at(10 * DAY);
    const scheduled = await paymentkit.subscriptions.scheduleCancellation(id, { cancel_at: cancelAt });
    expect(scheduled).toMatchObject({ status: "active", cancel_at: cancelAt });
    await stateful.mock.clock.advance(10 * DAY - 1);
    expect((await paymentkit.subscriptions.retrieve(id)).status).toBe("active");
    await stateful.mock.clock.advance(1);
    const cancelled = await paymentkit.subscriptions.retrieve(id);
    expect(cancelled.status).toBe("cancelled");
    expect(instant(cancelled.cancelled_at)).toBe(instant(cancelAt));
    expect(types(await allEvents())).toEqual([
      "customer.subscription.created",
      "customer.subscription.updated",
      "invoice.finalized",
      "invoice.paid",
      "customer.subscription.deleted",
    ]);
  });

  it("pauses now and resumes now; refuses to pause twice, to remove a pause already taken, to resume an active one", async () => {
    const paymentkit = client();
    const { id } = await subscribe(paymentkit);
    const instance = `/api/${accountId}/subscriptions/${id}`;
    expect(await refusal(paymentkit.subscriptions.resume(id, {}))).toMatchObject(
      problem(400, "Only a paused subscription can be resumed; this one is active", `${instance}/resume`),
    );

    const paused = await paymentkit.subscriptions.pause(id, { pause_behavior: "pause_immediately" });
    expect(paused).toMatchObject({ status: "paused", pause_behavior: "pause_immediately" });
    expect(instant(paused.paused_at)).toBe(stateful.mock.clock.now());
    expect(await refusal(paymentkit.subscriptions.pause(id, { pause_behavior: "pause_immediately" }))).toMatchObject(
      problem(400, "Subscription is paused", instance),
    );
    expect(await refusal(paymentkit.subscriptions.removeScheduledPause(id))).toMatchObject(
      problem(400, "Subscription is already paused; resume it instead", `${instance}/scheduled-pause`),
    );

    await stateful.mock.clock.advance(HOUR);
    const resumed = await paymentkit.subscriptions.resume(id, { resume_timing: "immediately" });
    expect(resumed).toMatchObject({ status: "active", paused_at: null, pause_behavior: null, new_state: "active" });
    expect(instant(resumed.resumed_at)).toBe(stateful.mock.clock.now());

    const events = await allEvents();
    expect(
      types(events).filter((type) => type.startsWith("customer.subscription.") || type.startsWith("subscription.")),
    ).toEqual(["customer.subscription.created", "customer.subscription.paused", "subscription.resumed"]);
    const resumedEvent = events.find((event) => event.type === "subscription.resumed");
    expect(objectOf(resumedEvent)).toMatchObject({
      id,
      status: "active",
      new_state: "active",
      resumed_at: resumed.resumed_at,
    });
  });

  it("resumes on a date (by the clock), and after pause_for_cycles; a paused subscription does not renew", async () => {
    const paymentkit = client();
    const subscription = await subscribe(paymentkit);
    await paymentkit.subscriptions.pause(subscription.id, { pause_behavior: "pause_immediately" });
    const resumeDate = at(2 * DAY);
    const scheduled = await paymentkit.subscriptions.resume(subscription.id, {
      resume_timing: "on_date",
      resume_date: resumeDate,
    });
    expect(scheduled).toMatchObject({ status: "paused", resumes_at: resumeDate });
    await stateful.mock.clock.advance(2 * DAY);
    expect(await paymentkit.subscriptions.retrieve(subscription.id)).toMatchObject({
      status: "active",
      resumes_at: null,
      new_state: "active",
    });

    const cycles = await paymentkit.subscriptions.pause(subscription.id, {
      pause_behavior: "pause_immediately",
      pause_for_cycles: 1,
    });
    expect(instant(cycles.resumes_at)).toBe(instant(monthAfter(at())));
    await stateful.mock.clock.advance(DAY);
    expect((await paymentkit.subscriptions.retrieve(subscription.id)).status).toBe("paused");
    await stateful.control("/clock/advance", { to: cycles.resumes_at });
    expect((await paymentkit.subscriptions.retrieve(subscription.id)).status).toBe("active");

    const events = await allEvents();
    expect(types(events).filter((type) => type.includes("subscription"))).toEqual([
      "customer.subscription.created",
      "customer.subscription.paused",
      "subscription.resume_scheduled",
      "subscription.resumed",
      "customer.subscription.paused",
      "subscription.resumed",
      // Resumed after its period ended, it renews at once.
      "customer.subscription.updated",
    ]);
    expect(objectOf(events.find((event) => event.type === "subscription.resume_scheduled"))).toMatchObject({
      status: "paused",
      resumes_at: resumeDate,
    });
  });

  it("pauses at the period end, unless the scheduled pause is removed first", async () => {
    const paymentkit = client();
    const kept = await subscribe(paymentkit);
    const removed = await subscribe(paymentkit);
    for (const { id } of [kept, removed]) {
      expect(await paymentkit.subscriptions.pause(id, { pause_behavior: "pause_at_end" })).toMatchObject({
        status: "active",
        pause_behavior: "pause_at_end",
      });
    }
    expect(await paymentkit.subscriptions.removeScheduledPause(removed.id)).toMatchObject({
      status: "active",
      pause_behavior: null,
    });
    await stateful.control("/clock/advance", { to: kept.current_period_end });
    const paused = await paymentkit.subscriptions.retrieve(kept.id);
    expect(paused).toMatchObject({ status: "paused", current_period_end: kept.current_period_end });
    expect(instant(paused.paused_at)).toBe(instant(kept.current_period_end));
    // The other one renewed: a new period and a renewal invoice.
    const renewed = await paymentkit.subscriptions.retrieve(removed.id);
    expect(renewed).toMatchObject({ status: "active", current_period_start: removed.current_period_end });
    expect((await invoicesOf(paymentkit, removed.id)).map((invoice) => invoice.billing_reason)).toEqual([
      "subscription_create",
      "subscription_cycle",
    ]);
    expect((await invoicesOf(paymentkit, kept.id)).map((invoice) => invoice.billing_reason)).toEqual([
      "subscription_create",
    ]);
  });
});

describe("PaymentKit renewals and trials on the mock clock", () => {
  it("renews a month later: a subscription_cycle invoice priced from the price finalizes and collects itself", async () => {
    const paymentkit = client();
    const price = await unitPrice(paymentkit);
    const subscription = await subscribe(paymentkit);

    // The first invoice: finalized after the finalization delay (an hour), then collected.
    await stateful.mock.clock.advance(HOUR);
    const [first] = await invoicesOf(paymentkit, subscription.id);
    expect(first).toMatchObject({
      status: "paid",
      total_amount_atom: 2 * price,
      paid_amount_atom: 2 * price,
      due_amount_atom: 0,
      invoice_number: expect.stringMatching(/^INV-/),
    });

    // The period ends: the renewal invoice is drafted and the period moves on.
    await stateful.control("/clock/advance", { to: subscription.current_period_end });
    const renewed = await paymentkit.subscriptions.retrieve(subscription.id);
    expect(renewed).toMatchObject({
      status: "active",
      current_period_start: subscription.current_period_end,
    });
    expect(instant(renewed.current_period_end)).toBe(instant(monthAfter(subscription.current_period_end ?? "")));
    const renewal = (await invoicesOf(paymentkit, subscription.id))[1];
    expect(renewal).toMatchObject({
      status: "draft",
      billing_reason: "subscription_cycle",
      period_start: subscription.current_period_end,
      total_amount_atom: 2 * price,
      due_amount_atom: 2 * price,
      paid_amount_atom: 0,
    });
    await stateful.mock.clock.advance(HOUR);
    expect(await paymentkit.invoices.retrieve(renewal?.id ?? "")).toMatchObject({
      status: "paid",
      paid_amount_atom: 2 * price,
      due_amount_atom: 0,
    });

    const events = await allEvents();
    expect(types(events)).toEqual([
      "customer.subscription.created",
      "invoice.finalized",
      "invoice.paid",
      "customer.subscription.updated",
      "invoice.finalized",
      "invoice.paid",
    ]);
    expect(objectOf(events[2])).toMatchObject({ id: first?.id, status: "paid", paid_amount_atom: 2 * price });
    expect(objectOf(events[5])).toMatchObject({ id: renewal?.id, status: "paid", paid_amount_atom: 2 * price });
    expect(events[3]?.data).toMatchObject({
      object: { current_period_start: subscription.current_period_end },
      previous_attributes: { current_period_start: subscription.current_period_start },
    });
  });

  it("goes past_due when the renewal's collection fails, and active again once the invoice is collected", async () => {
    const paymentkit = client();
    const subscription = await subscribe(paymentkit);
    await stateful.control("/clock/advance", { to: subscription.current_period_end });
    const renewal = (await invoicesOf(paymentkit, subscription.id))[1];
    expect(renewal?.status).toBe("draft");
    // The provider-side event, over HTTP: the next automatic collection of this invoice fails.
    expect(await stateful.fire("invoice", renewal?.id ?? "", "payment.will_fail")).toMatchObject({
      status: 200,
      body: { id: renewal?.id, status: "draft" },
    });
    await stateful.control("/clock/advance", { ms: HOUR });
    expect(await paymentkit.invoices.retrieve(renewal?.id ?? "")).toMatchObject({
      status: "past_due",
      paid_amount_atom: 0,
    });
    expect((await paymentkit.subscriptions.retrieve(subscription.id)).status).toBe("past_due");

    const collected = await paymentkit.invoices.collect(renewal?.id ?? "");
    expect(collected).toMatchObject({
      status: "paid",
      due_amount_atom: 0,
      paid_amount_atom: renewal?.total_amount_atom,
    });
    expect((await paymentkit.subscriptions.retrieve(subscription.id)).status).toBe("active");
    expect(await refusal(paymentkit.invoices.collect(renewal?.id ?? ""))).toMatchObject(
      problem(400, "Invoice is paid and cannot be collected", `/api/${accountId}/invoices/${renewal?.id}/collect`),
    );
    const events = await allEvents();
    expect(types(events)).toEqual([
      "customer.subscription.created",
      "invoice.finalized",
      "invoice.paid",
      "customer.subscription.updated",
      "invoice.finalized",
      "invoice.payment_failed",
      "customer.subscription.updated",
      "invoice.paid",
      "customer.subscription.updated",
    ]);
    expect(objectOf(events[5])).toMatchObject({ id: renewal?.id, status: "past_due" });
    expect(events[6]?.data).toMatchObject({
      object: { status: "past_due" },
      previous_attributes: { status: "active" },
    });
    // Recovered: the subscription's return to active is announced too.
    expect(events[8]?.data).toMatchObject({
      object: { status: "active" },
      previous_attributes: { status: "past_due" },
    });
  });

  it("starts a scheduled subscription at its period start and ends a trial by the clock, each with its first invoice", async () => {
    const paymentkit = client();
    const price = await unitPrice(paymentkit);
    const trial = await subscribe(paymentkit, { trial_period_days: 7 });
    expect(trial.status).toBe("trialing");
    expect(instant(trial.trial_end)).toBe(stateful.mock.clock.now() + 7 * DAY);
    const periodStart = at(3 * DAY);
    const scheduled = await subscribe(paymentkit, { period_start: periodStart, items: [{ price_id: priceId }] });
    expect(scheduled).toMatchObject({ status: "scheduled", current_period_start: periodStart });
    expect(instant(scheduled.current_period_end)).toBe(instant(monthAfter(periodStart)));
    // Nothing is billed before the start, or during the trial.
    expect(await invoicesOf(paymentkit, trial.id)).toEqual([]);
    expect(await invoicesOf(paymentkit, scheduled.id)).toEqual([]);

    await stateful.mock.clock.advance(3 * DAY);
    expect((await paymentkit.subscriptions.retrieve(scheduled.id)).status).toBe("active");
    expect(await invoicesOf(paymentkit, scheduled.id)).toMatchObject([
      { status: "draft", billing_reason: "subscription_create", period_start: periodStart, total_amount_atom: price },
    ]);
    expect((await paymentkit.subscriptions.retrieve(trial.id)).status).toBe("trialing");

    // The trial ends: the first paid period starts and its invoice is drafted.
    await stateful.control("/clock/advance", { ms: 4 * DAY });
    const ended = await paymentkit.subscriptions.retrieve(trial.id);
    expect(ended).toMatchObject({ status: "active", trial_end: null });
    expect(instant(ended.current_period_start)).toBe(instant(trial.trial_end));
    expect(instant(ended.current_period_end)).toBe(instant(monthAfter(trial.trial_end ?? "")));
    const [first] = await invoicesOf(paymentkit, trial.id);
    expect(first).toMatchObject({
      status: "draft",
      billing_reason: "subscription_create",
      total_amount_atom: 2 * price,
    });
    expect(instant(first?.period_start)).toBe(instant(trial.trial_end));
    // That first payment fails: the subscription goes past_due, as the lifecycle guide says.
    expect(stateful.mock.fire("invoice", first?.id ?? "", "payment.will_fail")).toMatchObject({ status: 200 });
    await stateful.mock.clock.advance(HOUR);
    expect(await paymentkit.invoices.retrieve(first?.id ?? "")).toMatchObject({
      status: "past_due",
      paid_amount_atom: 0,
    });
    expect((await paymentkit.subscriptions.retrieve(trial.id)).status).toBe("past_due");

    const events = await allEvents();
    expect(events.map((event) => [event.type, objectOf(event).id, objectOf(event).status])).toEqual([
      ["customer.subscription.created", trial.id, "trialing"],
      ["customer.subscription.created", scheduled.id, "scheduled"],
      ["customer.subscription.updated", scheduled.id, "active"],
      ["invoice.finalized", expect.stringMatching(/^in_stg_/), "open"],
      ["invoice.paid", expect.stringMatching(/^in_stg_/), "paid"],
      // Three days before the trial ends, the clock sends its reminder.
      ["customer.subscription.trial_will_end", trial.id, "trialing"],
      ["customer.subscription.updated", trial.id, "active"],
      ["invoice.finalized", first?.id, "open"],
      ["invoice.payment_failed", first?.id, "past_due"],
      ["customer.subscription.updated", trial.id, "past_due"],
    ]);
    expect(objectOf(events[4])).toMatchObject({ subscription_id: scheduled.id, paid_amount_atom: price });
  });
});

describe("PaymentKit invoices on the stateful mock", () => {
  const items = [
    { name: "Setup", amount: 19.99 },
    { name: "Seats", unit_amount: 5, quantity: 3 },
  ];

  it("drafts a one-off invoice in atoms, finalizes it once, fails and then collects it; refuses what its state forbids", async () => {
    const paymentkit = client();
    const created = await paymentkit.invoices.create({ customer_id: "cus_stg_bob", currency: "USD", items });
    expect(created).toMatchObject({
      status: "draft",
      customer_id: "cus_stg_bob",
      currency: "usd",
      subscription_id: null,
      total_amount_atom: 1999 + 1500,
      due_amount_atom: 3499,
      paid_amount_atom: 0,
    });
    expect(await paymentkit.invoices.retrieve(created.id)).toEqual(created);
    // A one-off draft waits for finalize: the clock does nothing to it.
    await stateful.mock.clock.advance(2 * HOUR);
    expect((await paymentkit.invoices.retrieve(created.id)).status).toBe("draft");

    const finalized = await paymentkit.invoices.finalize(created.id);
    expect(finalized).toMatchObject({
      status: "open",
      due_amount_atom: 3499,
      invoice_number: expect.stringMatching(/^INV-/),
      invoice_pdf_url: `${stateful.mock.url}/invoices/${created.id}.pdf`,
    });
    const instance = `/api/${accountId}/invoices/${created.id}`;
    expect(await refusal(paymentkit.invoices.finalize(created.id))).toMatchObject(
      problem(400, "Invoice must be a draft to be finalized; it is open", `${instance}/finalize`),
    );

    const failed = await paymentkit.invoices.collect(created.id, {
      headers: { "X-Payspec-Outcome": "payment_failed" },
    });
    expect(failed).toMatchObject({ status: "past_due", paid_amount_atom: 0, due_amount_atom: 3499 });
    const paid = await paymentkit.invoices.collect(created.id);
    expect(paid).toMatchObject({ status: "paid", paid_amount_atom: 3499, due_amount_atom: 0 });
    expect(await refusal(paymentkit.invoices.collect(created.id))).toMatchObject(
      problem(400, "Invoice is paid and cannot be collected", `${instance}/collect`),
    );
    expect(await paymentkit.invoices.retrieve(created.id)).toMatchObject({ status: "paid", paid_amount_atom: 3499 });

    expect(await refusal(paymentkit.invoices.retrieve("in_stg_nosuchthing"))).toMatchObject(
      problem(404, "Resource doesn't exist", `/api/${accountId}/invoices/in_stg_nosuchthing`),
    );

    const events = await allEvents();
    expect(types(events)).toEqual(["invoice.created", "invoice.finalized", "invoice.payment_failed", "invoice.paid"]);
    for (const event of events) expect(objectOf(event)).toMatchObject({ id: created.id, total_amount_atom: 3499 });
    expect(objectOf(events[3])).toMatchObject({ status: "paid", paid_amount_atom: 3499 });
  });

  it("voids an invoice by a provider-side event over HTTP; a void invoice answers 409 there and 400 to the API", async () => {
    const paymentkit = client();
    const { id } = await paymentkit.invoices.create({ customer_id: "cus_stg_bob", currency: "USD", items });
    const voided = await stateful.fire("invoice", id, "invoice.voided");
    expect(voided).toMatchObject({ status: 200, body: { id, status: "void", due_amount_atom: 0 } });
    expect(await paymentkit.invoices.retrieve(id)).toMatchObject({
      status: "void",
      due_amount_atom: 0,
      paid_amount_atom: 0,
    });

    expect(await stateful.fire("invoice", id, "invoice.voided")).toEqual({
      status: 409,
      body: { error: "transition_not_allowed", from: ["draft", "open", "past_due"], state: "void" },
    });
    expect(await stateful.fire("invoice", id, "invoice.exploded")).toMatchObject({
      status: 404,
      body: { error: "unknown_event" },
    });
    expect(await stateful.fire("invoice", "in_stg_nosuchthing", "invoice.voided")).toMatchObject({
      status: 404,
      body: { error: "not_found" },
    });
    const instance = `/api/${accountId}/invoices/${id}`;
    expect(await refusal(paymentkit.invoices.finalize(id))).toMatchObject(
      problem(400, "Invoice must be a draft to be finalized; it is void", `${instance}/finalize`),
    );
    expect(await refusal(paymentkit.invoices.collect(id))).toMatchObject(
      problem(400, "Invoice is void and cannot be collected", `${instance}/collect`),
    );
    // No event is documented for a void invoice: only its creation was delivered.
    expect(types(await allEvents())).toEqual(["invoice.created"]);
  });
});

describe("PaymentKit webhooks from the stateful mock", () => {
  it("retries a delivery the endpoint answered with 500, and records every attempt", async () => {
    stateful.answerWith((_delivery, index) => (index === 0 ? 500 : 200));
    const paymentkit = client();
    const invoice = await paymentkit.invoices.create({
      customer_id: "cus_stg_bob",
      currency: "USD",
      items: [{ name: "Setup", amount: 10 }],
    });
    const received = await stateful.receiver.waitFor(2);
    expect(received.map((delivery) => delivery.status)).toEqual([500, 200]);
    expect(received[1]?.body.toString()).toBe(received[0]?.body.toString());
    const [first, second] = await eventsOf(2);
    expect(second?.id).toBe(first?.id);
    expect(objectOf(second)).toMatchObject({ id: invoice.id, total_amount_atom: 1000 });
    await stateful.mock.idle();
    const [delivery, ...others] = stateful.mock.deliveries();
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({
      eventType: "invoice.created",
      eventId: first?.id,
      outcome: "delivered",
      target: "configured",
      url: stateful.receiver.url,
    });
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
  });

  it("does not retry a delivery answered with a 4xx, as PaymentKit documents", async () => {
    stateful.answerWith(() => 400);
    const paymentkit = client();
    await paymentkit.invoices.create({ customer_id: "cus_stg_bob", currency: "USD", items: [{ amount: 1 }] });
    await stateful.receiver.waitFor(1);
    await stateful.mock.idle();
    expect(stateful.receiver.received).toHaveLength(1);
    const [delivery] = stateful.mock.deliveries();
    expect(delivery).toMatchObject({ outcome: "failed", eventType: "invoice.created" });
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([400]);
  });

  it("lists every delivery over HTTP, filtered by event", async () => {
    const paymentkit = client();
    const { id } = await subscribe(paymentkit);
    await stateful.mock.clock.advance(HOUR);
    await stateful.mock.idle();
    const response = await fetch(`${stateful.mock.url}/__payspec/deliveries?event=invoice.paid`);
    expect(response.status).toBe(200);
    const deliveries = (await response.json()) as { eventType: string; outcome: string }[];
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ eventType: "invoice.paid", outcome: "delivered" });
    const [paid] = (await allEvents()).filter((event) => event.type === "invoice.paid");
    expect(objectOf(paid)).toMatchObject({ subscription_id: id, status: "paid" });
  });

  it("delivers every event twice with duplicates: 1, both copies with the same event id", async () => {
    const duplicating = await startProviderMock({
      spec: "paymentkit",
      stateful: true,
      webhooks: { url: stateful.receiver.url, secret, timeCompression: 3600, duplicates: 1 },
    });
    try {
      const invoice = await client(duplicating.url).invoices.create({
        customer_id: "cus_stg_bob",
        currency: "USD",
        items: [{ amount: 12.5 }],
      });
      await client(duplicating.url).invoices.finalize(invoice.id);
      const events = await eventsOf(4);
      await duplicating.idle();
      expect(stateful.receiver.received).toHaveLength(4);
      expect(types(events)).toEqual(["invoice.created", "invoice.created", "invoice.finalized", "invoice.finalized"]);
      expect(events[1]?.id).toBe(events[0]?.id);
      expect(events[3]?.id).toBe(events[2]?.id);
      expect(events[2]?.id).not.toBe(events[0]?.id);
      for (const event of events) expect(objectOf(event)).toMatchObject({ id: invoice.id, total_amount_atom: 1250 });
      const records = duplicating.deliveries();
      expect(records.map((record) => record.eventId)).toEqual(events.map((event) => event.id));
      expect(new Set(records.map((record) => record.deliveryId)).size).toBe(4);
    } finally {
      await duplicating.close();
    }
  });

  it("delivers a transition's events in reverse order with outOfOrder", async () => {
    const reversing = await startProviderMock({
      spec: "paymentkit",
      stateful: true,
      webhooks: { url: stateful.receiver.url, secret, timeCompression: 3600, outOfOrder: true },
    });
    try {
      const paymentkit = client(reversing.url);
      const subscription = await paymentkit.subscriptions.create({
        customer_id: "cus_stg_alice",
        currency: "EUR",
        items: [{ price_id: priceId }],
      });
      await paymentkit.subscriptions.pause(subscription.id, { pause_behavior: "pause_immediately" });
      const events = await eventsOf(2);
      expect(types(events)).toEqual(["customer.subscription.created", "customer.subscription.paused"]);
      // Each transition's batch is reversed, so a renewal's events come last-first.
      await reversing.clock.advance(HOUR);
      await reversing.idle();
      expect(types(await eventsOf(stateful.receiver.received.length))).toEqual([
        "customer.subscription.created",
        "customer.subscription.paused",
        "invoice.finalized",
        "invoice.paid",
      ]);
    } finally {
      await reversing.close();
    }
  });

  it("stores webhook endpoints registered through the API, and attempts each matching event there", async () => {
    try {
      await registeredEndpoint();
    } finally {
      // Stop the unreachable endpoint's retries.
      stateful.mock.reset();
    }
  });
});

/** Registered endpoints: CRUD through the client, and the deliveries the mock attempts to them. */
async function registeredEndpoint() {
  const paymentkit = client();
  const url = "https://127.0.0.1:1/paymentkit-webhooks";
  const endpoint = await paymentkit.webhookEndpoints.create({ url, events: ["invoice.created"] });
  expect(endpoint).toMatchObject({ url, events: ["invoice.created"] });
  expect(endpoint.id).toMatch(/^we_/);
  expect(await paymentkit.webhookEndpoints.retrieve(endpoint.id)).toEqual(endpoint);
  expect((await paymentkit.webhookEndpoints.list()).items).toEqual([endpoint]);

  const invoice = await paymentkit.invoices.create({
    customer_id: "cus_stg_bob",
    currency: "USD",
    items: [{ amount: 1 }],
  });
  await paymentkit.invoices.finalize(invoice.id);
  // The configured URL gets both events; the endpoint only the one it asked for, and it cannot be
  // reached (nothing listens there): the attempt is recorded with its error.
  expect(types(await eventsOf(2))).toEqual(["invoice.created", "invoice.finalized"]);
  const atEndpoint = () => stateful.mock.deliveries().filter((delivery) => delivery.target === endpoint.id);
  await expect.poll(() => atEndpoint()[0]?.attempts.length ?? 0).toBeGreaterThan(0);
  expect(atEndpoint()).toHaveLength(1);
  expect(atEndpoint()[0]).toMatchObject({ eventType: "invoice.created", url });
  expect(atEndpoint()[0]?.attempts[0]).toMatchObject({ status: undefined, error: expect.any(String) });

  // An update takes effect for the next event: its new URL and its new events.
  const moved = "https://127.0.0.1:1/moved";
  const updated = await paymentkit.webhookEndpoints.update(endpoint.id, {
    url: moved,
    events: ["invoice.created", "invoice.paid"],
  });
  expect(updated).toMatchObject({ id: endpoint.id, url: moved, events: ["invoice.created", "invoice.paid"] });
  expect(await paymentkit.webhookEndpoints.retrieve(endpoint.id)).toEqual(updated);
  await paymentkit.invoices.collect(invoice.id);
  await expect.poll(() => atEndpoint().length).toBe(2);
  expect(atEndpoint()[1]).toMatchObject({ eventType: "invoice.paid", url: moved });

  expect(await paymentkit.webhookEndpoints.delete(endpoint.id)).toEqual({ id: endpoint.id, deleted: true });
  expect(await refusal(paymentkit.webhookEndpoints.retrieve(endpoint.id))).toMatchObject({ status: 404 });
  expect(await refusal(paymentkit.webhookEndpoints.delete(endpoint.id))).toMatchObject({ status: 404 });
  expect((await paymentkit.webhookEndpoints.list()).items).toEqual([]);
  // A deleted endpoint gets nothing more.
  await paymentkit.invoices.create({ customer_id: "cus_stg_bob", currency: "USD", items: [{ amount: 1 }] });
  await stateful.receiver.waitFor(4);
  expect(atEndpoint()).toHaveLength(2);
}

describe("PaymentKit on the stateful mock: validation, replay, reset, concurrency", () => {
  it("leaves request validation to Prism: an invalid body is refused and creates nothing", async () => {
    const response = await fetch(`${stateful.mock.url}/api/${accountId}/subscriptions`, {
      method: "POST",
      headers: { authorization: "Bearer st_stg_stateful", "content-type": "application/json" },
      body: JSON.stringify({ customer_id: "cus_stg_alice", currency: "EUR", items: [] }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const paymentkit = client();
    expect((await paymentkit.subscriptions.list()).items).toEqual([]);
    expect((await paymentkit.invoices.list()).items).toEqual([]);
    await stateful.mock.idle();
    expect(stateful.mock.deliveries()).toEqual([]);
  });

  it("replays a repeated idempotency key on a refund, the call PaymentKit deduplicates by it", async () => {
    const paymentkit = client();
    const body = { payment_intent_id: "pi_abc123", amount_atom: 1500, reason: "requested_by_customer" } as const;
    const first = await paymentkit.refunds.create(body, { idempotencyKey: "refund-42" }).withResponse();
    const replayed = await paymentkit.refunds.create(body, { idempotencyKey: "refund-42" }).withResponse();
    expect(replayed.data).toEqual(first.data);
    expect(replayed.response.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.meta.idempotencyKey).toBe("refund-42");
  });

  it("gives a subscription no key, since PaymentKit documents none for it: two calls make two", async () => {
    const paymentkit = client();
    const body = { customer_id: "cus_stg_alice", currency: "EUR", items: [{ price_id: priceId }] };
    const first = await paymentkit.subscriptions.create(body).withResponse();
    const second = await paymentkit.subscriptions.create(body).withResponse();
    expect(first.meta.idempotencyKey).toBeUndefined();
    expect(first.response.headers.get("idempotent-replayed")).toBeNull();
    expect(second.data.id).not.toBe(first.data.id);
    expect((await paymentkit.subscriptions.list()).total).toBe(2);
  });

  it("forgets everything on reset over HTTP: objects, pending renewals, deliveries", async () => {
    const paymentkit = client();
    const { id } = await subscribe(paymentkit);
    await stateful.receiver.waitFor(1);
    const reset = await stateful.control("/reset");
    expect(reset.status).toBe(200);
    expect(await refusal(paymentkit.subscriptions.retrieve(id))).toMatchObject({ status: 404 });
    expect((await paymentkit.subscriptions.list()).items).toEqual([]);
    expect((await paymentkit.invoices.list()).items).toEqual([]);
    expect(stateful.mock.deliveries()).toEqual([]);
    // Nothing of the old subscription is left to renew.
    await stateful.mock.clock.advance(40 * DAY);
    await stateful.mock.idle();
    expect(stateful.receiver.received).toHaveLength(1);
  });

  it("loses nothing under 100 parallel creates, and lets exactly one of 100 parallel cancels through", async () => {
    const paymentkit = client();
    const created = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        subscribe(paymentkit, { items: [{ price_id: priceId, quantity: 1 + (index % 5) }] }),
      ),
    );
    expect(new Set(created.map((subscription) => subscription.id)).size).toBe(100);
    const listed = new Set<string>();
    for await (const subscription of paymentkit.subscriptions.list()) listed.add(subscription.id);
    expect(listed).toEqual(new Set(created.map((subscription) => subscription.id)));
    const invoices = [];
    for await (const invoice of paymentkit.invoices.list()) invoices.push(invoice);
    expect(invoices).toHaveLength(100);
    const price = await unitPrice(paymentkit);
    const quantities = new Map(created.map((subscription) => [subscription.id, subscription.items[0]?.quantity ?? 0]));
    for (const invoice of invoices) {
      expect(invoice.total_amount_atom).toBe((quantities.get(invoice.subscription_id ?? "") ?? 0) * price);
    }

    const target = created[0]?.id ?? "";
    const cancels = await Promise.allSettled(
      Array.from({ length: 100 }, () => paymentkit.subscriptions.cancel(target, {})),
    );
    expect(cancels.filter((cancel) => cancel.status === "fulfilled")).toHaveLength(1);
    const rejected = cancels.filter((cancel) => cancel.status === "rejected");
    expect(rejected).toHaveLength(99);
    for (const cancel of rejected) expect(cancel.reason).toMatchObject({ status: 400 });
    await stateful.mock.idle();
    expect(
      stateful.mock.deliveries().filter((delivery) => delivery.eventType === "customer.subscription.deleted"),
    ).toHaveLength(1);
  });
});
