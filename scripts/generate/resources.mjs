// Writes a provider's resource layer (src/generated/resources.ts) from its spec: a table of every
// operation by resource and method name, which core turns into `client.<resource>.<method>()`, and
// the `Resources` interface that types those methods with concrete parameter types, so an object
// literal with an unknown or misspelt field is a compile error (openapi-fetch's own methods infer
// their options as a generic, where TypeScript never checks excess properties).
import { nameProblems, resourceNameOf } from "./resource-names.mjs";

const httpMethods = ["get", "put", "post", "delete", "patch"];

const camel = (name) => name.replace(/[_-]+([a-zA-Z0-9])/g, (_, letter) => letter.toUpperCase());
const quote = (text) => JSON.stringify(text);

/** The TSDoc of a method: the operation's summary, then its HTTP method and path. */
function doc(operation, method, path, extra = []) {
  const lines = [operation.summary ?? operation.operationId, "", `\`${method.toUpperCase()} ${path}\``, ...extra];
  return `    /**\n${lines.map((line) => `     * ${line.replaceAll("*/", "*\\/")}`.trimEnd()).join("\n")}\n     */`;
}

export function resourcesModule(spec) {
  const resolve = (node) => {
    let current = node;
    while (current?.$ref !== undefined) {
      current = current.$ref
        .slice(2)
        .split("/")
        .reduce((parent, key) => parent?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
    }
    return current;
  };
  const idempotency = spec["x-payspec-idempotency"] ?? {};
  const keyHeader = idempotency.header === undefined || idempotency.header === "none" ? undefined : idempotency.header;
  const keyedMethods = new Set(keyHeader === undefined ? [] : ["post", "put", "patch"]);
  // `operations`: the operationIds the provider is documented to deduplicate, when not all of them.
  const keyedOperationIds = idempotency.operations === undefined ? undefined : new Set(idempotency.operations);
  const keyedOperations = [];
  const declaredScope = spec["x-payspec-scope"];
  const scope =
    declaredScope === undefined ? undefined : { parameter: declaredScope.parameter, option: declaredScope.option };

  const named = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = item?.[method];
      if (operation === undefined) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const { resource, method: name } = resourceNameOf(operation, where);
      named.push({ resource, method: name, name, where, path, httpMethod: method, operation, item });
    }
  }
  const problems = nameProblems(named);
  if (problems.length > 0) throw new Error(problems.join("\n"));

  const table = new Map();
  const types = new Map();
  const operationKeys = new Map();
  for (const { resource, name, path, httpMethod: method, operation, item } of named) {
    const op = `operations[${quote(operation.operationId)}]`;
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
    const query = parameters.filter((parameter) => parameter.in === "query");
    const headers = parameters.filter((parameter) => parameter.in === "header");
    const pathNames = [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]);
    const positional = pathNames.filter((parameter) => parameter !== scope?.parameter);
    const scoped = scope !== undefined && pathNames.includes(scope.parameter);
    const requestBody = resolve(operation.requestBody);
    const media = requestBody === undefined ? undefined : Object.keys(requestBody.content ?? {})[0];
    const input =
      requestBody !== undefined && query.length > 0
        ? "query+body"
        : requestBody !== undefined
          ? media === "multipart/form-data"
            ? "multipart"
            : "body"
          : query.length > 0
            ? "query"
            : "none";
    // A second header that must carry the idempotency key (Paymnt Cloud's relay: X-Idempotency-Key).
    const extraKeyHeader = headers.find(
      (header) => header.required && /idempotency-key$/i.test(header.name) && header.name !== keyHeader,
    )?.name;
    const honoured =
      keyHeader !== undefined &&
      keyedMethods.has(method) &&
      (keyedOperationIds === undefined || keyedOperationIds.has(operation.operationId));
    if (honoured && keyedOperationIds !== undefined) keyedOperations.push(`${method.toUpperCase()} ${path}`);
    const keyed = honoured || extraKeyHeader !== undefined;
    const pagination = operation["x-payspec-pagination"];

    const specBody =
      requestBody === undefined
        ? undefined
        : `${requestBody.required ? `${op}["requestBody"]` : `NonNullable<${op}["requestBody"]>`}["content"][${quote(media)}]`;
    // A multipart body's file fields (a binary string in the spec, which openapi-typescript types
    // as `string`) are sent as file parts, so the method takes a Blob (or File) for them.
    const files = input === "multipart" ? fileFieldsOf(resolve(requestBody.content[media]?.schema), resolve) : [];
    const body =
      files.length === 0
        ? specBody
        : `{ [Field in keyof ${specBody}]: Field extends ${files.map(quote).join(" | ")} ? Blob : ${specBody}[Field] }`;
    const queryType = query.length > 0 ? `NonNullable<${op}["parameters"]["query"]>` : undefined;
    const queryRequired = query.some((parameter) => parameter.required);
    let inputParameter;
    if (input === "query+body") {
      const bodyField = requestBody.required ? `readonly body: ${body}` : `readonly body?: ${body}`;
      const queryField = queryRequired ? `readonly query: ${queryType}` : `readonly query?: ${queryType}`;
      inputParameter = `input${queryRequired || requestBody.required ? "" : "?"}: { ${queryField}; ${bodyField} }`;
    } else if (body !== undefined) {
      inputParameter = `body${requestBody.required ? "" : "?"}: ${body}`;
    } else if (queryType !== undefined) {
      inputParameter = `query${queryRequired ? "" : "?"}: ${queryType}`;
    }

    const success = Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status));
    const successResponse = resolve(operation.responses?.[success]);
    const successMedia = Object.keys(successResponse?.content ?? {})[0];
    const data =
      successMedia === undefined ? "undefined" : `${op}["responses"][${success}]["content"][${quote(successMedia)}]`;

    let optionsType = keyed ? "IdempotentCallOptions" : "CallOptions";
    // A list answered in one request has no page size to choose.
    if (pagination !== undefined)
      optionsType += pagination.style === "single" ? " & SingleListOptions" : " & ListOptions";
    let itemType;
    if (pagination !== undefined) {
      itemType =
        pagination.itemsField === undefined
          ? `${data}[number]`
          : `NonNullable<${data}[${quote(pagination.itemsField)}]>[number]`;
    }
    const result = pagination === undefined ? `ApiPromise<${data}>` : `ListPromise<${data}, ${itemType}>`;
    const positionalParameters = positional.map((parameter) => `${camel(parameter)}: string`);
    let signature;
    if (scoped) {
      const option = scope.option;
      const before = [...positionalParameters, ...(inputParameter === undefined ? [] : [inputParameter])];
      // Without the client's account, the account is a required option; optional arguments
      // before it become `T | undefined` so the tuple stays valid.
      const required = before.map((parameter) => parameter.replace(/^(\w+)\?: (.*)$/, "$1: $2 | undefined"));
      signature = `(\n      ...args: Scoped extends true\n        ? [${[...before, `options?: ${optionsType} & { readonly ${option}?: string }`].join(", ")}]\n        : [${[...required, `options: ${optionsType} & { readonly ${option}: string }`].join(", ")}]\n    ): ${result};`;
    } else {
      const optionsParameter = `options?: ${optionsType}`;
      signature = `(${[...positionalParameters, ...(inputParameter === undefined ? [] : [inputParameter]), optionsParameter].join(", ")}): ${result};`;
    }
    const extraDoc = [];
    if (headers.some((header) => header.required && header.name !== extraKeyHeader && header.name !== keyHeader)) {
      const names = headers
        .filter((header) => header.required && header.name !== extraKeyHeader && header.name !== keyHeader)
        .map((header) => header.name);
      extraDoc.push("", `Requires the ${names.join(", ")} header: set it on the client or in \`options.headers\`.`);
    }
    if (pagination !== undefined) {
      extraDoc.push("", "Await it for one page; iterate it with `for await` for every item of every page.");
    }
    const methodType = `${doc(operation, method, path, extraDoc)}\n    ${name}${signature}`;
    if (!types.has(resource)) types.set(resource, []);
    types.get(resource).push(methodType);
    if (!operationKeys.has(resource)) operationKeys.set(resource, []);
    operationKeys.get(resource).push(`    readonly ${name}: ${quote(`${method.toUpperCase()} ${path}`)};`);

    const operationText = [
      method.toUpperCase(),
      path,
      operation.operationId,
      input,
      ...(extraKeyHeader === undefined ? [] : [extraKeyHeader]),
    ].join(" ");
    const entry =
      pagination === undefined
        ? quote(operationText)
        : `[${quote(operationText)}, ${JSON.stringify(paginationEntry(pagination, `${method.toUpperCase()} ${path}`))}]`;
    if (!table.has(resource)) table.set(resource, []);
    table.get(resource).push(`    ${name}: ${entry},`);
  }

  const unknownKeyed = [...(keyedOperationIds ?? [])].filter(
    (operationId) => !named.some(({ operation }) => operation.operationId === operationId),
  );
  if (unknownKeyed.length > 0) {
    throw new Error(`x-payspec-idempotency.operations names no operation of the spec: ${unknownKeyed.join(", ")}`);
  }
  const scopeParameter = scope === undefined ? "" : "<Scoped extends boolean = true>";
  const lines = [
    'import type { ApiPromise, CallOptions, IdempotentCallOptions, ListOptions, ListPromise, ResourceTable, SingleListOptions } from "@payspec/core";',
    'import type { operations } from "./openapi.js";',
    "",
    "/** Every operation by resource and method name (`METHOD /path operationId input`): what `client.<resource>.<method>()` sends. */",
    "export const resourceTable: ResourceTable = {",
    ...[...table].flatMap(([resource, entries]) => [`  ${resource}: {`, ...entries, "  },"]),
    "};",
    "",
    "/**",
    " * The operations (`METHOD /path`) the provider is documented to deduplicate by its idempotency key,",
    " * when not every POST, PUT and PATCH: only these get a key and are replayed after delivery.",
    " */",
    `export const keyedOperations: readonly string[] | undefined = ${
      keyedOperationIds === undefined ? "undefined" : JSON.stringify(keyedOperations)
    };`,
    "",
    scope === undefined
      ? ""
      : `/** The path parameter a client may fill for every call, and the option that overrides it. */\nexport const scope = ${JSON.stringify(scope)} as const;\n`,
    "/**",
    " * The client's resources: each method takes the operation's path parameters, then its body or",
    " * query, then options, and resolves to the response data or throws a typed error.",
    scope === undefined
      ? ""
      : ` * \`Scoped\` is \`true\` for a client created with its ${scope.option}; otherwise every method\n * of a ${scope.parameter} path requires \`options.${scope.option}\`.`,
    " */",
    `export interface Resources${scopeParameter} {`,
    ...[...types].flatMap(([resource, methods]) => [`  readonly ${resource}: {`, ...methods, "  };"]),
    "}",
    "",
    "/** The operation (`METHOD /path`) behind each method, for provider types that narrow the resources a client offers. */",
    "export interface ResourceOperations {",
    ...[...operationKeys].flatMap(([resource, keys]) => [`  readonly ${resource}: {`, ...keys, "  };"]),
    "}",
    "",
  ];
  return lines.filter((line, index) => !(line === "" && lines[index - 1] === "")).join("\n");
}

