import { describe, expect, it } from "vitest";
import { specAjv } from "../src/schema-validation.js";
import { createEventBuilder, type EmittedEvent, previousAttributes } from "../src/stateful/events.js";
import { type SigningScheme, signedHeaders } from "../src/stateful/webhook-delivery.js";

// The stateful mock's webhook events (issue 19, docs/stateful-mock.md §4): every event type each
// lifecycle lists, built from a realistic object (the spec's own example of it), in the
// provider's envelope, valid against its payload schema, and accepted by the provider package's
// own verifier once signed as the dispatcher signs it.

type Verify = (
  rawBody: string,
  headers: Headers,
  options: { readonly secrets: string; readonly now?: Date },
) => Promise<{ readonly event: unknown; readonly dedupeKey: string }>;
type Parse = (rawBody: string) => { readonly event: unknown; readonly dedupeKey: string };

// The provider packages' public entries, from source: a workspace dependency on them would be a
// cycle (each provider's tests depend on this package). A computed specifier keeps their sources
// out of this package's type check (vitest resolves it; see vitest.config.ts for @payspec/core).
const providerPackage = async <Module>(name: string) =>
  (await import(/* @vite-ignore */ new URL(`../../${name}/src/index.ts`, import.meta.url).href)) as Module;

const secret = "whsec_payspec_events_test";
const now = Date.parse("2026-11-22T09:15:05.123Z");

interface Lifecycle {
  readonly webhooks: {
    readonly events: Readonly<Record<string, { readonly object: string; readonly payload: string }>>;
  };
  readonly objects: Readonly<
    Record<
      string,
      { readonly schema: string; readonly envelope?: string; readonly idField: string; readonly statusField: string }
    >
  >;
}

const at = (document: unknown, pointer: string): unknown =>
  pointer
    .slice(2)
    .split("/")
    .reduce<unknown>(
      (value, segment) => (value as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, "/")],
      document,
    );

/** The spec's first example of the kind's retrieve answer, out of its envelope: a realistic object. */
function exampleObject(document: unknown, kind: string): Record<string, unknown> {
  const lifecycle = at(document, "#/x-payspec-lifecycle") as Lifecycle & {
    objects: Record<string, { operations: { retrieve: string } }>;
  };
  const definition = lifecycle.objects[kind];
  if (definition === undefined) throw new Error(`no ${kind}`);
  const paths = at(document, "#/paths") as Record<string, Record<string, { operationId?: string; responses?: never }>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (operation.operationId !== definition.operations.retrieve) continue;
      let response = at(operation, "#/responses/200") as { $ref?: string; content?: unknown };
      if (response.$ref !== undefined) response = at(document, response.$ref) as typeof response;
      const examples = at(response, "#/content/application~1json/examples") as Record<
        string,
        { value?: unknown; $ref?: string }
      >;
      const [first] = Object.values(examples);
      const value = (
        first?.$ref === undefined ? first?.value : (at(document, first.$ref) as { value: unknown }).value
      ) as Record<string, unknown> | undefined;
      if (value === undefined) throw new Error(`no example for ${kind}`);
      return structuredClone(
        (definition.envelope === undefined ? value : value[definition.envelope]) as Record<string, unknown>,
      );
    }
  }
  throw new Error(`no retrieve operation for ${kind}`);
}

// `strict`: an event whose payload schema holds the object to its schema (PaymentKit's generic
// envelope takes any `data.object`; its resume events carry the subscription's schema).
const providers: readonly { readonly provider: SigningScheme; readonly spec: string; readonly strict: string }[] = [
  { provider: "paymnt-cloud", spec: "paymnt-cloud", strict: "payment_succeeded" },
  { provider: "paymentkit", spec: "paymentkit", strict: "subscription.resumed" },
  { provider: "vaiipay", spec: "vaiipay", strict: "payment.completed" },
  { provider: "paymend", spec: "paymend", strict: "PAYMENT_CAPTURED" },
];

