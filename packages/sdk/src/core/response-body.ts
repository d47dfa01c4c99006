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
import { isPlainObject } from './request-parts.js';
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
    return `the server sent an HTML page instead of JSON (check the base URL, or a proxy in between): ${excerpt(pageSummary(text), 120)}`;
  }
  return `the response body is not valid JSON (it may have been cut off): ${excerpt(text, 120)}`;
}

/** What an HTML page says about itself: its `<title>` (gateways put "502 Bad Gateway" there), else its text. */
function pageSummary(html: string): string {
  const title = /<title[^>]*>([^<]*)</i.exec(html)?.[1]?.trim();
  return title || html.replace(/<(script|style)\b[\s\S]*?<\/\1>|<[^>]*>/gi, ' ');
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
  const envelope = isPlainObject(body) ? body : undefined;

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
    details: isPlainObject(envelope?.details) ? envelope.details : undefined,
    requestId: typeof envelope?.requestId === 'string' ? envelope.requestId : requestIdFromHeaders(headers),
  };
  return createStatusError(init, context.nowMs);
}

function envelopeMessage(envelope: Record<string, unknown>, status: number): string {
  if (typeof envelope.error === 'string' && envelope.error) return envelope.error;
  if (typeof envelope.message === 'string' && envelope.message) return envelope.message;
  return `the server answered HTTP ${status}`;
}

/** The classes of the statuses that have one of their own; 429 and 5xx are handled apart. */
const ERROR_CLASS_BY_STATUS: Readonly<Record<number, typeof APIError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
};

function createStatusError(init: APIErrorInit, nowMs: number): APIError {
  if (init.status === 429) {
    const waitMs = parseRetryAfter(init.headers.get('retry-after'), nowMs);
    return new RateLimitError({ ...init, retryAfter: waitMs === undefined ? undefined : Math.ceil(waitMs / 1000) });
  }
  const ErrorClass = ERROR_CLASS_BY_STATUS[init.status] ?? (init.status >= 500 ? InternalServerError : APIError);
  return new ErrorClass(init);
}
