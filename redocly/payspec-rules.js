// payspec's own Redocly lint rules: the domain rules a payments spec must meet on top of
// `recommended-strict`. Configured (and, where a provider differs, tuned) in redocly.yaml.

import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const dialect2020 = "https://json-schema.org/draft/2020-12/schema";

/** The schema a `$ref` (or an inline schema) resolves to. */
const resolved = (ctx, node) => (node && typeof node === "object" && "$ref" in node ? ctx.resolve(node).node : node);

const typesOf = (schema) => (Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : []);

/** Webhooks are requests the provider sends to us: the rules for our requests don't apply. */
const isWebhook = (ctx) => ctx.location.pointer.startsWith("#/webhooks");

const hasExample = (node) =>
  node !== undefined && ("example" in node || (Array.isArray(node.examples) && node.examples.length > 0));

/** Where a deliberate exception is recorded: a schema extension whose value says why. */
const exceptionOf = (schema, key) => {
  const reason = schema?.[key];
  return typeof reason === "string" && reason.trim().length >= 20 ? reason : undefined;
};

/** Root `jsonSchemaDialect` must be JSON Schema 2020-12: without it Prism validates as draft-07. */
function Dialect2020() {
  return {
    Root(root, ctx) {
      if (root.jsonSchemaDialect !== dialect2020) {
        ctx.report({
          message: `Declare \`jsonSchemaDialect: ${dialect2020}\` (not the OAS base dialect): Prism and Ajv otherwise ignore 2020-12 keywords.`,
          location: ctx.location.child("jsonSchemaDialect"),
        });
      }
    },
  };
}

/** At least one 4xx response of every operation carries the provider's error schema. */
function ErrorResponse({ schema }) {
  const expected = `#/components/schemas/${schema}`;
  return {
    Operation(operation, ctx) {
      if (isWebhook(ctx)) return;
      const errors = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith("4"));
      const usesErrorSchema = errors.some(([, response]) =>
        Object.values(resolved(ctx, response)?.content ?? {}).some((media) => media?.schema?.$ref === expected),
      );
      if (!usesErrorSchema) {
        ctx.report({
          message: `Operation ${operation.operationId ?? ""} needs at least one 4xx response whose body is ${expected}.`,
          location: ctx.location.child("responses"),
        });
      }
    },
  };
}

/** Every response body has an example: static Prism serves it, and patterned fields need one. */
function ResponseExample() {
  return {
    Response(response, ctx) {
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        const hasMediaExample = "example" in media || Object.keys(media.examples ?? {}).length > 0;
        if (!hasMediaExample && !hasExample(resolved(ctx, media.schema))) {
          ctx.report({
            message: `The ${mediaType} response needs an \`example\` or \`examples\` entry.`,
            location: ctx.location.child(["content", mediaType]),
          });
        }
      }
    },
  };
}

const moneyName = /amount/i;
const currencyName = /currenc(y|ies)/i;

/**
 * Money amounts are integers in minor units with a `minimum`. A provider that documents decimal
 * or signed amounts records why in `x-payspec-money-exception` on that schema.
 */
function MoneyInteger() {
  return {
    Schema(schema, ctx) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (!moneyName.test(name)) continue;
        const target = resolved(ctx, property);
        const types = typesOf(target);
        if (!types.includes("number") && !types.includes("integer")) continue;
        if (exceptionOf(target, "x-payspec-money-exception") ?? exceptionOf(property, "x-payspec-money-exception")) {
          continue;
        }
        const problems = [];
        if (types.includes("number")) problems.push("an integer (minor units), not a number");
        if (target.minimum === undefined && target.exclusiveMinimum === undefined) problems.push("given a `minimum`");
        if (problems.length > 0) {
          ctx.report({
            message: `Money property \`${name}\` must be ${problems.join(" and ")}; or record why not in \`x-payspec-money-exception\`.`,
            location: ctx.location.child(["properties", name]),
          });
        }
      }
    },
  };
}

