/**
 * The two error shapes the sandbox speaks: the Public API envelope `{error, code, requestId, details}` and the
 * OAuth shape `{error, error_description}` of the four `/api/agent` endpoints. Handlers throw these; the app's
 * error handler renders them with the request's id.
 */

import type { PublicComponents } from '@opentrain-ai/sdk/types';

export type ErrorCode = PublicComponents['schemas']['ErrorCode'];

const STATUS_OF: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
};

export type ErrorDetails = Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS_OF[code];
  }
}

export const badRequest = (message: string, details?: ErrorDetails) => new ApiError('BAD_REQUEST', message, details);
export const forbidden = (message: string, details?: ErrorDetails) => new ApiError('FORBIDDEN', message, details);
export const conflict = (message: string, details?: ErrorDetails) => new ApiError('CONFLICT', message, details);

/** A missing resource; `details` names the resource and the id the caller asked for, never whether it exists elsewhere. */
export function notFound(resource: string, idField: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', `No ${singular(resource)} with id ${id}.`, { resource, [idField]: id });
}

const singular = (resource: string) => resource.replace(/s$/, '');

export function envelope(code: ErrorCode, message: string, requestId: string, details?: ErrorDetails) {
  return details === undefined ? { error: message, code, requestId } : { error: message, code, requestId, details };
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super(description ?? error);
    this.name = 'OAuthError';
  }
}

export function oauthBody(error: string, description?: string) {
  return description === undefined ? { error } : { error, error_description: description };
}

/** The four agent-auth endpoints (and anything else under this prefix) answer in the OAuth shape. */
export const isOAuthPath = (pathname: string) => pathname.startsWith('/api/agent/');
