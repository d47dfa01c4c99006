// Builds the table of operations (one row per operation) from an OpenAPI document and its x-opentrain-* extensions.
import {
  type HttpMethod,
  isObject,
  type Json,
  jsonMediaType,
  listOperations,
  type OperationRef,
  operationParameters,
  resolveRef,
} from './openapi.js';
import type { OperationInfo } from './operation-info.js';

export type { OperationInfo };
export type ApiName = OperationInfo['api'];
export type OperationMethod = OperationInfo['method'];

const SUPPORTED_METHODS: Partial<Record<HttpMethod, OperationMethod>> = {
  get: 'GET',
  post: 'POST',
  patch: 'PATCH',
  put: 'PUT',
  delete: 'DELETE',
};

/** Methods that are safe to repeat by HTTP semantics; used when an operation does not say. */
const IDEMPOTENT_BY_DEFAULT = new Set<OperationMethod>(['GET', 'PUT', 'DELETE']);

const API_ORDER: readonly ApiName[] = ['public', 'partner'];
const METHOD_ORDER: readonly OperationMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

class ExtensionError extends Error {}

function where(ref: OperationRef): string {
  return `${ref.method.toUpperCase()} ${ref.path}`;
}

function optionalString(ref: OperationRef, key: string): string | null {
  const value = ref.operation[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '') {
    throw new ExtensionError(`${where(ref)}: ${key} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function optionalBoolean(ref: OperationRef, key: string): boolean | null {
  const value = ref.operation[key];
  if (value === undefined) return null;
  if (typeof value !== 'boolean') {
    throw new ExtensionError(`${where(ref)}: ${key} must be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

function optionalStringList(ref: OperationRef, key: string): string[] | null {
  const value = ref.operation[key];
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw new ExtensionError(`${where(ref)}: ${key} must be a list of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}

function idempotencyKeyOf(ref: OperationRef): OperationInfo['idempotencyKey'] {
  const value = ref.operation['x-opentrain-idempotency-key'];
  if (value === undefined) return null;
  if (!isObject(value) || (value.in !== 'body' && value.in !== 'header') || typeof value.name !== 'string') {
    throw new ExtensionError(
      `${where(ref)}: x-opentrain-idempotency-key must be {in: body|header, name: string}, got ${JSON.stringify(value)}`,
    );
  }
  return { in: value.in, name: value.name };
}

function paginationOf(ref: OperationRef): OperationInfo['pagination'] {
  const value = ref.operation['x-opentrain-pagination'];
  if (value === undefined) return null;
  const fields = ['items', 'cursorParam', 'nextCursor'] as const;
  if (!isObject(value) || !fields.every((field) => typeof value[field] === 'string')) {
    throw new ExtensionError(
      `${where(ref)}: x-opentrain-pagination must have string items, cursorParam and nextCursor, got ${JSON.stringify(value)}`,
    );
  }
  for (const optional of ['hasMore', 'alternateItems'] as const) {
    if (value[optional] !== undefined && typeof value[optional] !== 'string') {
      throw new ExtensionError(`${where(ref)}: x-opentrain-pagination.${optional} must be a string`);
    }
  }
  const pagination: NonNullable<OperationInfo['pagination']> = {
    items: value.items as string,
    cursorParam: value.cursorParam as string,
    nextCursor: value.nextCursor as string,
  };
  if (typeof value.hasMore === 'string') pagination.hasMore = value.hasMore;
  if (typeof value.alternateItems === 'string') pagination.alternateItems = value.alternateItems;
  return pagination;
}

/** An operation needs no token when its effective security is empty or lists an empty requirement (`{}`). */
function isTokenless(doc: Json, ref: OperationRef): boolean {
  const security = ref.operation.security ?? doc.security;
  if (!Array.isArray(security) || security.length === 0) return true;
  return security.some((requirement) => isObject(requirement) && Object.keys(requirement).length === 0);
}

function bodyOf(doc: Json, ref: OperationRef): OperationInfo['body'] {
  if (ref.operation.requestBody === undefined) return null;
  const body = resolveRef(doc, ref.operation.requestBody);
  if (!isObject(body) || !isObject(body.content) || Object.keys(body.content).length === 0) {
    throw new ExtensionError(`${where(ref)}: requestBody has no content`);
  }
  const contentType = jsonMediaType(body.content) ?? Object.keys(body.content)[0];
  return { contentType: contentType as string, required: body.required === true };
}

function successStatusesOf(ref: OperationRef): number[] {
  const responses = isObject(ref.operation.responses) ? Object.keys(ref.operation.responses) : [];
  return responses
    .filter((status) => /^2\d\d$/.test(status))
    .map(Number)
    .sort((a, b) => a - b);
}

function pathParamsOf(ref: OperationRef, declared: string[]): string[] {
  const inTemplate = [...ref.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  for (const name of inTemplate) {
    if (!declared.includes(name)) {
      throw new ExtensionError(`${where(ref)}: path parameter "${name}" is in the path but not declared`);
    }
  }
  for (const name of declared) {
    if (!inTemplate.includes(name)) {
      throw new ExtensionError(`${where(ref)}: path parameter "${name}" is declared but not in the path`);
    }
  }
  return inTemplate;
}

function rowOf(doc: Json, api: ApiName, ref: OperationRef): OperationInfo | null {
  const method = SUPPORTED_METHODS[ref.method];
  if (!method) return null;
  const operationId = ref.operation.operationId;
  if (typeof operationId !== 'string' || operationId === '') {
    throw new ExtensionError(`${where(ref)}: operationId is missing`);
  }
  const sdk = optionalString(ref, 'x-opentrain-sdk');
  if (!sdk || !/^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/.test(sdk)) {
    throw new ExtensionError(
      `${where(ref)} (${operationId}): x-opentrain-sdk must be "<namespace>.<method>", got ${JSON.stringify(sdk)}`,
    );
  }
  const parameters = operationParameters(doc, ref);
  const query = parameters.filter((p) => p.in === 'query');
  return {
    operationId,
    api,
    method,
    path: ref.path,
    summary: typeof ref.operation.summary === 'string' ? ref.operation.summary : '',
    description: typeof ref.operation.description === 'string' ? ref.operation.description.trim() : '',
    sdk,
    tokenless: isTokenless(doc, ref),
    scopes: optionalStringList(ref, 'x-opentrain-scope') ?? [],
    scopesAnyOf: optionalStringList(ref, 'x-opentrain-scope-any-of'),
    feature: optionalString(ref, 'x-opentrain-feature'),
    claimRequired: optionalBoolean(ref, 'x-opentrain-claim-required') ?? false,
    idempotent: optionalBoolean(ref, 'x-opentrain-idempotent') ?? IDEMPOTENT_BY_DEFAULT.has(method),
    idempotencyKey: idempotencyKeyOf(ref),
    pagination: paginationOf(ref),
    approval: optionalString(ref, 'x-opentrain-approval'),
    mcpTool: optionalString(ref, 'x-opentrain-mcp-tool'),
    cli: optionalString(ref, 'x-opentrain-cli'),
    pathParams: pathParamsOf(
      ref,
      parameters.filter((p) => p.in === 'path').map((p) => p.name),
    ),
    queryParams: query.map((p) => p.name),
    requiredQueryParams: query.filter((p) => p.required).map((p) => p.name),
    body: bodyOf(doc, ref),
    successStatuses: successStatusesOf(ref),
    inferred: optionalBoolean(ref, 'x-opentrain-inferred') ?? false,
  };
}

function compareRows(a: OperationInfo, b: OperationInfo): number {
  return (
    API_ORDER.indexOf(a.api) - API_ORDER.indexOf(b.api) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method)
  );
}

function assertUnique(rows: OperationInfo[], label: string, keyOf: (row: OperationInfo) => string | null): void {
  const seen = new Map<string, OperationInfo>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const previous = seen.get(key);
    if (previous) {
      throw new ExtensionError(`${label} "${key}" is used by both ${previous.operationId} and ${row.operationId}`);
    }
    seen.set(key, row);
  }
}

/** Rows for one document, sorted by path then method. */
export function buildOperationTable(doc: Json, api: ApiName): OperationInfo[] {
  const rows = listOperations(doc)
    .map((ref) => rowOf(doc, api, ref))
    .filter((row): row is OperationInfo => row !== null);
  return rows.sort(compareRows);
}

/** Rows of several documents joined, checking that the names other packages key on are unique. */
export function joinOperationTables(tables: OperationInfo[][]): OperationInfo[] {
  const rows = tables.flat().sort(compareRows);
  assertUnique(rows, 'operationId', (row) => row.operationId);
  assertUnique(rows, 'x-opentrain-sdk', (row) => `${row.api}:${row.sdk}`);
  assertUnique(rows, 'x-opentrain-mcp-tool', (row) => row.mcpTool);
  assertUnique(rows, 'x-opentrain-cli', (row) => row.cli);
  return rows;
}