/** Currency codes carry a `pattern` and an example, so mocks and docs show a real code. */
function CurrencyCode() {
  return {
    Schema(schema, ctx) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (!currencyName.test(name)) continue;
        let target = resolved(ctx, property);
        if (typesOf(target).includes("array")) target = resolved(ctx, target.items);
        if (!typesOf(target).includes("string")) continue;
        const missing = [];
        if (typeof target.pattern !== "string") missing.push("a `pattern`");
        if (!hasExample(target) && !hasExample(property)) missing.push("an example");
        if (missing.length > 0) {
          ctx.report({
            message: `Currency property \`${name}\` needs ${missing.join(" and ")}.`,
            location: ctx.location.child(["properties", name]),
          });
        }
      }
    },
  };
}

/**
 * The root declares the provider's idempotency (`x-payspec-idempotency`: a `header`, or `none`
 * with a `description` of why), and every POST then declares that header, so the generated types
 * offer it. The mock's remembering proxy reads the same extension.
 */
function IdempotencyHeader() {
  let header;
  return {
    Root(root, ctx) {
      const idempotency = root["x-payspec-idempotency"];
      header = typeof idempotency?.header === "string" ? idempotency.header : undefined;
      if (header === undefined || (header === "none" && !(String(idempotency?.description ?? "").length >= 20))) {
        ctx.report({
          message:
            "Declare `x-payspec-idempotency: { header: <name>, conflictStatus: <status> }`, or `{ header: none, description: <why> }` when the provider documents none.",
          location: ctx.location.child("x-payspec-idempotency"),
        });
      }
    },
    PathItem(pathItem, ctx) {
      const post = pathItem.post;
      if (post === undefined || isWebhook(ctx) || header === undefined || header === "none") return;
      const wanted = header.toLowerCase();
      const parameters = [...(pathItem.parameters ?? []), ...(post.parameters ?? [])].map((parameter) =>
        resolved(ctx, parameter),
      );
      const declared = parameters.some(
        (parameter) => parameter?.in === "header" && parameter.name?.toLowerCase() === wanted,
      );
      if (!declared) {
        ctx.report({
          message: `POST ${post.operationId ?? ""} must declare the \`${header}\` header parameter.`,
          location: ctx.location.child(["post", "parameters"]),
        });
      }
    },
  };
}

const sourceOf = (node) => {
  const source = node?.["x-payspec-source"];
  const sources = Array.isArray(source) ? source : [source];
  return sources.length > 0 && sources.every((item) => typeof item === "string" && item.trim().length > 0);
};
const inferredReason = (value) => typeof value === "string" && value.trim().length >= 20;

/**
 * Every operation says where it comes from: `x-payspec-source` (the page or engine file that
 * documents it, or several) or `x-payspec-inferred` (why we believe it, at least a sentence). And
 * wherever `x-payspec-inferred` appears (an operation, a field, a status), it gives that reason:
 * a bare `true` tells a reader nothing they can check.
 */
function Provenance() {
  const checkInferred = (node, ctx) => {
    if (
      node &&
      typeof node === "object" &&
      "x-payspec-inferred" in node &&
      !inferredReason(node["x-payspec-inferred"])
    ) {
      ctx.report({
        message: "`x-payspec-inferred` must say why we believe it (a sentence), not just `true`.",
        location: ctx.location.child("x-payspec-inferred"),
      });
    }
  };
  return {
    Operation(operation, ctx) {
      if (isWebhook(ctx)) return;
      if (!sourceOf(operation) && !("x-payspec-inferred" in operation)) {
        ctx.report({
          message: `Operation ${operation.operationId ?? ""} needs \`x-payspec-source\` (the page that documents it) or \`x-payspec-inferred\` (why we believe it).`,
          location: ctx.location.key(),
        });
      }
      if ("x-payspec-source" in operation && !sourceOf(operation)) {
        ctx.report({
          message: "`x-payspec-source` must be a page URL or engine file, or a list of them.",
          location: ctx.location.child("x-payspec-source"),
        });
      }
      checkInferred(operation, ctx);
    },
    Schema: { enter: checkInferred },
    Response: { enter: checkInferred },
    Parameter: { enter: checkInferred },
  };
}

