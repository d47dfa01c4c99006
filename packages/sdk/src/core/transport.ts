import createClient, { type Middleware } from 'openapi-fetch';
import { APIPromise, type WithResponse } from './api-promise.js';
import { PARTNER_TOKEN_ENV, PUBLIC_TOKEN_ENV, readFirstEnv } from './env.js';
import {
  type APIError,
  ConnectionError,
  MissingTokenError,
  OpenTrainError,
  RequestAbortedError,
  TimeoutError,
} from './errors.js';
import { createLogger, type Logger, type LogLevel, resolveLogLevel } from './logger.js';
import type { OperationParams, OperationRow } from './operation.js';
import { Paginator } from './pagination.js';
import { applyIdempotencyKey, describeCause, fillPath, resolveBaseUrl } from './request-parts.js';
import { errorFromResponse, readSuccessBody, requestIdFromHeaders } from './response-body.js';
import {
  backoffDelay,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  isRetryableStatus,
  isSafeToRepeat,
  neverReachedServer,
  parseRetryAfter,
} from './retry.js';
import { AttemptSignal, type Now, raceAbort, type Sleep, systemSleep } from './timing.js';
import {
  type OperationSchemas,
  type SchemaSource,
  type SchemaTable,
  validateRequest,
  validateResponse,
} from './validation.js';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 300_000;

export type FetchFunction = (request: Request) => Promise<Response>;

export interface TransportOptions {
  /** Bearer token. Default: `OPENTRAIN_API_TOKEN`, then `OT_API_TOKEN` (read at request time). `null`: send none. */
  apiKey?: string | null;
  /** Default: `OPENTRAIN_API_BASE_URL`, then `OT_API_BASE_URL`, then https://app.opentrain.ai. */
  baseUrl?: string;
  /** A fetch to use instead of `globalThis.fetch` (proxies, tests, instrumentation). */
  fetch?: FetchFunction;
  /** Retries after a failed attempt (default 2). */
  maxRetries?: number;
  /** Limit for one attempt, in ms (default 60 s). */
  timeoutMs?: number;
  /** Limit for the whole call, retries and waits included, in ms (default 5 min). */
  totalTimeoutMs?: number;
  /** The longest `Retry-After` the transport waits out by itself (default 60 s); longer ones go to the caller. */
  maxRetryAfterMs?: number;
  /** Receives one line per attempt; default: the console. */
  logger?: Logger;
  /** Default: `OPENTRAIN_LOG`, else `warn`. */
  logLevel?: LogLevel;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** openapi-fetch middleware (`onRequest`, `onResponse`, `onError`); it runs on every attempt, retries included. */
  middleware?: Middleware[];
  /**
   * Schemas by operationId, or a function that loads them on first use. The clients default to the generated zod
   * schemas, loaded lazily.
   */
  schemas?: SchemaSource;
  /** Check path parameters, query and body against `schemas` before sending (default true). */
  validateRequests?: boolean;
  /** Check success bodies against `schemas` too (default false). */
  validateResponses?: boolean;
  /** Injected waiting and clock, so tests never wait in real time. */
  sleep?: Sleep;
  now?: Now;
}