/** What the provider's package makes of a delivery: its verifier's (or Paymend's parser's) answer. */
async function acceptedByPackage(provider: SigningScheme, built: { id: string; type: string; body: string }) {
  const headers = new Headers(
    signedHeaders(provider, built, secret, { timestamp: Math.floor(now / 1000), deliveryId: "dlv_test" }),
  );
  if (provider === "paymend") {
    const { parseWebhook } = await providerPackage<{ parseWebhook: Parse }>("paymend");
    return parseWebhook(built.body);
  }
  const { verifyWebhook } = await providerPackage<{ verifyWebhook: Verify }>(provider);
  // VaiiPay signs a timestamp and checks it against now: the mock clock's time.
  return verifyWebhook(
    built.body,
    headers,
    provider === "vaiipay" ? { secrets: secret, now: new Date(now) } : { secrets: secret },
  );
}

/** The provider's envelope, as the spec and the provider's docs write it. */
function expectEnvelope(
  provider: SigningScheme,
  built: { id: string; type: string; payload: unknown },
  emitted: EmittedEvent,
): void {
  const payload = built.payload as Record<string, unknown>;
  switch (provider) {
    case "paymnt-cloud":
      expect(built.id).toMatch(/^evt_[0-9a-f]{32}$/);
      expect(payload).toEqual({
        merchant_id: "merchant_events_test",
        event_id: built.id,
        event_type: emitted.type,
        content: { type: `${emitted.kind}_details`, object: emitted.object },
        // The engine's OutgoingWebhook timestamp: ISO 8601 with milliseconds.
        timestamp: "2026-11-22T09:15:05.123Z",
      });
      return;
    case "paymentkit":
      expect(built.id).toMatch(/^evt_stg_[a-z0-9]{16}$/);
      expect(payload).toEqual({
        id: built.id,
        object: "event",
        type: emitted.type,
        created: Math.floor(now / 1000),
        livemode: false,
        data: { object: emitted.object, previous_attributes: previousAttributes(emitted.object, emitted.previous) },
      });
      return;
    case "vaiipay":
      // No id in VaiiPay's envelope: the builder's own, for records only.
      expect(built.id).toMatch(/^evt_[0-9a-f]{32}$/);
      expect(payload).toEqual({ payment: emitted.object });
      return;
    case "paymend":
      expect(built.id).toMatch(/^evt_[0-9a-f]{8}$/);
      expect(payload).toEqual({ eventId: built.id, eventType: emitted.type, payment: emitted.object });
      return;
  }
}

describe.each(providers)("$provider events", ({ provider, spec, strict }) => {
  const { ajv, document } = specAjv(spec);
  const lifecycle = at(document, "#/x-payspec-lifecycle") as Lifecycle;
  const build = createEventBuilder({ provider: spec, config: { merchantId: "merchant_events_test" } });
  const types = Object.entries(lifecycle.webhooks.events);

  it("lists events", () => expect(types.length).toBeGreaterThan(0));

  it.each(types)("%s: a valid envelope, accepted by the package's own verifier", async (type, rule) => {
    const definition = lifecycle.objects[rule.object];
    if (definition === undefined) throw new Error(`no object ${rule.object}`);
    const object = exampleObject(document, rule.object);
    // The example is a realistic object: it validates against the object's schema.
    const objectSchema = ajv.getSchema(`spec${definition.schema}`);
    expect(objectSchema?.(object), JSON.stringify(objectSchema?.errors)).toBe(true);
    const previous = { ...object, [definition.statusField]: "previous_status_for_test" };
    const emitted: EmittedEvent = {
      type,
      kind: rule.object,
      id: String(object[definition.idField]),
      object,
      previous,
    };
    const built = build(emitted, now);

    expect(built.type).toBe(type);
    expect(JSON.parse(built.body)).toEqual(built.payload);
    const payloadSchema = ajv.getSchema(`spec${rule.payload}`);
    expect(payloadSchema?.(built.payload), JSON.stringify(payloadSchema?.errors)).toBe(true);
    expectEnvelope(provider, built, emitted);

    const accepted = await acceptedByPackage(provider, built);
    expect(accepted.event).toEqual(built.payload);
    const receivedAmount = (object.receivedAmount as { amount?: number } | undefined)?.amount ?? "";
    if (provider === "vaiipay") {
      // The event name travels in a header, so it is part of the key: payment.received and payment.completed differ.
      expect(accepted.dedupeKey).toBe(`${emitted.id}:${type}:${String(object.status)}:${receivedAmount}`);
    } else if (provider === "paymend") {
      expect(accepted.dedupeKey).toBe(`${built.id}:${emitted.id}:${type}`);
    } else expect(accepted.dedupeKey).toBe(built.id);
  });

  it("makes a fresh id for every event", () => {
    const [type, rule] = types[0] ?? [];
    if (type === undefined || rule === undefined) throw new Error("no event");
    const object = exampleObject(document, rule.object);
    const emitted = { type, kind: rule.object, id: "x", object, previous: undefined };
    expect(build(emitted, now).id).not.toBe(build(emitted, now).id);
  });

  it("refuses an event type the lifecycle does not list", () => {
    const [, rule] = types[0] ?? [];
    if (rule === undefined) throw new Error("no event");
    const object = exampleObject(document, rule.object);
    expect(() => build({ type: "not.an_event", kind: rule.object, id: "x", object, previous: undefined }, now)).toThrow(
      /emitted "not\.an_event", which x-payspec-lifecycle\.webhooks\.events does not list/,
    );
  });

  it("fails loudly when the object breaks the payload schema", () => {
    const type = strict;
    const rule = lifecycle.webhooks.events[type];
    if (rule === undefined) throw new Error(`no event ${type}`);
    const definition = lifecycle.objects[rule.object];
    if (definition === undefined) throw new Error(`no object ${rule.object}`);
    const object = { ...exampleObject(document, rule.object), [definition.idField]: 42 };
    expect(() => build({ type, kind: rule.object, id: "x", object, previous: undefined }, now)).toThrow(
      new RegExp(`the ${type.replace(/\./g, "\\.")} event for ${rule.object} x does not match ${rule.payload}`),
    );
    expect(() => build({ type, kind: rule.object, id: "x", object, previous: undefined }, now)).toThrow(
      new RegExp(`/${definition.idField} must be string`),
    );
  });
});

