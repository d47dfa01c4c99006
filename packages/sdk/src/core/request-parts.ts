import { BASE_URL_ENV, DEFAULT_BASE_URL, readFirstEnv } from './env.js';
import { OpenTrainError } from './errors.js';
import type { OperationRow } from './operation.js';

/** `baseUrl` option, else the base-URL environment variables, else production; checked to be an http(s) URL. */
export function resolveBaseUrl(option: string | undefined): string {
  const value = option ?? readFirstEnv(BASE_URL_ENV)?.value ?? DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OpenTrainError(`baseUrl must be an absolute http(s) URL such as ${DEFAULT_BASE_URL}, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OpenTrainError(`baseUrl must use http or https, got "${url.protocol}"`);
  }
  // Error messages and logs name the base URL, so a password in it would leak; the API token does the auth anyway.
  if (url.username || url.password) throw new OpenTrainError('baseUrl must not contain a user name or password');
  return value.replace(/\/+$/, '');
}

/** The names of a path template's `{parameters}`, in order. */
export function pathParamNames(template: string): string[] {
  return Array.from(template.matchAll(/\{([^{}]+)\}/g), (match) => match[1] as string);
}

/** The path with its parameters filled in, as sent (used in log lines and error messages). */
export function fillPath(template: string, pathParams: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(String(pathParams?.[name] ?? '')));
}

/**
 * Puts the idempotency key where the operation expects it. The caller's key wins; otherwise a key already in the
 * body is kept; otherwise a fresh UUID is made. The returned body (or header) is sent unchanged on every retry, so
 * the server sees one key for the whole call.
 */
export function applyIdempotencyKey(
  operation: OperationRow,
  body: unknown,
  explicitKey: string | undefined,
  headers: Record<string, string>,
): unknown {
  const location = operation.idempotencyKey;
  if (!location) return body;
  if (location.in === 'header') {
    headers[location.name] = explicitKey ?? headers[location.name] ?? crypto.randomUUID();
    return body;
  }
  if (body !== undefined && !isPlainObject(body)) return body;
  const key = explicitKey ?? existingKey(body, location.name) ?? crypto.randomUUID();
  return { ...body, [location.name]: key };
}

// A key may sit at the top level or one object down (job drafts accept `source.idempotencyKey`); reusing it keeps a
// caller's own deduplication intact instead of sending a second, different key.
function existingKey(body: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!body) return undefined;
  if (typeof body[name] === 'string') return body[name];
  for (const value of Object.values(body)) {
    if (isPlainObject(value) && typeof value[name] === 'string') return value[name];
  }
  return undefined;
}

/** A JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The most specific reason in a fetch error's cause chain (`ECONNREFUSED`, `other side closed`, ...). */
export function describeCause(error: unknown): string {
  let reason = 'network error';
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string' && message) reason = message;
    current = cause;
  }
  return reason;
}