/** The properties of a multipart schema that hold a file: a string with a media type or `format: binary`. */
function fileFieldsOf(schema, resolve) {
  const members = [schema, ...(schema?.allOf ?? []).map(resolve)];
  return members.flatMap((member) =>
    Object.entries(member?.properties ?? {})
      .filter(([, property]) => {
        const resolved = resolve(property);
        return resolved?.format === "binary" || resolved?.contentMediaType !== undefined;
      })
      .map(([name]) => name),
  );
}

const paginationKeys = [
  "style",
  "in",
  "itemsField",
  "limitParam",
  "maxLimit",
  "offsetParam",
  "cursorParam",
  "cursorField",
  "hasMoreField",
  "totalField",
];

/** Checks an operation's `x-payspec-pagination` and keeps what the runtime reads. */
function paginationEntry(pagination, where) {
  for (const key of Object.keys(pagination)) {
    if (!paginationKeys.includes(key)) throw new Error(`${where}: x-payspec-pagination has an unknown key ${key}.`);
  }
  const { style } = pagination;
  if (!["cursor", "offset", "single"].includes(style)) {
    throw new Error(`${where}: x-payspec-pagination.style must be cursor, offset or single.`);
  }
  if (style !== "single" && (pagination.limitParam === undefined || !Number.isInteger(pagination.maxLimit))) {
    throw new Error(`${where}: a ${style} list needs limitParam and maxLimit in x-payspec-pagination.`);
  }
  if (style === "cursor" && (pagination.cursorParam === undefined || pagination.cursorField === undefined)) {
    throw new Error(`${where}: a cursor list needs cursorParam and cursorField in x-payspec-pagination.`);
  }
  return Object.fromEntries(
    paginationKeys.filter((key) => pagination[key] !== undefined).map((key) => [key, pagination[key]]),
  );
}
