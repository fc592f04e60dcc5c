import type { IncomingHttpHeaders } from "node:http";
import { createLogger } from "@stoplight/prism-core";
import {
  createInstance,
  type IHttpConfig,
  type IHttpRequest,
  ProblemJsonError,
  VIOLATIONS,
} from "@stoplight/prism-http";
import { getHttpConfigFromRequest } from "@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js";
import { serialize } from "@stoplight/prism-http-server/dist/serialize.js";

/** A request as the proxy hands it to Prism in this process. */
export interface PrismRequest {
  readonly method: string;
  /** Path and query, as in the request line. */
  readonly url: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Prism's answer, as its HTTP server would have written it. */
export interface PrismAnswer {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Buffer;
}

// Prism's own types stay out of this module's declarations: they reach `pino`'s, which ship none,
// so a consumer compiling with `skipLibCheck: false` would fail on them.
type Operations = Parameters<ReturnType<typeof createInstance>["request"]>[1];

const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function violation(location: string, detail: { path?: string[]; severity: number; code?: unknown; message: string }) {
  return {
    location: [location, ...(detail.path ?? [])],
    severity: ["Error", "Warning", "Information", "Hint"][detail.severity] ?? "Error",
    code: detail.code,
    message: detail.message,
  };
}

/**
 * Prism's request handling without its HTTP server: the same validation, mocking, `Prefer`
 * parsing, violation header and `--errors` rule as `@stoplight/prism-http-server`'s handler
 * (read from its source), called directly by the proxy in front of it. The hop from the proxy to a
 * second HTTP server on loopback cost more than everything Prism does (`pnpm bench`).
 */
export function createPrismHandler(
  operations: readonly object[],
  options: { readonly errors: boolean; readonly dynamic: boolean },
): (request: PrismRequest) => Promise<PrismAnswer> {
  const config: IHttpConfig = {
    isProxy: false,
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.errors,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic },
  };
  const prism = createInstance(config, { logger: createLogger("payspec-mock", { level: "silent" }) });

  const problem = (error: ProblemJsonError) => {
    const extra = (error.additional as { headers?: Record<string, unknown> } | undefined)?.headers ?? {};
    return {
      status: (error as { status?: number }).status ?? 500,
      headers: [
        ["content-type", "application/problem+json"],
        ...Object.entries(extra).map(([name, value]) => [name, String(value)]),
      ] as [string, string][],
      body: Buffer.from(
        JSON.stringify(ProblemJsonError.toProblemJson(error as Parameters<typeof ProblemJsonError.toProblemJson>[0])),
      ),
    };
  };

  return async (request) => {
    const { headers } = request;
    // As Prism's server: no length and no chunking means no body; JSON media types are parsed.
    let body: unknown = null;
    const hasBody =
      headers["content-length"] !== "0" &&
      (headers["transfer-encoding"] !== undefined || headers["content-length"] !== undefined);
    if (hasBody) {
      const text = request.body.toString("utf8");
      if (jsonMediaType.test(headers["content-type"] ?? "")) {
        try {
          body = JSON.parse(text);
        } catch {
          return {
            status: 400,
            headers: [["content-type", "application/json; charset=utf-8"]],
            body: Buffer.from(JSON.stringify({ error: { code: "invalid_json", message: "Invalid JSON" } })),
          };
        }
      } else body = text;
    }
    const { searchParams, pathname } = new URL(request.url, "http://example.com");
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(searchParams.keys())) {
      const values = searchParams.getAll(key);
      query[key] = values.length === 1 ? (values[0] as string) : values;
    }
    const input: IHttpRequest = {
      method: request.method.toLowerCase() as IHttpRequest["method"],
      url: {
        path: pathname,
        query,
        ...(searchParams.has("__server") ? { baseUrl: searchParams.get("__server") ?? "" } : {}),
      },
      headers: headers as IncomingHttpHeaders as NonNullable<IHttpRequest["headers"]>,
      body,
    };
    const preferences = getHttpConfigFromRequest(input);
    if (preferences._tag === "Left") return problem(preferences.left as ProblemJsonError);
    const result = await prism.request(input, operations as Operations, {
      ...config,
      mock: { ...config.mock, ...preferences.right },
    })();
    if (result._tag === "Left") return problem(result.left as ProblemJsonError);
    const { output, validations } = result.right;
    const inputViolations = validations.input.map((detail) => violation("request", detail));
    const outputViolations = validations.output.map((detail) => violation("response", detail));
    const answerHeaders = new Map<string, string>();
    const all = [...inputViolations, ...outputViolations];
    if (all.length > 0) {
      const errors = outputViolations.filter((item) => item.severity === "Error");
      if (options.errors && errors.length > 0) {
        return problem(
          ProblemJsonError.fromTemplate(
            VIOLATIONS,
            "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.",
            { validation: errors },
          ),
        );
      }
      const value = JSON.stringify(all);
      answerHeaders.set(
        "sl-violations",
        value.length > 8 * 1024 - 100 ? `Too many violations! ${value.substring(0, 8 * 1024 - 100)}` : value,
      );
    }
    for (const [name, value] of Object.entries(output.headers ?? {}))
      answerHeaders.set(name.toLowerCase(), String(value));
    let serialized: unknown;
    try {
      serialized = serialize(output.body, answerHeaders.get("content-type"));
    } catch (error) {
      return problem(error as ProblemJsonError);
    }
    if (serialized === undefined || serialized === null) {
      return { status: output.statusCode, headers: [...answerHeaders], body: Buffer.alloc(0) };
    }
    if (!answerHeaders.has("content-type")) answerHeaders.set("content-type", "text/plain; charset=utf-8");
    return { status: output.statusCode, headers: [...answerHeaders], body: Buffer.from(String(serialized)) };
  };
}