/** The JSON Schema of `x-payspec-lifecycle`, as docs/stateful-mock.md prints it (one source of truth). */
function lifecycleSchema() {
  const doc = readFileSync(new URL("../docs/stateful-mock.md", import.meta.url), "utf8");
  const match = /<!-- lifecycle-schema:start -->\s*```json\n([\s\S]*?)```\s*<!-- lifecycle-schema:end -->/.exec(doc);
  if (!match?.[1]) throw new Error("docs/stateful-mock.md has no lifecycle-schema block");
  return JSON.parse(match[1]);
}

/**
 * The stateful mock's `x-payspec-lifecycle` is linted with the spec: it matches the extension's
 * JSON Schema, and every operation, response, example and schema it names exists in this spec.
 */
function Lifecycle() {
  let validate;
  return {
    Root(root, ctx) {
      const lifecycle = root["x-payspec-lifecycle"];
      if (lifecycle === undefined) return;
      const here = ctx.location.child("x-payspec-lifecycle");
      if (validate === undefined) {
        const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
        addFormats.default(ajv);
        validate = ajv.compile(lifecycleSchema());
      }
      if (!validate(lifecycle)) {
        for (const error of validate.errors ?? []) {
          ctx.report({
            message: `x-payspec-lifecycle${error.instancePath} ${error.message} (docs/stateful-mock.md §12).`,
            location: here,
          });
        }
        return;
      }
      const operationIds = new Set();
      for (const item of Object.values(root.paths ?? {})) {
        for (const operation of Object.values(item ?? {})) {
          if (operation && typeof operation === "object" && operation.operationId)
            operationIds.add(operation.operationId);
        }
      }
      const at = (pointer) => {
        let node = root;
        for (const raw of pointer.replace(/^#\//, "").split("/")) {
          if (node === undefined || node === null) return undefined;
          node = node[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
        }
        return node;
      };
      const names = (where, operationId) => {
        if (operationId !== undefined && !operationIds.has(operationId)) {
          ctx.report({
            message: `${where} names operation ${operationId}, which this spec does not declare.`,
            location: here,
          });
        }
      };
      const points = (where, pointer) => {
        if (typeof pointer === "string" && at(pointer) === undefined) {
          ctx.report({ message: `${where} points at ${pointer}, which does not resolve.`, location: here });
        }
      };
      for (const [name, error] of Object.entries(lifecycle.errors ?? {})) {
        points(`errors.${name}.response`, error.response);
        const examples = Object.values(at(error.response ?? "")?.content ?? {}).flatMap((media) =>
          Object.keys(media?.examples ?? {}),
        );
        if (error.example !== undefined && !examples.includes(error.example)) {
          ctx.report({
            message: `errors.${name} names example ${error.example}, which ${error.response} does not have.`,
            location: here,
          });
        }
      }
      for (const [type, event] of Object.entries(lifecycle.webhooks?.events ?? {}))
        points(`webhooks.events.${type}.payload`, event.payload);
      for (const [operation, operationId] of Object.entries(lifecycle.webhooks?.targets?.endpoints?.operations ?? {})) {
        names(`webhooks.targets.endpoints.operations.${operation}`, operationId);
      }
      for (const [kind, object] of Object.entries(lifecycle.objects ?? {})) {
        points(`objects.${kind}.schema`, object.schema);
        for (const [role, operationId] of Object.entries(object.operations ?? {}))
          names(`objects.${kind}.operations.${role}`, operationId);
        for (const transition of object.transitions ?? []) {
          names(`objects.${kind}.transitions.${transition.name}`, transition.trigger?.operation);
        }
      }
    },
  };
}

export default function payspecRules() {
  return {
    id: "payspec",
    rules: {
      oas3: {
        "dialect-2020-12": Dialect2020,
        "error-response": ErrorResponse,
        "response-example": ResponseExample,
        "money-integer": MoneyInteger,
        "currency-code": CurrencyCode,
        "idempotency-header": IdempotencyHeader,
        provenance: Provenance,
        lifecycle: Lifecycle,
      },
    },
  };
}
