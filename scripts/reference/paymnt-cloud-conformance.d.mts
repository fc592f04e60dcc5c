// Types of paymnt-cloud-conformance.mjs, for the TypeScript test that imports it.

/** One example the reference prints for an operation's request or response body. */
export interface ExampleFact {
  readonly kind: "request" | "response";
  /** For a response: the status key as the reference writes it ("200", "4XX", "default"). */
  readonly status?: string;
  readonly mediaType: string;
  /** The key under `examples`, or "example" for a media type's single `example`. */
  readonly name: string;
  readonly value: unknown;
  /** Ajv's errors when the reference's own schema rejects the example; such examples are not held against us. */
  readonly referenceRejects?: readonly string[];
}

/** An in-scope reference operation. Body schemas are named `Name`, `Name[]`, `inline`, or null (none). */
export interface OperationFact {
  readonly method: string;
  readonly path: string;
  /** The reference's operationId (Hyperswitch uses titles such as "Create a Payment"). */
  readonly operationId: string;
  readonly tag: string;
  readonly request?: Readonly<Record<string, string | null>>;
  readonly responses: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  readonly examples: readonly ExampleFact[];
  /** Enum-like reference schemas reachable from the operation's parameters and bodies. */
  readonly enums: readonly string[];
}

/**
 * An enum-like reference schema: a plain `enum`; a union of string values and `otherVariants`
 * non-string branches; or a union of objects tagged by the `discriminator` property.
 */
export interface EnumFact {
  readonly values: readonly unknown[];
  readonly otherVariants?: number;
  readonly discriminator?: string;
}

export interface Facts {
  readonly provenance: {
    readonly release: string;
    readonly repository: string;
    readonly upstream: string;
    readonly commit: string;
    readonly path: string;
    readonly sha256: string;
    readonly readmeSha256?: string;
    readonly bytes: number;
    readonly openapi: string;
    readonly scope: string;
    readonly validator: string;
  };
  readonly operations: readonly OperationFact[];
  readonly enums: Readonly<Record<string, EnumFact>>;
  /** Every component schema name of the reference (what `x-payspec-reference` may name). */
  readonly schemas: readonly string[];
}

export interface KnownGaps {
  readonly $comment?: readonly string[];
  /** `METHOD /path` as the reference writes it. */
  readonly operations: readonly string[];
  /** Example id (see `exampleId`) → one-line reason. */
  readonly examples: Readonly<Record<string, string>>;
  /** Reference enum schema names. */
  readonly enums: readonly string[];
}

/** Our parsed OpenAPI document, as far as the check reads it. */
export interface SpecDocument {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Record<string, unknown>>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface Inputs {
  readonly facts: Facts;
  readonly spec: SpecDocument;
  readonly gaps: KnownGaps;
}

export interface OperationRow {
  readonly key: string;
  readonly tag: string;
  readonly present: boolean;
  readonly ourOperationId: string | undefined;
  readonly examples: {
    readonly total: number;
    readonly passed: number;
    readonly failed: readonly { readonly id: string; readonly errors: readonly string[] }[];
    readonly rejectedByReference: number;
    readonly rejectedByReferenceOursAccepts: number;
    readonly unchecked: number;
  };
  readonly enums: { readonly reachable: number; readonly mirrored: number; readonly differing: number };
}

export interface MirrorResult {
  /** Where in our spec `x-payspec-reference` is declared (JSON pointer). */
  readonly pointer: string;
  readonly name: unknown;
  readonly status?: "equal" | "differs" | "not an enum" | "open (no enum of ours)";
  readonly reached?: boolean;
  readonly problem?: string;
}

export interface Report {
  readonly provenance: Facts["provenance"];
  readonly rows: readonly OperationRow[];
  /** Our operations outside the reference's scope (`METHOD /path`). */
  readonly extra: readonly string[];
  readonly mirrors: readonly MirrorResult[];
  /** Enum-like reference schemas reached from operations our spec has. */
  readonly reached: readonly string[];
  /** The gaps as they are now: what known-gaps.json should list. */
  readonly current: {
    readonly operations: readonly string[];
    readonly examples: ReadonlyMap<string, readonly string[]>;
    readonly enums: ReadonlyMap<string, readonly string[]>;
  };
  /** Each a complete sentence saying which entry to add or remove (or which mirror differs). */
  readonly problems: {
    readonly operations: readonly string[];
    readonly examples: readonly string[];
    readonly enums: readonly string[];
    readonly mirrors: readonly string[];
  };
}

export declare const referenceFiles: { readonly facts: string; readonly gaps: string; readonly spec: string };
export declare function readInputs(files?: {
  readonly facts: string;
  readonly gaps: string;
  readonly spec: string;
}): Inputs;
export declare function exampleId(operation: OperationFact, example: ExampleFact): string;
export declare function checkConformance(inputs: Inputs): Report;
export declare function formatProblems(report: Report): string;
export declare function formatTable(report: Report): string;
export declare function gapsFileFrom(report: Report, previous?: Partial<KnownGaps>): KnownGaps;
export declare function oneLineReason(errors: readonly string[]): string;
export declare function describeErrors(errors: readonly object[]): string[];
export declare function stringifyJson(value: unknown): string;
export declare function deref(document: unknown, node: unknown, pointer?: string): { node: unknown; pointer: string };
export declare function pointerSegment(segment: string): string;
export declare function pointerOf(...segments: string[]): string;
