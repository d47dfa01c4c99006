// The row types of the operation tables. scripts/generate copies the declarations below, comments and all, into the
// SDK's generated operations.ts, so the generator and the SDK share this one definition.

/** One row per operation of the Public API and the Platform API, from the spec and its x-opentrain-* extensions. */
export interface OperationInfo {
  operationId: string;
  api: 'public' | 'partner';
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The full path, e.g. `/api/public/v1/jobs/{jobId}`. */
  path: string;
  summary: string;
  /** The operation's description: what it does, its gates and its pitfalls, as the reference states them. */
  description: string;
  /** x-opentrain-sdk: the resource method, e.g. `jobs.listMine`. */
  sdk: string;
  /** The operation needs no token (`security: []`). */
  tokenless: boolean;
  /** x-opentrain-scope: every scope the token must hold; empty means any valid token (or none when tokenless). */
  scopes: readonly string[];
  /** x-opentrain-scope-any-of: the token must hold at least one of these. */
  scopesAnyOf: readonly string[] | null;
  /** x-opentrain-feature: the feature flag that gates the operation. */
  feature: string | null;
  /** x-opentrain-claim-required: a human must have claimed the agent account. */
  claimRequired: boolean;
  /** x-opentrain-idempotent: repeating the identical request is safe. */
  idempotent: boolean;
  /** x-opentrain-idempotency-key: where the caller's idempotency key goes. */
  idempotencyKey: { in: 'body' | 'header'; name: string } | null;
  /** x-opentrain-pagination: the list field and cursor names of a cursor-paginated list. */
  pagination: {
    items: string;
    cursorParam: string;
    nextCursor: string;
    hasMore?: string;
    alternateItems?: string;
  } | null;
  /** x-opentrain-approval: the approval type of a call answered with 202 and a pending approval. */
  approval: string | null;
  /** x-opentrain-mcp-tool */
  mcpTool: string | null;
  /** x-opentrain-cli: the command words, e.g. `jobs draft create`. */
  cli: string | null;
  /** Path parameter names in the order they appear in the path. */
  pathParams: readonly string[];
  queryParams: readonly string[];
  requiredQueryParams: readonly string[];
  body: { contentType: string; required: boolean } | null;
  /** Documented 2xx statuses, ascending. */
  successStatuses: readonly number[];
  /** x-opentrain-inferred on the operation: its shape is a reasoned guess where the docs are silent. */
  inferred: boolean;
}

/**
 * The fields the SDK's transport and typed namespaces read. The generated operation-routes.ts holds only these, so
 * the client ships without the summaries, scopes and CLI/MCP names that tools read from the full table.
 */
export const ROUTE_FIELDS = [
  'operationId',
  'api',
  'method',
  'path',
  'tokenless',
  'idempotent',
  'idempotencyKey',
  'pagination',
  'body',
] as const satisfies readonly (keyof OperationInfo)[];

/** One row of the lean table in operation-routes.ts: the part of `OperationInfo` a request needs. */
export type OperationRoute = Pick<OperationInfo, (typeof ROUTE_FIELDS)[number]>;
