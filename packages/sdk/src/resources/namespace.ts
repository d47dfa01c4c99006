import type { OperationParams, OperationRow } from '../core/operation.js';
import { pathParamNames } from '../core/request-parts.js';
import type { RequestOptions, Transport } from '../core/transport.js';

/**
 * What a method takes after its path parameters (one string each, in path order), before its request options:
 * nothing, the body, the query, or the body with the query carried in the options (`{ query, ...options }`).
 */
export type CallShape = 'none' | 'body' | 'query' | 'body+query';

/** namespace → method → the route it calls and how its arguments map onto that call. */
export type NamespaceTable = Readonly<
  Record<string, Readonly<Record<string, readonly [route: OperationRow, shape?: CallShape]>>>
>;

type Method = (...args: unknown[]) => unknown;

function createMethod(transport: Transport, route: OperationRow, shape: CallShape = 'none'): Method {
  const pathNames = pathParamNames(route.path);
  return (...args) => {
    const params: { path?: Record<string, string>; body?: unknown; query?: Record<string, unknown> } = {};
    if (pathNames.length > 0) {
      params.path = Object.fromEntries(pathNames.map((name, index) => [name, args[index] as string]));
    }
    let [first, options] = args.slice(pathNames.length) as [unknown, RequestOptions | undefined];
    if (shape === 'none') options = first as RequestOptions | undefined;
    else if (shape === 'query') params.query = first as Record<string, unknown> | undefined;
    else {
      params.body = first;
      if (shape === 'body+query') {
        const { query, ...rest } = (options ?? {}) as RequestOptions & { query?: Record<string, unknown> };
        params.query = query;
        options = rest;
      }
    }
    return route.pagination
      ? transport.paginate(route, params as OperationParams, options)
      : transport.request(route, params as OperationParams, options);
  };
}

/** Builds every namespace of a table as a plain object of methods that call through `transport`. */
export function createNamespaces(transport: Transport, table: NamespaceTable): Record<string, Record<string, Method>> {
  const build = (methods: NamespaceTable[string]) =>
    Object.fromEntries(
      Object.entries(methods).map(([method, [route, shape]]) => [method, createMethod(transport, route, shape)]),
    );
  return Object.fromEntries(Object.entries(table).map(([name, methods]) => [name, build(methods)]));
}
