// payspec's own Redocly rules (redocly/payspec-rules.js), run by `npm test` on every spec: each one
// must fire on a spec that breaks it, and stay quiet on one that follows it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { repoRoot } from "./git-repo.js";

const require = createRequire(import.meta.url);
const cliManifest = require.resolve("@redocly/cli/package.json", { paths: [repoRoot] });
const cliBin = (() => {
  const { bin } = JSON.parse(readFileSync(cliManifest, "utf8")) as { bin: string | Record<string, string> };
  return join(dirname(cliManifest), typeof bin === "string" ? bin : (bin.redocly ?? ""));
})();

interface Problem {
  ruleId: string;
  message: string;
  location: { pointer: string }[];
}

/** Lints `spec` with only payspec's rules switched on; returns the problems. */
function lint(spec: object, idempotency = true): Problem[] {
  const dir = mkdtempSync(join(tmpdir(), "payspec-lint-"));
  writeFileSync(join(dir, "openapi.yaml"), stringify(spec));
  const rules = ["dialect-2020-12", "response-example", "money-integer", "currency-code", "provenance"];
  writeFileSync(
    join(dir, "redocly.yaml"),
    stringify({
      plugins: [join(repoRoot, "redocly", "payspec-rules.js")],
      rules: {
        ...Object.fromEntries(rules.map((rule) => [`payspec/${rule}`, "error"])),
        "payspec/error-response": { severity: "error", schema: "Error" },
        ...(idempotency ? { "payspec/idempotency-header": "error" } : {}),
      },
    }),
  );
  const result = spawnSync(
    process.execPath,
    [cliBin, "lint", "openapi.yaml", "--config", "redocly.yaml", "--format", "json"],
    {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  const json = result.stdout.slice(result.stdout.indexOf("{"));
  return (JSON.parse(json) as { problems: Problem[] }).problems;
}

const errorResponse = {
  description: "Bad request",
  content: {
    "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { message: "bad" } },
  },
};

/** A spec that follows every rule; each test breaks one thing. */
function goodSpec() {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "fixture", version: "1.0.0" },
    "x-payspec-idempotency": { header: "Idempotency-Key", conflictStatus: 409 },
    security: [{ key: [] }],
    paths: {
      "/payments": {
        post: {
          operationId: "createPayment",
          "x-payspec-source": "https://docs.example.com/api/payments#create",
          parameters: [{ name: "Idempotency-Key", in: "header", schema: { type: "string" } }],
          requestBody: {
            content: { "application/json": { schema: { $ref: "#/components/schemas/Payment" } } },
          },
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Payment" },
                  example: { amount: 1000, currency: "USD" },
                },
              },
            },
            "400": errorResponse,
          },
        },
      },
    },
    components: {
      securitySchemes: { key: { type: "apiKey", in: "header", name: "api-key" } },
      schemas: {
        Error: { type: "object", properties: { message: { type: "string" } } },
        Payment: {
          type: "object",
          properties: {
            amount: { type: "integer", minimum: 0 },
            currency: { type: "string", pattern: "^[A-Z]{3}$", examples: ["USD"] },
          },
        },
      },
    },
  };
}

const rulesOf = (problems: Problem[]) => problems.map((problem) => problem.ruleId).sort();

