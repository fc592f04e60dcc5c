import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveSpec } from "./specs.js";

/** Every example body of the spec's `webhooks`, as JSON text, named `webhook/example`. */
export function webhookExamples(spec: string): [string, string][] {
  const document = parse(readFileSync(resolveSpec(spec), "utf8")) as {
    webhooks?: Record<
      string,
      {
        post?: {
          requestBody?: { content?: Record<string, { examples?: Record<string, { $ref?: string; value?: unknown }> }> };
        };
      }
    >;
    components?: { examples?: Record<string, { value?: unknown }> };
  };
  const examples: [string, string][] = [];
  for (const [webhook, item] of Object.entries(document.webhooks ?? {})) {
    const media = item.post?.requestBody?.content?.["application/json"];
    for (const [name, example] of Object.entries(media?.examples ?? {})) {
      const value =
        example.$ref === undefined
          ? example.value
          : document.components?.examples?.[example.$ref.split("/").pop() ?? ""]?.value;
      if (value !== undefined) examples.push([`${webhook}/${name}`, JSON.stringify(value)]);
    }
  }
  return examples;
}

/** A signed request body and its headers, as a provider would deliver them. */
export interface SignedDelivery {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** What the conformance suite needs to know about one provider's webhook module. */
export interface WebhookAdapter {
  readonly provider: string;
  readonly signatureHeader: string;
  /** Present when the scheme signs a timestamp; enables the stale and future-dated cases. */
  readonly timestampHeader?: string;
  /** A valid event, as the provider sends it. */
  readonly samplePayload: string;
  /** Signed bodies whose content breaks the spec's webhook schema (such as `content: null`). */
  readonly brokenPayloads?: readonly string[];
  /** The provider's spec (`paymnt-cloud`…): every example of its `webhooks` must verify. */
  readonly spec?: string;
  sign(payload: string, secret: string, options?: { readonly timestamp?: number }): Promise<SignedDelivery>;
  verify(
    body: unknown,
    headers: Record<string, string>,
    options: { readonly secrets: string | readonly string[]; readonly now?: Date; readonly toleranceSeconds?: number },
  ): Promise<unknown>;
}

const reasonOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: { name?: string; reason?: string; message?: string }) => {
      expect(error.name).toBe("WebhookVerificationError");
      return error.reason;
    },
  );

/**
 * One suite for every provider that signs its webhooks: the same cases, the same expectations.
 * Call it inside a test file; it registers its own `describe` block.
 */
