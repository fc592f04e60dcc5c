/** An operation of the spec as the stateful layer routes to it. */
export interface RoutedOperation {
  readonly operationId: string;
  readonly method: string;
  /** The spec path, with `{placeholders}`. */
  readonly schemaPath: string;
  /** Declared parameters, for typing query values and finding filters. */
  readonly parameters: readonly { readonly name: string; readonly in: string; readonly type: string | undefined }[];
}

/** A request matched to its operation, with the path's parameters read. */
export interface RouteMatch {
  readonly operation: RoutedOperation;
  readonly path: Readonly<Record<string, string>>;
}

interface SpecDocument {
  readonly paths?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: { readonly parameters?: Readonly<Record<string, unknown>> };
}

interface ParameterObject {
  readonly name?: string;
  readonly in?: string;
  readonly $ref?: string;
  readonly schema?: { readonly type?: string | readonly string[] };
}

const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/**
 * Matches `METHOD /path` to the spec's operation, as Prism does: a literal segment wins over a
 * placeholder (`/payments/list` is not the payment `list`), and a placeholder takes one segment.
 */
export function createRouter(document: SpecDocument): (method: string, path: string) => RouteMatch | undefined {
  const resolve = (parameter: ParameterObject): ParameterObject =>
    parameter.$ref === undefined
      ? parameter
      : ((document.components?.parameters?.[parameter.$ref.split("/").at(-1) ?? ""] as ParameterObject) ?? {});
  const routes: { operation: RoutedOperation; segments: string[]; literals: number }[] = [];
  for (const [schemaPath, item] of Object.entries(document.paths ?? {})) {
    const shared = ((item as { parameters?: ParameterObject[] }).parameters ?? []).map(resolve);
    for (const method of methods) {
      const operation = item[method] as { operationId?: string; parameters?: ParameterObject[] } | undefined;
      if (operation?.operationId === undefined) continue;
      const own = (operation.parameters ?? []).map(resolve);
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own].map(
        (parameter) => {
          const type = parameter.schema?.type;
          return {
            name: parameter.name ?? "",
            in: parameter.in ?? "",
            type: Array.isArray(type) ? type.find((candidate) => candidate !== "null") : (type as string | undefined),
          };
        },
      );
      const segments = schemaPath.split("/").slice(1);
      routes.push({
        operation: { operationId: operation.operationId, method: method.toUpperCase(), schemaPath, parameters },
        segments,
        literals: segments.filter((segment) => !segment.startsWith("{")).length,
      });
    }
  }
  routes.sort((a, b) => b.literals - a.literals);
  return (method, path) => {
    const segments = path.split("/").slice(1);
    for (const route of routes) {
      if (route.operation.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((segment, index) => {
        const actual = segments[index] as string;
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (actual === "") return false;
          params[segment.slice(1, -1)] = decodeURIComponent(actual);
          return true;
        }
        return segment === actual;
      });
      if (matches) return { operation: route.operation, path: params };
    }
    return undefined;
  };
}

/** The query string as the engine reads it: each declared parameter typed as its schema says. */
export function readQuery(search: URLSearchParams, parameters: RoutedOperation["parameters"]): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const declared = parameters.find((parameter) => parameter.in === "query" && parameter.name === name);
    const values = search.getAll(name);
    const typed = values.map((value) =>
      declared?.type === "integer" || declared?.type === "number"
        ? Number(value)
        : declared?.type === "boolean"
          ? value === "true"
          : value,
    );
    query[name] = declared?.type === "array" || typed.length > 1 ? typed : typed[0];
  }
  return query;
}
