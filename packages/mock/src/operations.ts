import { getHttpOperationsFromSpec } from "@stoplight/prism-http";

/** A documented response of an operation, with the names of its examples per media type. */
export interface DocumentedResponse {
  readonly status: string;
  readonly examples: readonly { readonly mediaType: string; readonly name: string }[];
}

/** An operation as the spec declares it. */
export interface DocumentedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly responses: readonly DocumentedResponse[];
  /** Whether a call needs credentials: false when the spec allows an anonymous call (`security: []` or `{}`). */
  readonly secured: boolean;
}

/**
 * Every operation of a spec as Prism reads it, so tests can assert they cover the spec itself
 * rather than a hand-kept list that drifts.
 */
export async function describeOperations(spec: string): Promise<DocumentedOperation[]> {
  const operations = await getHttpOperationsFromSpec(spec);
  return operations.map((operation) => ({
    operationId: operation.iid ?? `${operation.method} ${operation.path}`,
    method: operation.method.toUpperCase(),
    path: operation.path,
    responses: operation.responses.map((response) => ({
      status: response.code,
      examples: (response.contents ?? []).flatMap((content) =>
        (content.examples ?? []).map((example) => ({ mediaType: content.mediaType, name: example.key })),
      ),
    })),
    secured:
      (operation.security ?? []).length > 0 && operation.security?.every((schemes) => schemes.length > 0) === true,
  }));
}