export interface RequestOptions {
  /** Aborts the call, including a retry wait; the call then rejects with `RequestAbortedError`. */
  signal?: AbortSignal;
  timeoutMs?: number;
  totalTimeoutMs?: number;
  maxRetries?: number;
  /** For operations that take an idempotency key; one is generated when absent and reused on every retry. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  validateResponse?: boolean;
}

/** The single request path every operation goes through. */
export interface Transport {
  readonly api: 'public' | 'partner';
  readonly baseUrl: string;
  readonly sleep: Sleep;
  readonly now: Now;
  request<T = unknown>(operation: OperationRow, params?: OperationParams, options?: RequestOptions): APIPromise<T>;
  paginate<Item = unknown, Body = unknown>(
    operation: OperationRow,
    params?: OperationParams,
    options?: RequestOptions,
  ): Paginator<Item, Body>;
}

// openapi-fetch's types are keyed by path literals; this transport is driven by operation rows instead, so it uses
// the untyped shape of the same client.
interface RawResult {
  error?: unknown;
  response: Response;
}
interface RawClient {
  request(method: string, path: string, init: Record<string, unknown>): Promise<RawResult>;
  use(...middleware: Middleware[]): void;
}

/** What openapi-fetch is given on every attempt of one call; the body is sent unchanged on each retry. */
interface CallInit {
  params: Pick<OperationParams, 'path' | 'query'>;
  body: unknown;
  headers: Record<string, string>;
}

interface AttemptLog {
  method: string;
  path: string;
  /** The HTTP status, or the error name when no response came. */
  status: number | string;
  durationMs: number;
  attempt: number;
  requestId: string | undefined;
  retryInMs?: number | undefined;
}

type AttemptOutcome =
  | { kind: 'success'; result: WithResponse<unknown> }
  | { kind: 'http-error'; error: APIError; response: Response }
  | { kind: 'network-error'; error: ConnectionError; maybeSent: boolean };

export function createTransport(options: TransportOptions & { api?: 'public' | 'partner' } = {}): Transport {
  return new FetchTransport(options);
}

class FetchTransport implements Transport {
  readonly api: 'public' | 'partner';
  readonly baseUrl: string;
  readonly sleep: Sleep;
  readonly now: Now;
  readonly #options: TransportOptions;
  readonly #logger: Logger;
  readonly #raw: RawClient;
  /**
   * The response each attempt got (after all middleware), keyed by that attempt's `params` object, which openapi-fetch
   * hands to middleware as is. It outlives a body cut off while openapi-fetch reads an error body, so that failure can
   * still be reported with the status the server answered.
   */
  readonly #answered = new WeakMap<object, Response>();
  #schemaTable: Promise<SchemaTable> | undefined;

