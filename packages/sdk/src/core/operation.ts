/**
 * One operation as the transport needs it: a route of `src/generated/operation-routes.ts` (what the namespaces
 * send), or a full row of the operation table `operationsById` (`@opentrain-ai/sdk/schemas`). The transport reads
 * only the fields below, so a hand-written row (tests, or an endpoint the spec does not cover yet) works the same
 * way as a generated one.
 */
export interface OperationRow {
  readonly operationId: string;
  /** Which document the operation comes from; a client refuses rows of the other API. */
  readonly api?: 'public' | 'partner';
  readonly method: string;
  /** The full path template, e.g. `/api/public/v1/jobs/{jobId}`. */
  readonly path: string;
  readonly sdk?: string;
  /** Tokenless operations never send an Authorization header. */
  readonly tokenless: boolean;
  readonly scopes?: readonly string[];
  readonly feature?: string | null;
  readonly claimRequired?: boolean;
  /** Repeating the identical request is safe, so the transport may retry it after it reached the server. */
  readonly idempotent: boolean;
  readonly idempotencyKey: IdempotencyKeyLocation | null;
  readonly pagination: PaginationRule | null;
  /** The approval type when the operation may answer 202 with a pending approval. */
  readonly approval?: string | null;
  readonly body?: { readonly contentType: string; readonly required: boolean } | null;
  readonly successStatuses?: readonly number[];
}

export interface IdempotencyKeyLocation {
  readonly in: 'body' | 'header';
  readonly name: string;
}

export interface PaginationRule {
  /** The response field holding the page's items (`jobs`, `proposals`, `events`, ...). */
  readonly items: string;
  /** The query parameter that takes the next cursor. */
  readonly cursorParam: string;
  /** The response field holding the next cursor; `null` or absent ends the list. */
  readonly nextCursor: string;
  /** A response boolean that says whether more pages exist (only the updates feed has one). */
  readonly hasMore?: string;
  /**
   * The list field of pages that carry no `items` field: one operation may answer with either of two lists (the
   * messages endpoint lists conversations, or one conversation's messages).
   */
  readonly alternateItems?: string;
}

/** What one call of an operation sends: path parameters, query parameters and the body. */
export interface OperationParams {
  readonly path?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}