describe("payspec's spec lint rules", () => {
  it("pass a spec that follows them", () => {
    expect(lint(goodSpec())).toEqual([]);
  });

  it("require the JSON Schema 2020-12 dialect", () => {
    const spec = { ...goodSpec(), jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base" };
    expect(rulesOf(lint(spec))).toEqual(["payspec/dialect-2020-12"]);
  });

  it("require a 4xx with the provider's error schema", () => {
    const spec = goodSpec();
    spec.paths["/payments"].post.responses["400"] = {
      description: "Bad request",
      content: { "application/json": { schema: { type: "object" }, example: {} } },
    } as unknown as typeof errorResponse;
    expect(rulesOf(lint(spec))).toEqual(["payspec/error-response"]);
  });

  it("require an example on every response body", () => {
    const spec = goodSpec();
    const media = spec.paths["/payments"].post.responses["200"].content["application/json"] as { example?: unknown };
    delete media.example;
    expect(rulesOf(lint(spec))).toEqual(["payspec/response-example"]);
  });

  it("require integer money with a minimum, unless an exception says why", () => {
    const spec = goodSpec();
    const amount = spec.components.schemas.Payment.properties.amount as Record<string, unknown>;
    amount.type = "number";
    delete amount.minimum;
    const [problem] = lint(spec);
    expect(problem?.ruleId).toBe("payspec/money-integer");
    expect(problem?.message).toMatch(/an integer \(minor units\), not a number and given a `minimum`/);

    amount["x-payspec-money-exception"] = "This provider documents decimal major units here.";
    expect(lint(spec)).toEqual([]);
    amount["x-payspec-money-exception"] = "because";
    expect(rulesOf(lint(spec))).toEqual(["payspec/money-integer"]);
  });

  it("require a pattern and an example on currency codes, in arrays too", () => {
    const spec = goodSpec();
    const properties = spec.components.schemas.Payment.properties as Record<string, object>;
    properties.currency = { type: "string", examples: ["USD"] };
    properties.settlementCurrencies = { type: "array", items: { type: "string", pattern: "^[A-Z]{3}$" } };
    expect(lint(spec).map((problem) => problem.message)).toEqual([
      "Currency property `currency` needs a `pattern`.",
      "Currency property `settlementCurrencies` needs an example.",
    ]);
  });

  it("require the declared idempotency header on every POST, and a declaration", () => {
    const spec = goodSpec();
    spec.paths["/payments"].post.parameters = [];
    expect(lint(spec).map((problem) => problem.message)).toEqual([
      "POST createPayment must declare the `Idempotency-Key` header parameter.",
    ]);

    const undeclared: Record<string, unknown> = goodSpec();
    delete undeclared["x-payspec-idempotency"];
    expect(rulesOf(lint(undeclared))).toEqual(["payspec/idempotency-header"]);

    const none = {
      ...goodSpec(),
      "x-payspec-idempotency": { header: "none", description: "The provider documents none." },
    };
    none.paths["/payments"].post.parameters = [];
    expect(lint(none)).toEqual([]);
  });

  it("require every operation's provenance, and a reason wherever something is inferred", () => {
    const unsourced = goodSpec();
    delete (unsourced.paths["/payments"].post as Record<string, unknown>)["x-payspec-source"];
    expect(lint(unsourced).map((problem) => problem.message)).toEqual([
      "Operation createPayment needs `x-payspec-source` (the page that documents it) or `x-payspec-inferred` (why we believe it).",
    ]);

    const inferred = goodSpec();
    const post = inferred.paths["/payments"].post as Record<string, unknown>;
    delete post["x-payspec-source"];
    post["x-payspec-inferred"] = "The create call is named in the guide, its path is not printed.";
    expect(lint(inferred)).toEqual([]);

    post["x-payspec-inferred"] = true;
    (inferred.components.schemas.Payment.properties.amount as Record<string, unknown>)["x-payspec-inferred"] = true;
    expect(lint(inferred).map((problem) => [problem.ruleId, problem.location[0]?.pointer])).toEqual([
      ["payspec/provenance", "#/paths/~1payments/post/x-payspec-inferred"],
      ["payspec/provenance", "#/components/schemas/Payment/properties/amount/x-payspec-inferred"],
    ]);

    const emptySource = goodSpec();
    (emptySource.paths["/payments"].post as Record<string, unknown>)["x-payspec-source"] = [];
    expect(rulesOf(lint(emptySource))).toEqual(["payspec/provenance", "payspec/provenance"]);
  });
});