  constructor(options: TransportOptions & { api?: 'public' | 'partner' }) {
    this.api = options.api ?? 'public';
    this.baseUrl = resolveBaseUrl(options.baseUrl);
    this.sleep = options.sleep ?? systemSleep;
    this.now = options.now ?? (() => Date.now());
    this.#options = options;
    this.#logger = createLogger(resolveLogLevel(options.logLevel), options.logger);
    this.#raw = createClient({
      baseUrl: this.baseUrl,
      // Looked up per call so a fetch patched after construction (msw, instrumentation) is used.
      fetch: (request: Request) => (options.fetch ?? globalThis.fetch)(request),
    }) as unknown as RawClient;
    // Registered first, so its onResponse runs last and sees the response the caller's middleware settled on.
    const recordAnswer: Middleware = {
      onResponse: ({ params, response }) => {
        this.#answered.set(params, response);
      },
    };
    this.#raw.use(recordAnswer, ...(options.middleware ?? []));
  }

  request<T = unknown>(
    operation: OperationRow,
    params: OperationParams = {},
    options: RequestOptions = {},
  ): APIPromise<T> {
    return new APIPromise(this.#send(operation, params, options) as Promise<WithResponse<T>>);
  }

  paginate<Item = unknown, Body = unknown>(
    operation: OperationRow,
    params: OperationParams = {},
    options: RequestOptions = {},
  ): Paginator<Item, Body> {
    const cursorParam = operation.pagination?.cursorParam ?? 'cursor';
    const start = params.query?.[cursorParam];
    return new Paginator<Item, Body>(
      operation,
      (cursor) =>
        this.request<Body>(operation, { ...params, query: { ...params.query, [cursorParam]: cursor } }, options),
      typeof start === 'string' ? start : undefined,
    );
  }

  async #send(
    operation: OperationRow,
    params: OperationParams,
    options: RequestOptions,
  ): Promise<WithResponse<unknown>> {
    if (operation.api && operation.api !== this.api) {
      throw new OpenTrainError(
        `${operation.operationId} belongs to the ${operation.api} API; call it through the ${operation.api === 'partner' ? 'OpenTrainPartner' : 'OpenTrain'} client`,
      );
    }
    const checkRequest = this.#options.validateRequests !== false;
    const checkResponse = options.validateResponse ?? this.#options.validateResponses ?? false;
    const schemas = checkRequest || checkResponse ? await this.#schemasFor(operation) : undefined;
    await validateRequest(operation, params, checkRequest ? schemas : undefined);

    const method = operation.method.toUpperCase();
    const path = fillPath(operation.path, params.path);
    const label = `${method} ${path}`;
    const headers = this.#headers(operation, options, label);
    // An operation whose body is optional still gets a well-formed one ({}), never an empty JSON request.
    const givenBody = params.body ?? (operation.body ? {} : undefined);
    const body = applyIdempotencyKey(operation, givenBody, options.idempotencyKey, headers);
    const init: CallInit = { params: { path: params.path, query: params.query }, body, headers };

    const maxRetries = options.maxRetries ?? this.#options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = this.now() + (options.totalTimeoutMs ?? this.#options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);

    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) throw new RequestAbortedError(undefined, { cause: options.signal.reason });
      const started = this.now();
      const attemptTimeout = Math.min(timeoutMs, Math.max(0, deadline - started));
      const outcome = await this.#attempt(operation, method, label, init, options.signal, attemptTimeout);
      const durationMs = this.now() - started;

      if (outcome.kind === 'success') {
        const { status } = outcome.result.response;
        this.#log('info', { method, path, status, durationMs, attempt, requestId: outcome.result.requestId });
        if (checkResponse) {
          const { response, requestId, data } = outcome.result;
          await validateResponse(operation, response.status, requestId, data, schemas);
        }
        return outcome.result;
      }

      const delay = attempt > maxRetries ? undefined : this.#retryDelay(operation, outcome, attempt, deadline);
      const status = outcome.kind === 'http-error' ? outcome.response.status : outcome.error.name;
      const { requestId } = outcome.error;
      const fields = { method, path, status, durationMs, attempt, requestId, retryInMs: delay };
      this.#log(delay === undefined ? 'info' : 'warn', fields);
      if (delay === undefined) throw outcome.error;
      await this.sleep(delay, options.signal);
    }
  }

  async #schemasFor(operation: OperationRow): Promise<OperationSchemas | undefined> {
    const source = this.#options.schemas;
    if (typeof source !== 'function') return source?.[operation.operationId];
    this.#schemaTable ??= source().catch((cause: unknown) => {
      // Not cached, so a later call tries again (and reports the same clear error if it fails again).
      this.#schemaTable = undefined;
      throw new OpenTrainError(
        `Could not load the request schemas (${describeCause(cause)}). Request validation needs zod ^4 installed ` +
          'next to @opentrain-ai/sdk; install it, or pass validateRequests: false to the client.',
        { cause },
      );
    });
    return (await this.#schemaTable)[operation.operationId];
  }

  async #attempt(
    operation: OperationRow,
    method: string,
    label: string,
    init: CallInit,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const attemptSignal = new AttemptSignal(callerSignal, timeoutMs);
    // A fresh object per attempt: the key under which the response of this attempt is recorded.
    const params = { ...init.params };
    try {
      // `stream` keeps openapi-fetch from parsing success bodies, so a malformed one is reported clearly below.
      const { signal } = attemptSignal;
      const { response, error } = await raceAbort(
        this.#raw.request(method, operation.path, { ...init, params, signal, parseAs: 'stream' }),
        signal,
      );
      if (!response.ok) {
        const context = { request: label, oauth: operation.path.startsWith('/api/agent/'), nowMs: this.now() };
        return { kind: 'http-error', error: errorFromResponse(response, error, context), response };
      }
      const data = await raceAbort(readSuccessBody(response, label), signal);
      return { kind: 'success', result: { data, response, requestId: requestIdFromHeaders(response.headers) } };
    } catch (cause) {
      if (attemptSignal.abortedByCaller) throw new RequestAbortedError(undefined, { cause });
      if (attemptSignal.timedOut) {
        const error = new TimeoutError(`${label} timed out after ${timeoutMs} ms`, { cause });
        return { kind: 'network-error', error, maybeSent: true };
      }
      if (cause instanceof OpenTrainError) throw cause;
      const response = this.#answered.get(params);
      if (response) {
        // The server answered, so the request did reach it; only the body was lost.
        const { status } = response;
        const requestId = requestIdFromHeaders(response.headers);
        const error = new ConnectionError(
          `${label} failed: the server answered ${status}, then the connection was cut off mid-body (${describeCause(cause)}${requestId ? `, request id ${requestId}` : ''})`,
          { cause, status, requestId },
        );
        return { kind: 'network-error', error, maybeSent: true };
      }
      const notSent = neverReachedServer(cause);
      const error = new ConnectionError(
        `${label} failed: ${notSent ? 'could not connect to' : 'lost the connection to'} ${this.baseUrl} (${describeCause(cause)})`,
        { cause },
      );
      return { kind: 'network-error', error, maybeSent: !notSent };
    } finally {
      attemptSignal.dispose();
    }
  }

  /** Milliseconds to wait before the next attempt, or `undefined` when this failure must not be retried. */
  #retryDelay(
    operation: OperationRow,
    outcome: Exclude<AttemptOutcome, { kind: 'success' }>,
    attempt: number,
    deadline: number,
  ): number | undefined {
    if (outcome.kind === 'http-error') {
      if (!isRetryableStatus(outcome.response.status) || !isSafeToRepeat(operation)) return undefined;
    } else if (outcome.maybeSent && !isSafeToRepeat(operation)) {
      return undefined;
    }
    const retryAfter =
      outcome.kind === 'http-error'
        ? parseRetryAfter(outcome.response.headers.get('retry-after'), this.now())
        : undefined;
    if (retryAfter !== undefined && retryAfter > (this.#options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS)) {
      return undefined;
    }
    const delay = retryAfter ?? backoffDelay(attempt - 1);
    // The total budget: a wait that would end past the deadline is not started.
    return this.now() + delay > deadline ? undefined : delay;
  }

  #headers(operation: OperationRow, options: RequestOptions, label: string): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.#options.headers };
    if (operation.body) headers['Content-Type'] = operation.body.contentType;
    if (!operation.tokenless) {
      const token = this.#token();
      if (!token) {
        const variables = (this.api === 'partner' ? PARTNER_TOKEN_ENV : PUBLIC_TOKEN_ENV).join(' or ');
        throw new MissingTokenError(`${label} needs an API token: pass apiKey to the client, or set ${variables}`);
      }
      headers.Authorization = `Bearer ${token}`;
    }
    return { ...headers, ...options.headers };
  }

  #token(): string | undefined {
    const { apiKey } = this.#options;
    if (apiKey !== undefined) return apiKey ?? undefined;
    return readFirstEnv(this.api === 'partner' ? PARTNER_TOKEN_ENV : PUBLIC_TOKEN_ENV)?.value;
  }

  /** One line per attempt; `fields` carries the same facts for structured loggers. */
  #log(level: 'info' | 'warn', fields: AttemptLog): void {
    const { method, path, status, durationMs, attempt, requestId, retryInMs } = fields;
    const id = requestId ? `, request id ${requestId}` : '';
    const retry = retryInMs === undefined ? '' : `; retrying in ${retryInMs} ms`;
    this.#logger[level](`${method} ${path} → ${status} in ${durationMs} ms (attempt ${attempt}${id})${retry}`, {
      ...fields,
    });
  }
}
