import { badRequest, envelope, isOAuthPath, oauthBody } from './http/errors.js';

/**
 * Fault injection for the next N requests matching a path: what a flaky network or an overloaded API does to a
 * client. Rules live in memory only; `reset` clears them.
 */
export type FaultAction =
  /** 429 with `Retry-After` (the OAuth `rate_limit_exceeded` shape on `/api/agent`). */
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  /** 500 answers the API's own error body; 502 and 503 answer an HTML gateway page, as a proxy would. */
  | { kind: 'error'; status: 500 | 502 | 503; retryAfterSeconds?: number }
  /** Waits before handling the request normally; the wait ends early if the client gives up. */
  | { kind: 'delay'; ms: number }
  /** Closes the connection without an answer. With `afterHandling` the request takes effect first. */
  | { kind: 'drop'; afterHandling?: boolean }
  /** Sends the real status, headers and the first half of the body, then closes the connection. */
  | { kind: 'truncate' };

export interface FaultInput {
  /** A request path such as `/api/public/v1/auth/me`; `*` matches any run of characters. */
  path: string;
  /** Only this HTTP method (any when omitted). */
  method?: string;
  /** How many matching requests the fault hits (default 1). */
  times?: number;
  fault: FaultAction;
}

export interface FaultRule {
  id: string;
  path: string;
  method: string | null;
  remaining: number;
  fault: FaultAction;
}

export class FaultPlan {
  #rules: FaultRule[] = [];
  #nextId = 1;

  add(input: FaultInput): FaultRule {
    const rule: FaultRule = {
      id: `flt_${this.#nextId++}`,
      path: input.path,
      method: input.method?.toUpperCase() ?? null,
      remaining: input.times ?? 1,
      fault: input.fault,
    };
    this.#rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.#rules.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.#rules = [];
  }

  /** The fault for this request, if a rule matches; each hit uses up one of the rule's `times`. */
  take(method: string, pathname: string): FaultAction | undefined {
    const rule = this.#rules.find(
      (candidate) =>
        (candidate.method === null || candidate.method === method) && pathMatches(candidate.path, pathname),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules = this.#rules.filter((candidate) => candidate !== rule);
    return rule.fault;
  }
}

export function pathMatches(pattern: string, pathname: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(pathname);
}

/**
 * Thrown by the fetch handler for a dropped connection. It is a TypeError like the one `fetch` itself rejects
 * with on a network failure, so a client calling the handler directly sees the same thing as over a socket.
 */
export class ConnectionDroppedError extends TypeError {
  constructor() {
    super('fetch failed', { cause: new Error('the sandbox dropped the connection (fault injection)') });
    this.name = 'ConnectionDroppedError';
  }
}

export function faultResponse(
  fault: Extract<FaultAction, { kind: 'rate_limit' | 'error' }>,
  pathname: string,
  requestId: string,
): Response {
  const headers = new Headers();
  if (fault.kind === 'rate_limit' || fault.retryAfterSeconds !== undefined) {
    headers.set('Retry-After', String(fault.retryAfterSeconds ?? 1));
  }
  if (fault.kind === 'error' && fault.status !== 500) {
    headers.set('Content-Type', 'text/html; charset=utf-8');
    const title = fault.status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
    return new Response(`<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, {
      status: fault.status,
      headers,
    });
  }
  headers.set('Content-Type', 'application/json');
  const status = fault.kind === 'rate_limit' ? 429 : 500;
  const body = isOAuthPath(pathname)
    ? status === 429
      ? oauthBody('rate_limit_exceeded', 'Too many requests; retry after the Retry-After delay.')
      : oauthBody('server_error', 'The server hit an unexpected error.')
    : status === 429
      ? envelope('RATE_LIMITED', 'Rate limit exceeded; retry after the Retry-After delay.', requestId)
      : envelope('INTERNAL_ERROR', 'The server hit an unexpected error.', requestId);
  return new Response(JSON.stringify(body), { status, headers });
}

/** What a socket-level runner must write for a truncated response before closing the connection. */
export interface Truncation {
  status: number;
  headers: Headers;
  /** The bytes actually sent. */
  sent: Uint8Array;
  /** The Content-Length promised, larger than `sent`. */
  declaredLength: number;
}

const truncations = new WeakMap<Response, Truncation>();

/** The truncation a response stands for, so the node runner can write it to the socket itself. */
export const truncationOf = (response: Response) => truncations.get(response);

/**
 * Cuts a real response in half. In process the body stream errors after the first half, as undici's does when a
 * connection closes early; over a socket the runner writes the half and closes (see `truncationOf`).
 */
export async function truncateResponse(response: Response): Promise<Response> {
  const full = new Uint8Array(await response.arrayBuffer());
  const sent = full.slice(0, Math.floor(full.length / 2));
  const declaredLength = Math.max(full.length, sent.length + 1);
  const headers = new Headers(response.headers);
  headers.set('Content-Length', String(declaredLength));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (sent.length > 0) controller.enqueue(sent);
      controller.error(new TypeError('terminated', { cause: new Error('the sandbox closed the connection early') }));
    },
  });
  const truncated = new Response(body, { status: response.status, statusText: response.statusText, headers });
  truncations.set(truncated, { status: response.status, headers, sent, declaredLength });
  return truncated;
}

/** Validates a fault rule sent to the control plane, naming the field at fault. */
export function parseFaultInput(value: unknown): FaultInput {
  if (typeof value !== 'object' || value === null) throw badRequest('Expected a JSON object.', { field: 'body' });
  const input = value as Record<string, unknown>;
  if (typeof input.path !== 'string' || !input.path.startsWith('/')) {
    throw badRequest('path must be a request path starting with "/" (use * as a wildcard).', { field: 'path' });
  }
  if (input.method !== undefined && typeof input.method !== 'string') {
    throw badRequest('method must be an HTTP method such as "GET".', { field: 'method' });
  }
  if (input.times !== undefined && !(Number.isInteger(input.times) && (input.times as number) >= 1)) {
    throw badRequest('times must be an integer of at least 1.', { field: 'times' });
  }
  return {
    path: input.path,
    method: input.method as string | undefined,
    times: input.times as number | undefined,
    fault: parseFaultAction(input.fault),
  };
}

function parseFaultAction(value: unknown): FaultAction {
  const fault = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const retryAfterSeconds = optionalSeconds(fault.retryAfterSeconds);
  switch (fault.kind) {
    case 'rate_limit':
      return { kind: 'rate_limit', retryAfterSeconds };
    case 'error':
      if (fault.status !== 500 && fault.status !== 502 && fault.status !== 503) {
        throw badRequest('fault.status must be 500, 502 or 503.', { field: 'fault.status' });
      }
      return { kind: 'error', status: fault.status, retryAfterSeconds };
    case 'delay':
      if (!(Number.isInteger(fault.ms) && (fault.ms as number) >= 0)) {
        throw badRequest('fault.ms must be a whole number of milliseconds.', { field: 'fault.ms' });
      }
      return { kind: 'delay', ms: fault.ms as number };
    case 'drop':
      return { kind: 'drop', afterHandling: fault.afterHandling === true };
    case 'truncate':
      return { kind: 'truncate' };
    default:
      throw badRequest('fault.kind must be one of rate_limit, error, delay, drop, truncate.', { field: 'fault.kind' });
  }
}

function optionalSeconds(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isInteger(value) && (value as number) >= 0)) {
    throw badRequest('fault.retryAfterSeconds must be a whole number of seconds.', {
      field: 'fault.retryAfterSeconds',
    });
  }
  return value as number;
}
