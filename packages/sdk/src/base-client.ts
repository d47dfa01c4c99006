import type { APIPromise } from './core/api-promise.js';
import type { OperationParams, OperationRow } from './core/operation.js';
import type { Paginator } from './core/pagination.js';
import { createTransport, type RequestOptions, type Transport, type TransportOptions } from './core/transport.js';
import type { SchemaTable } from './core/validation.js';

export type ClientOptions = TransportOptions;

// A dynamic import, so the zod schemas become a chunk of their own that loads on the first request, and an app that
// turns validation off never loads them.
const loadOperationSchemas = async (): Promise<SchemaTable> =>
  (await import('./generated/operation-schemas.js')).operationSchemas;

/**
 * What both clients share: one transport (auth, retries, timeouts, logging, fetch, validation) and the generic calls
 * that take any operation row. The typed namespaces (`jobs`, `proposals`, ...) are added on top by the generated
 * client bases.
 */
export abstract class BaseClient {
  readonly transport: Transport;

  protected constructor(api: 'public' | 'partner', options: ClientOptions) {
    this.transport = createTransport({ ...options, schemas: options.schemas ?? loadOperationSchemas, api });
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  /** Calls any operation row, e.g. one from the generated `operations` table. */
  request<T = unknown>(operation: OperationRow, params?: OperationParams, options?: RequestOptions): APIPromise<T> {
    return this.transport.request<T>(operation, params, options);
  }

  /** Calls a cursor-paginated operation row and walks its pages on demand. */
  paginate<Item = unknown, Body = unknown>(
    operation: OperationRow,
    params?: OperationParams,
    options?: RequestOptions,
  ): Paginator<Item, Body> {
    return this.transport.paginate<Item, Body>(operation, params, options);
  }
}
