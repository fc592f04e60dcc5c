import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DocumentedOperation } from "./operations.js";

/**
 * One response a contract test received: which operation, which status, and whether the status
 * was forced with `Prefer: code=` (a forced 4xx proves the client handles that error, not that the
 * mock rejects bad input).
 */
export interface CoverageHit {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly forced: boolean;
  readonly test: string;
  readonly passed: boolean;
}

/** Where a package's contract tests write what they exercised: `<cwd>/.contract-coverage`. */
export const coverageDirectory = (root = process.cwd()) => join(root, ".contract-coverage");

/** Hits of the running test, and its name; kept per worker by the vitest setup (coverage-setup.ts). */
export const currentTest: { name: string; hits: Omit<CoverageHit, "passed">[] } = { name: "", hits: [] };

/**
 * openapi-fetch middleware that records (method, path template, status) of every response a
 * contract test receives. Install it on the clients your contract tests use, and add
 * `@payspec/mock/coverage-setup` to vitest's `setupFiles` so each hit is kept with its test's outcome.
 */
export const coverageRecorder = {
  onResponse({ request, response, schemaPath }: { request: Request; response: Response; schemaPath: string }) {
    currentTest.hits.push({
      method: request.method,
      path: schemaPath,
      status: response.status,
      forced: /(^|[\s,;])code=\d{3}/.test(request.headers.get("prefer") ?? ""),
      test: currentTest.name,
    });
    return undefined;
  },
};

/** Removes the hits of an earlier run; call it before the tests start (provideMocks does). */
export function clearCoverage(root = process.cwd()): void {
  rmSync(coverageDirectory(root), { recursive: true, force: true });
}

/** Every hit a package's contract tests recorded. */
export function readCoverage(root = process.cwd()): CoverageHit[] {
  const directory = coverageDirectory(root);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith(".jsonl"))
    .flatMap((name) => readFileSync(join(directory, name), "utf8").split("\n"))
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CoverageHit);
}

/** How well one operation is covered by passing tests. */
export interface OperationCoverage {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** 2xx statuses a passing test received. */
  readonly success: readonly number[];
  /** 4xx statuses the mock chose itself (bad input rejected) in a passing test. */
  readonly negative: readonly number[];
  /** Documented statuses no passing test received. */
  readonly missing: readonly string[];
  /** What is wrong, empty when the operation passes the gate. */
  readonly gaps: readonly string[];
}

const statusMatches = (documented: string, status: number) =>
  documented === String(status) || (documented.endsWith("XX") && documented[0] === String(status)[0]);

/**
 * The coverage gate: each operation needs a passing success test, a passing negative test (a 4xx
 * the mock chose because the request was bad, not one forced with `Prefer`), and every documented
 * status exercised by some passing test.
 */
export function coverageOf(operations: readonly DocumentedOperation[], hits: readonly CoverageHit[]) {
  return operations.map((operation): OperationCoverage => {
    const mine = hits.filter((hit) => hit.passed && hit.method === operation.method && hit.path === operation.path);
    const unique = (values: number[]) => [...new Set(values)].sort();
    const success = unique(mine.filter((hit) => hit.status >= 200 && hit.status < 300).map((hit) => hit.status));
    const negative = unique(
      mine.filter((hit) => hit.status >= 400 && hit.status < 500 && !hit.forced).map((hit) => hit.status),
    );
    const missing = operation.responses
      .map((response) => response.status)
      .filter((status) => status !== "default" && !mine.some((hit) => statusMatches(status, hit.status)));
    const gaps = [
      ...(success.length === 0 ? ["no passing success test"] : []),
      ...(negative.length === 0 ? ["no passing negative test (a 4xx for a bad request)"] : []),
      ...(missing.length > 0 ? [`documented status never exercised: ${missing.join(", ")}`] : []),
    ];
    return {
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
      success,
      negative,
      missing,
      gaps,
    };
  });
}

/** A plain-text table of {@link coverageOf}'s result, one line per operation. */
export function formatCoverage(provider: string, coverage: readonly OperationCoverage[]): string {
  const covered = coverage.filter((operation) => operation.gaps.length === 0).length;
  const width = Math.max(...coverage.map((operation) => operation.operationId.length), 9);
  const lines = coverage.map(
    (operation) =>
      `  ${operation.gaps.length === 0 ? "ok  " : "GAP "} ${operation.operationId.padEnd(width)}  2xx ${(operation.success.join(",") || "-").padEnd(7)}  4xx ${(operation.negative.join(",") || "-").padEnd(11)}${operation.gaps.length > 0 ? `  ${operation.gaps.join("; ")}` : ""}`,
  );
  const percent = coverage.length === 0 ? 0 : Math.round((covered / coverage.length) * 100);
  return [`${provider}: ${covered}/${coverage.length} operations pass the gate (${percent} %)`, ...lines].join("\n");
}
