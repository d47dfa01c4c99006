import type { OperationRoute } from '../generated/operations.js';

/** What a route states beyond its operationId, method and path. */
export type RouteFacts = Partial<Omit<OperationRoute, 'operationId' | 'method' | 'path'>>;

/**
 * One route of the generated operation-routes.ts. The common case is filled in, so each generated line states only
 * what differs from it: a Public API call that needs a token, takes no body, idempotency key or cursor, and is safe
 * to repeat exactly when its HTTP method is (GET, PUT, DELETE). The generator derives those lines from this very
 * function, so the two cannot disagree.
 */
export function route(
  operationId: string,
  method: OperationRoute['method'],
  path: string,
  facts: RouteFacts = {},
): OperationRoute {
  return {
    operationId,
    api: 'public',
    method,
    path,
    tokenless: false,
    idempotent: method === 'GET' || method === 'PUT' || method === 'DELETE',
    idempotencyKey: null,
    pagination: null,
    body: null,
    ...facts,
  };
}
