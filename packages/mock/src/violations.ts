/** One validation problem Prism found in a request or in its own response. */
export interface Violation {
  readonly location: readonly (string | number)[];
  readonly severity: string;
  readonly code: string | number;
  readonly message: string;
}

/**
 * The violations Prism reported for `response`. Prism puts them in the `sl-violations` header when
 * it serves a response from the spec, and in the body's `validation` array when it generates its
 * own problem+json; this reads the header. An empty array means the exchange matched the spec.
 */
export function violationsOf(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  if (header === null || header === "") return [];
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? (parsed as Violation[]) : [];
  } catch {
    return [{ location: [], severity: "Error", code: "unparsable", message: header }];
  }
}

/** Thrown by {@link rejectViolations} when a response breaks the spec. */
export class SpecViolationError extends Error {
  override readonly name = "SpecViolationError";
  readonly violations: readonly Violation[];

  constructor(method: string, url: string, violations: readonly Violation[]) {
    const lines = violations.map((v) => `  - ${v.location.join(".")}: ${v.message}`);
    super(`${method} ${url} does not match the spec:\n${lines.join("\n")}`);
    this.violations = violations;
  }
}

/**
 * openapi-fetch middleware for contract tests: fails the call when Prism reports any violation,
 * so a request or example that drifts from the spec can never pass silently.
 */
export const rejectViolations = {
  onResponse({ request, response }: { request: Request; response: Response }): undefined {
    const violations = violationsOf(response);
    if (violations.length > 0) throw new SpecViolationError(request.method, request.url, violations);
    return undefined;
  },
};

/** Headers asking Prism for a named example (and status), for realistic multi-step flows. */
export function preferExample(example: string, code?: number): Record<string, string> {
  return { Prefer: code === undefined ? `example=${example}` : `code=${code}, example=${example}` };
}
