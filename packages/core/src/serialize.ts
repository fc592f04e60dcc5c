import { InvalidRequestError } from "./errors.js";

// openapi-fetch's URL serialisers, with the same output for every style (a differential test holds
// them to openapi-fetch's own), written small: they are in every bundle that makes a call. Where
// openapi-fetch throws a plain Error (a nested value), these throw a typed one.

/** How an array or object parameter is written: OpenAPI's `style` and `explode`. */
export interface ParamStyle {
  readonly style?: string;
  readonly explode?: boolean;
}

/** openapi-fetch's `querySerializer` option in its object form. */
export interface QuerySerializerOptions {
  readonly array?: ParamStyle;
  readonly object?: ParamStyle;
  readonly allowReserved?: boolean;
}

const explodedJoiners: Record<string, string> = { simple: ",", label: ".", matrix: ";" };
const flatJoiners: Record<string, string> = { spaceDelimited: "%20", pipeDelimited: "|" };

function pair(name: string, value: unknown, reserved: boolean): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") {
    throw new InvalidRequestError(
      "invalid_option",
      `Parameter ${name} holds a nested array or object, which no OpenAPI style can write: flatten it, or pass your own querySerializer.`,
    );
  }
  return `${name}=${reserved ? value : encodeURIComponent(value as string)}`;
}

/** One array or object parameter, in `style`, as openapi-fetch writes it. */
function serializeParam(name: string, value: object, { style = "", explode }: ParamStyle, reserved: boolean): string {
  const encode = (item: unknown) => (reserved ? item : encodeURIComponent(item as string));
  const isArray = Array.isArray(value);
  const styled = style === "label" || style === "matrix";
  if (explode === false && (isArray || style !== "deepObject")) {
    const flat = isArray
      ? value.map(encode).join(flatJoiners[style] ?? ",")
      : Object.entries(value)
          .flatMap(([key, item]) => [key, encode(item)])
          .join(",");
    const named = isArray ? style !== "simple" && style !== "label" : style === "form" || style === "matrix";
    return `${style === "label" ? "." : style === "matrix" ? ";" : ""}${named ? `${name}=` : ""}${flat}`;
  }
  const joiner = explodedJoiners[style] ?? "&";
  const parts = isArray
    ? value.map((item) => (style === "simple" || style === "label" ? encode(item) : pair(name, item, reserved)))
    : Object.entries(value).map(([key, item]) =>
        pair(style === "deepObject" ? `${name}[${key}]` : key, item, reserved),
      );
  return `${styled ? joiner : ""}${parts.join(joiner)}`;
}

/** openapi-fetch's default query serialiser, or the one its object-form option describes. */
export function serializeQuery(query: unknown, options?: QuerySerializerOptions | null): string {
  const reserved = options?.allowReserved === true;
  const search: string[] = [];
  for (const [name, value] of Object.entries(typeof query === "object" && query !== null ? query : {})) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    search.push(
      typeof value !== "object"
        ? pair(name, value, reserved)
        : Array.isArray(value)
          ? serializeParam(name, value, { style: "form", explode: true, ...options?.array }, reserved)
          : serializeParam(name, value, { style: "deepObject", explode: true, ...options?.object }, reserved),
    );
  }
  return search.join("&");
}

/** openapi-fetch's default path serialiser: `{name}`, `{.name}`, `{;name}` and `{name*}` placeholders. */
export function serializePath(path: string, params: Readonly<Record<string, unknown>>): string {
  return path.replace(/\{([.;]?)([^{}*]+)(\*?)\}/g, (match, prefix: string, name: string, star: string) => {
    const value = params[name];
    if (value === undefined || value === null) return match;
    const style = prefix === "." ? "label" : prefix === ";" ? "matrix" : "simple";
    if (typeof value === "object") return serializeParam(name, value, { style, explode: star === "*" }, false);
    return style === "matrix" ? `;${pair(name, value, false)}` : `${prefix}${encodeURIComponent(value as string)}`;
  });
}
