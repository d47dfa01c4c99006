import type { APIPromise } from './core/api-promise.js';
import type { OperationParams, OperationRow } from './core/operation.js';
import type { Paginator } from './core/pagination.js';
import { createTransport, type RequestOptions, type Transport, type TransportOptions } from './core/transport.js';

export type ClientOptions = TransportOptions;

/** What both clients share: one transport (auth, retries, timeouts, logging, fetch) and the generic calls. */
abstract class BaseClient {
  readonly transport: Transport;

  protected constructor(api: 'public' | 'partner', options: ClientOptions) {
    this.transport = createTransport({ ...options, api });
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

/**
 * The Public API client (`ot_pat_…` tokens). Without `apiKey` it reads `OPENTRAIN_API_TOKEN`, then `OT_API_TOKEN`;
 * tokenless operations (marketplace search, agent registration) need neither.
 */
export class OpenTrain extends BaseClient {
  constructor(options: ClientOptions = {}) {
    super('public', options);
  }
}

/** The Platform API client for annotation platforms (`ot_ptk_…` tokens; env `OPENTRAIN_PARTNER_TOKEN`). */
export class OpenTrainPartner extends BaseClient {
  constructor(options: ClientOptions = {}) {
    super('partner', options);
  }
}