export function webhookConformanceSuite(adapter: WebhookAdapter): void {
  const secret = "whsec_conformance_primary";
  const rotated = "whsec_conformance_next";

  describe(`${adapter.provider} webhook conformance`, () => {
    it("accepts a valid delivery and returns the parsed event, a dedupe key and what was verified", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      await expect(adapter.verify(delivery.body, delivery.headers, { secrets: secret })).resolves.toMatchObject({
        event: JSON.parse(adapter.samplePayload),
        dedupeKey: expect.stringMatching(/\S/),
        verification: { signed: true, scheme: expect.stringMatching(/^hmac-/) },
      });
    });

    it("accepts every webhook example of the spec, signed", async () => {
      const examples = adapter.spec === undefined ? [] : webhookExamples(adapter.spec);
      if (adapter.spec !== undefined) expect(examples.length).toBeGreaterThan(0);
      for (const [name, body] of examples) {
        const delivery = await adapter.sign(body, secret);
        const verified = await adapter.verify(delivery.body, delivery.headers, { secrets: secret }).catch((e) => e);
        expect(verified, name).toMatchObject({ event: JSON.parse(body) });
      }
    });

    it("accepts the body as a DataView, as some frameworks hand it over", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      const bytes = new TextEncoder().encode(delivery.body);
      await expect(
        adapter.verify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), delivery.headers, {
          secrets: secret,
        }),
      ).resolves.toBeTypeOf("object");
    });

    it("refuses missing headers with a typed error, not a TypeError", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      for (const headers of [null, undefined, "x-signature: 1"]) {
        const error = await adapter.verify(delivery.body, headers as never, { secrets: secret }).catch((e) => e);
        expect(error).toMatchObject({ name: "WebhookVerificationError", reason: "invalid_headers" });
      }
    });

    it("checks every option before any check runs, naming the bad one", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret, {
        timestamp: Math.floor(Date.now() / 1000) - 86_400,
      });
      const bad: [string, Record<string, unknown>][] = [
        ["secrets", { secrets: "" }],
        ["secrets", { secrets: [] }],
        ["secrets", { secrets: [secret, 7] }],
        ["toleranceSeconds", { secrets: secret, toleranceSeconds: Number.NaN }],
        ["toleranceSeconds", { secrets: secret, toleranceSeconds: -1 }],
        ["toleranceSeconds", { secrets: secret, toleranceSeconds: "300" }],
        ["now", { secrets: secret, now: new Date("not a date") }],
        ["tolerance", { secrets: secret, tolerance: 300 }],
      ];
      for (const [option, options] of bad) {
        if (adapter.timestampHeader === undefined && (option === "toleranceSeconds" || option === "now")) {
          // A scheme without a timestamp takes no tolerance: the option itself is unknown.
          const error = await adapter.verify(delivery.body, delivery.headers, options as never).catch((e) => e);
          expect(error, option).toMatchObject({ name: "ConfigurationError", message: expect.stringContaining(option) });
          continue;
        }
        const error = await adapter.verify(delivery.body, delivery.headers, options as never).catch((e) => e);
        // A day-old delivery: with the bad option switching a check off it would be accepted.
        expect(error, option).toMatchObject({ name: "ConfigurationError", message: expect.stringContaining(option) });
      }
    });

    it("refuses a signed body whose content breaks the spec's webhook schema, saying what did not match", async () => {
      for (const payload of adapter.brokenPayloads ?? []) {
        const delivery = await adapter.sign(payload, secret);
        const error = await adapter.verify(delivery.body, delivery.headers, { secrets: secret }).catch((e) => e);
        expect(error, payload).toMatchObject({
          name: "WebhookPayloadError",
          reason: "schema_mismatch",
          problems: expect.arrayContaining([expect.stringMatching(/^\$/)]),
        });
      }
    });

    it("accepts the body as bytes too", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      const bytes = new TextEncoder().encode(delivery.body);
      await expect(adapter.verify(bytes, delivery.headers, { secrets: secret })).resolves.toBeTypeOf("object");
    });

    it("refuses a tampered body", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      const tampered = delivery.body.replace(/\d/, (digit) => String((Number(digit) + 1) % 10));
      expect(tampered).not.toBe(delivery.body);
      expect(await reasonOf(adapter.verify(tampered, delivery.headers, { secrets: secret }))).toBe("bad_signature");
    });

    it("refuses a signature made with another secret", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, "whsec_someone_else");
      expect(await reasonOf(adapter.verify(delivery.body, delivery.headers, { secrets: secret }))).toBe(
        "bad_signature",
      );
    });

    it("accepts the old and the new secret while rotating", async () => {
      for (const signer of [secret, rotated]) {
        const delivery = await adapter.sign(adapter.samplePayload, signer);
        await expect(
          adapter.verify(delivery.body, delivery.headers, { secrets: [rotated, secret] }),
        ).resolves.toBeTypeOf("object");
      }
    });

    if (adapter.timestampHeader !== undefined) {
      it("refuses a stale delivery", async () => {
        const delivery = await adapter.sign(adapter.samplePayload, secret, {
          timestamp: Math.floor(Date.now() / 1000) - 3_600,
        });
        expect(
          await reasonOf(adapter.verify(delivery.body, delivery.headers, { secrets: secret, toleranceSeconds: 300 })),
        ).toBe("outside_tolerance");
      });

      it("refuses a future-dated delivery", async () => {
        const delivery = await adapter.sign(adapter.samplePayload, secret, {
          timestamp: Math.floor(Date.now() / 1000) + 3_600,
        });
        expect(
          await reasonOf(adapter.verify(delivery.body, delivery.headers, { secrets: secret, toleranceSeconds: 300 })),
        ).toBe("outside_tolerance");
      });

      it("accepts a delivery within the tolerance", async () => {
        const delivery = await adapter.sign(adapter.samplePayload, secret, {
          timestamp: Math.floor(Date.now() / 1000) - 120,
        });
        await expect(
          adapter.verify(delivery.body, delivery.headers, { secrets: secret, toleranceSeconds: 300 }),
        ).resolves.toBeTypeOf("object");
      });
    }

    it("refuses a delivery without the signature header", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      const headers = Object.fromEntries(
        Object.entries(delivery.headers).filter(
          ([name]) => name.toLowerCase() !== adapter.signatureHeader.toLowerCase(),
        ),
      );
      expect(await reasonOf(adapter.verify(delivery.body, headers, { secrets: secret }))).toBe("missing_header");
    });

    it("refuses a malformed signature header", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      const headers = { ...delivery.headers, [adapter.signatureHeader]: "not a signature!" };
      expect(await reasonOf(adapter.verify(delivery.body, headers, { secrets: secret }))).toBe("malformed_header");
    });

    it("refuses an already parsed body with a message that says what to pass", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      const error = await adapter
        .verify(JSON.parse(delivery.body), delivery.headers, { secrets: secret })
        .catch((e) => e);
      expect(error).toMatchObject({ reason: "parsed_body", message: expect.stringContaining("raw request body") });
    });

    it("refuses an empty body", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, secret);
      expect(await reasonOf(adapter.verify("", delivery.headers, { secrets: secret }))).toBe("empty_body");
    });

    it("never puts the secret in an error", async () => {
      const delivery = await adapter.sign(adapter.samplePayload, "whsec_someone_else");
      const error = await adapter.verify(delivery.body, delivery.headers, { secrets: secret }).catch((e: Error) => e);
      expect(String(error)).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    });

    it("accepts what it signed and refuses any change, for random bodies and secrets", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
          fc.string({ minLength: 1, maxLength: 64 }),
          fc.nat(),
          async (fields, randomSecret, position) => {
            const payload = JSON.stringify({ ...JSON.parse(adapter.samplePayload), extra: fields });
            const delivery = await adapter.sign(payload, randomSecret);
            await expect(
              adapter.verify(delivery.body, delivery.headers, { secrets: randomSecret }),
            ).resolves.toBeTypeOf("object");
            const at = position % delivery.body.length;
            const flipped =
              delivery.body.slice(0, at) +
              String.fromCharCode(delivery.body.charCodeAt(at) ^ 1) +
              delivery.body.slice(at + 1);
            expect(await reasonOf(adapter.verify(flipped, delivery.headers, { secrets: randomSecret }))).toBe(
              "bad_signature",
            );
          },
        ),
        { numRuns: 100 },
      );
    });
  });
}