describe("the envelope's values", () => {
  it("Paymnt Cloud's merchant_id defaults when the mock has no merchantId", () => {
    const build = createEventBuilder({ provider: "paymnt-cloud" });
    const { document } = specAjv("paymnt-cloud");
    const object = exampleObject(document, "payment");
    const built = build({ type: "payment_succeeded", kind: "payment", id: "p", object, previous: undefined }, now);
    expect(built.payload).toMatchObject({ merchant_id: "merchant_payspec_mock" });
  });

  it("config is read at each build", () => {
    const config: Record<string, unknown> = { merchantId: "merchant_a" };
    const build = createEventBuilder({ provider: "paymnt-cloud", config });
    const { document } = specAjv("paymnt-cloud");
    const object = exampleObject(document, "payment");
    const emitted = { type: "payment_succeeded", kind: "payment", id: "p", object, previous: undefined };
    expect(build(emitted, now).payload).toMatchObject({ merchant_id: "merchant_a" });
    config.merchantId = "merchant_b";
    expect(build(emitted, now).payload).toMatchObject({ merchant_id: "merchant_b" });
  });

  it("PaymentKit's previous_attributes: the old values of changed fields, absent on a create", () => {
    const build = createEventBuilder({ provider: "paymentkit" });
    const { document } = specAjv("paymentkit");
    const object = exampleObject(document, "subscription");
    const previous = { ...object, status: "trialing", trial_end: "2026-11-01T00:00:00Z" };
    delete (previous as Record<string, unknown>).description;
    const updated = build(
      { type: "customer.subscription.updated", kind: "subscription", id: "s", object, previous },
      now,
    );
    const expected: Record<string, unknown> = { status: "trialing", trial_end: "2026-11-01T00:00:00Z" };
    if ("description" in object) expected.description = null;
    expect((updated.payload as { data: unknown }).data).toEqual({ object, previous_attributes: expected });
    const created = build(
      { type: "customer.subscription.created", kind: "subscription", id: "s", object, previous: undefined },
      now,
    );
    expect((created.payload as { data: unknown }).data).toEqual({ object });
  });

  it("an event carries the kind the lifecycle says", () => {
    const build = createEventBuilder({ provider: "paymnt-cloud" });
    const { document } = specAjv("paymnt-cloud");
    const object = exampleObject(document, "payment");
    expect(() =>
      build({ type: "refund_succeeded", kind: "payment", id: "p", object, previous: undefined }, now),
    ).toThrow(/refund_succeeded carries a refund, but a payment emitted it/);
  });

  it("a spec without a lifecycle has no event builder", () => {
    expect(() => createEventBuilder({ provider: "not-a-provider" })).toThrow();
  });
});
