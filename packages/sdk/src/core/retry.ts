import type { OperationRow } from './operation.js';

export const DEFAULT_MAX_RETRIES = 2;
/** A Retry-After longer than this is not waited out: the error goes to the caller, who knows whether to wait. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/** 408, 429 and 5xx say "try again later"; everything else will fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * A request that reached the server may have taken effect, so repeating it is only safe when the operation is
 * idempotent or carries an idempotency key the server deduplicates on.
 */
export function isSafeToRepeat(operation: OperationRow): boolean {
  return operation.idempotent || operation.idempotencyKey !== null;
}

// Error codes that mean no connection was ever made, so the server cannot have seen the request. Node (undici) puts
// them on `cause.code`; Bun uses its own names.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'FailedToOpenSocket',
]);

/** True when a fetch failure proves the request never left this machine (refused connection, DNS failure). */
export function neverReachedServer(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return false;
    seen.add(value);
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    // Happy-eyeballs connects report one error per address inside an AggregateError; all of them must be refusals.
    if (Array.isArray(errors) && errors.length > 0 && errors.every(visit)) return true;
    return visit(cause);
  };
  return visit(error);
}

/**
 * Milliseconds the server asked to wait: `Retry-After` as delta-seconds or as an HTTP date. `undefined` when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Exponential backoff (0.5 s, 1 s, 2 s, ... capped at 8 s) with up to 25% taken off at random to spread retries. */
export function backoffDelay(retryIndex: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, INITIAL_DELAY_MS * 2 ** retryIndex);
  return Math.round(base * (1 - 0.25 * random()));
}
