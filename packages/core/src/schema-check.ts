/**
 * A JSON Schema (2020-12) as the generator writes it for webhook payloads: annotations removed,
 * `$ref` naming a schema of the same set. Only the assertions the specs use are checked.
 */
export interface CheckedSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, CheckedSchema>>;
  readonly additionalProperties?: boolean | CheckedSchema;
  readonly items?: CheckedSchema;
  readonly allOf?: readonly CheckedSchema[];
  readonly oneOf?: readonly CheckedSchema[];
  readonly anyOf?: readonly CheckedSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly maxProperties?: number;
  readonly pattern?: string;
  readonly propertyNames?: CheckedSchema;
}

/** A provider's webhook payload schemas: one per entry of the spec's `webhooks`, and what they reach. */
export interface WebhookSchemas {
  readonly webhooks: Readonly<Record<string, CheckedSchema>>;
  readonly schemas: Readonly<Record<string, CheckedSchema>>;
}

const typeOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "array"
      : typeof value === "number" && Number.isInteger(value)
        ? "integer"
        : typeof value;

const matchesType = (value: unknown, type: string): boolean => {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
};

const describe = (value: unknown): string =>
  value === null || typeof value !== "object" ? (JSON.stringify(value) ?? String(value)) : typeOf(value);

/**
 * What in `value` breaks `schema`, one line per problem (`path: what was wrong`), at most `limit`
 * lines; empty when it conforms.
 */
export function schemaProblems(
  schema: CheckedSchema,
  value: unknown,
  schemas: Readonly<Record<string, CheckedSchema>>,
  limit = 10,
): string[] {
  const problems: string[] = [];
  check(schema, value, "$", schemas, problems);
  return problems.slice(0, limit);
}

function check(
  schema: CheckedSchema,
  value: unknown,
  path: string,
  schemas: Readonly<Record<string, CheckedSchema>>,
  problems: string[],
): void {
  if (schema.$ref !== undefined) {
    const target = schemas[schema.$ref];
    if (target === undefined) problems.push(`${path}: unknown schema ${schema.$ref}`);
    else check(target, value, path, schemas, problems);
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((type) => matchesType(value, type))) {
      problems.push(`${path}: expected ${types.join(" or ")}, got ${describe(value)}`);
      return;
    }
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    problems.push(`${path}: expected ${JSON.stringify(schema.const)}, got ${describe(value)}`);
  }
  if (schema.enum !== undefined && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    problems.push(
      `${path}: expected one of ${schema.enum.map((option) => JSON.stringify(option)).join(", ")}, got ${describe(value)}`,
    );
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) {
      problems.push(`${path}: shorter than ${schema.minLength} characters`);
    }
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) {
      problems.push(`${path}: longer than ${schema.maxLength} characters`);
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      problems.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, index) => {
      check(schema.items as CheckedSchema, item, `${path}[${index}]`, schemas, problems);
    });
  }
  if (typeOf(value) === "object") checkObject(schema, value as Record<string, unknown>, path, schemas, problems);
  for (const part of schema.allOf ?? []) check(part, value, path, schemas, problems);
  if (schema.anyOf !== undefined && !schema.anyOf.some((part) => conforms(part, value, schemas))) {
    problems.push(`${path}: matches none of the ${schema.anyOf.length} allowed shapes`);
  }
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.filter((part) => conforms(part, value, schemas)).length;
    if (matching !== 1) {
      problems.push(
        matching === 0
          ? `${path}: matches none of the ${schema.oneOf.length} allowed shapes`
          : `${path}: matches ${matching} of the allowed shapes, where exactly one must match`,
      );
    }
  }
}

function checkObject(
  schema: CheckedSchema,
  value: Record<string, unknown>,
  path: string,
  schemas: Readonly<Record<string, CheckedSchema>>,
  problems: string[],
): void {
  for (const name of schema.required ?? []) {
    if (!(name in value)) problems.push(`${path}: missing ${name}`);
  }
  const names = Object.keys(value);
  if (schema.maxProperties !== undefined && names.length > schema.maxProperties) {
    problems.push(`${path}: more than ${schema.maxProperties} properties`);
  }
  for (const name of names) {
    const at = `${path}.${name}`;
    if (schema.propertyNames !== undefined) check(schema.propertyNames, name, `${at} (name)`, schemas, problems);
    const declared = schema.properties?.[name];
    if (declared !== undefined) check(declared, value[name], at, schemas, problems);
    else if (schema.additionalProperties === false) problems.push(`${at}: not allowed`);
    else if (typeof schema.additionalProperties === "object") {
      check(schema.additionalProperties, value[name], at, schemas, problems);
    }
  }
}

function conforms(schema: CheckedSchema, value: unknown, schemas: Readonly<Record<string, CheckedSchema>>): boolean {
  const problems: string[] = [];
  check(schema, value, "$", schemas, problems);
  return problems.length === 0;
}
