import {
  APIError,
  type APIErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  OAuthError,
  PermissionDeniedError,
  RateLimitError,
} from './errors.js';
import { excerpt } from './redact.js';
import { parseRetryAfter } from './retry.js';

// No request-id header is documented; this is the common name and the envelope's `requestId` wins when present.
const REQUEST_ID_HEADER = 'x-request-id';

export function requestIdFromHeaders(headers: Headers): string | undefined {
  return headers.get(REQUEST_ID_HEADER) ?? undefined;
}

/** Explains a body that is not the JSON it should be, with a short redacted excerpt. */
function describeUnreadableBody(text: string, contentType: string | null): string {
  if (text.trim() === '') return 'the response body was empty';
  if (contentType?.includes('html') || /^\s*</.test(text)) {
    return `the server sent an HTML page instead of JSON (check the base URL, or a proxy in between): ${excerpt(text, 120)}`;
  }
  return `the response body is not valid JSON (it may have been cut off): ${excerpt(text, 120)}`;
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads a 2xx body as JSON. 204/205 carry no body by definition; every other OpenTrain success has a JSON body, so
 * an empty, HTML or cut-off one becomes an `APIError` that says which, never a bare `SyntaxError`.
 */
export async function readSuccessBody(response: Response, request: string): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  const parsed = text.trim() === '' ? { ok: false as const } : tryParseJson(text);
  if (parsed.ok) return parsed.value;
  const headers = response.headers;
  throw new APIError({
    status: response.status,
    message: describeUnreadableBody(text, headers.get('content-type')),
    headers,
    requestId: requestIdFromHeaders(headers),
    request,
  });
}

interface ErrorContext {
  /** `METHOD /path`, for the message. */
  request: string;
  /** The agent-auth endpoints answer with the OAuth shape `{ error, error_description }`. */
  oauth: boolean;
  nowMs: number;
}

/**
 * Turns a non-2xx response into the matching error class. `body` is what openapi-fetch made of it: parsed JSON, the
 * raw text when it was not JSON, or undefined when it was empty.
 */
export function errorFromResponse(response: Response, body: unknown, context: ErrorContext): APIError {
  const { status, headers } = response;
  const envelope = isRecord(body) ? body : undefined;

  if (context.oauth && typeof envelope?.error === 'string' && envelope.code === undefined) {
    return new OAuthError({
      status,
      headers,
      error: envelope.error,
      errorDescription: typeof envelope.error_description === 'string' ? envelope.error_description : undefined,
      requestId: requestIdFromHeaders(headers),
      request: context.request,
    });
  }

  const init: APIErrorInit = {
    status,
    headers,
    request: context.request,
    message: envelope
      ? envelopeMessage(envelope, status)
      : describeUnreadableBody(String(body ?? ''), headers.get('content-type')),
    code: typeof envelope?.code === 'string' ? envelope.code : undefined,
    details: isRecord(envelope?.details) ? envelope.details : undefined,
    requestId: typeof envelope?.requestId === 'string' ? envelope.requestId : requestIdFromHeaders(headers),
  };
  return createStatusError(init, context.nowMs);
}

function envelopeMessage(envelope: Record<string, unknown>, status: number): string {
  if (typeof envelope.error === 'string' && envelope.error) return envelope.error;
  if (typeof envelope.message === 'string' && envelope.message) return envelope.message;
  return `the server answered HTTP ${status}`;
}

function createStatusError(init: APIErrorInit, nowMs: number): APIError {
  switch (init.status) {
    case 400:
      return new BadRequestError(init);
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 409:
      return new ConflictError(init);
    case 429: {
      const waitMs = parseRetryAfter(init.headers.get('retry-after'), nowMs);
      return new RateLimitError({ ...init, retryAfter: waitMs === undefined ? undefined : Math.ceil(waitMs / 1000) });
    }
    default:
      return init.status >= 500 ? new InternalServerError(init) : new APIError(init);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
