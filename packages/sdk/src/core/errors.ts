import { OpenTrainError } from './opentrain-error.js';
import { redact } from './redact.js';

// The root and the webhook error live in modules of their own: the lazily loaded webhook chunk shares them with the
// core without pulling in the whole hierarchy.
export {
  OpenTrainError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './opentrain-error.js';

export interface APIErrorInit {
  status: number;
  /** What went wrong, in words; the status, code and request id are added to the final message. */
  message: string;
  code?: string | undefined;
  details?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
  headers: Headers;
  /** `METHOD /path` of the request, for the message. */
  request?: string | undefined;
}

/** The server answered, but not with success (or with a body the SDK could not read). */
export class APIError extends OpenTrainError {
  override name = 'APIError';
  readonly status: number;
  /** The envelope's `code` (`FORBIDDEN`, `RATE_LIMITED`, ...); absent when the body was not an OpenTrain error. */
  readonly code: string | undefined;
  /** `details.reason`, the machine-readable sub-code (`account_claim_required`, `payment_method_required`, ...). */
  readonly reason: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  /** Quote this to OpenTrain support. */
  readonly requestId: string | undefined;
  readonly headers: Headers;

  constructor(init: APIErrorInit) {
    super(describe(init));
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.reason = typeof init.details?.reason === 'string' ? init.details.reason : undefined;
    this.requestId = init.requestId;
    this.headers = init.headers;
  }
}

function describe(init: APIErrorInit): string {
  const reason = typeof init.details?.reason === 'string' ? ` ${init.details.reason}` : '';
  const head = `${init.status}${init.code ? ` ${init.code}` : ''}${reason}`;
  const context = [init.request, init.requestId ? `request id ${init.requestId}` : undefined].filter(Boolean);
  return `${head}: ${init.message}${context.length ? ` (${context.join(', ')})` : ''}`;
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}

/** 403: a missing scope, a disabled feature, an unclaimed account or a resource you may not touch. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
  /** The account must be claimed by a human first; send them to `claimUrl`. */
  readonly claimRequired: boolean;
  readonly claimUrl: string | undefined;
  /** Scopes the token lacks (required minus granted, where `x:write` covers `x:read`). */
  readonly missingScopes: string[];
  /** The feature flag that is off for this account. */
  readonly featureKey: string | undefined;

  constructor(init: APIErrorInit) {
    super(init);
    const details = init.details ?? {};
    this.claimRequired = this.reason === 'account_claim_required';
    this.claimUrl = typeof details.claimUrl === 'string' ? details.claimUrl : undefined;
    this.featureKey = typeof details.featureKey === 'string' ? details.featureKey : undefined;
    this.missingScopes = missingScopes(stringList(details.requiredScopes), stringList(details.grantedScopes));
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function missingScopes(required: string[], granted: string[]): string[] {
  const held = new Set(granted);
  const covers = (scope: string) =>
    held.has(scope) || (scope.endsWith(':read') && held.has(scope.replace(/:read$/, ':write')));
  return required.filter((scope) => !covers(scope));
}

export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

export class ConflictError extends APIError {
  override name = 'ConflictError';
}

export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;

  constructor(init: APIErrorInit & { retryAfter?: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** The error codes the agent-auth endpoints document; others may appear. */
export type OAuthErrorCode =
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'access_denied'
  | 'invalid_grant'
  | 'invalid_request'
  | 'unsupported_grant_type'
  | 'unsupported_identity_type'
  | 'anonymous_not_enabled'
  | 'rate_limit_exceeded'
  | 'server_error'
  | (string & {});

/** OAuth-style errors of the agent-auth endpoints (`/api/agent/...`): `{ error, error_description }`. */
export class OAuthError extends APIError {
  override name = 'OAuthError';
  readonly error: OAuthErrorCode;
  readonly errorDescription: string | undefined;

  constructor(init: Omit<APIErrorInit, 'code' | 'details' | 'message'> & { error: string; errorDescription?: string }) {
    super({
      ...init,
      code: init.error,
      message: init.errorDescription ?? 'the agent-auth endpoint refused the request',
    });
    this.error = init.error;
    this.errorDescription = init.errorDescription === undefined ? undefined : redact(init.errorDescription);
  }
}

/**
 * The server could not be reached, or the connection dropped before the whole response arrived. When the status
 * line and headers did arrive and only the body was cut off, `status` and `requestId` say what the server answered.
 */
export class ConnectionError extends OpenTrainError {
  override name = 'ConnectionError';
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, options?: { cause?: unknown; status?: number; requestId?: string | undefined }) {
    super(message, options);
    this.status = options?.status;
    this.requestId = options?.requestId;
  }
}

export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}

/** The caller's AbortSignal fired. Never retried. */
export class RequestAbortedError extends OpenTrainError {
  override name = 'RequestAbortedError';

  constructor(message = 'The request was aborted by the caller.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An authenticated operation was called without a token. Nothing was sent. */
export class MissingTokenError extends OpenTrainError {
  override name = 'MissingTokenError';

  constructor(message: string) {
    super(message);
  }
}

interface ValidationIssue {
  /** Dotted location, e.g. `body.milestone.amount` or `path.jobId`. */
  field: string;
  /** What the value should have been. */
  expectation: string;
}

/** A request or a response did not fit the operation's schema; `issues` lists every problem, the first also apart. */
abstract class SchemaMismatchError extends OpenTrainError {
  readonly field: string;
  readonly expectation: string;
  readonly issues: ValidationIssue[];

  constructor(head: string, issues: ValidationIssue[]) {
    super(validationMessage(head, issues));
    this.issues = issues;
    this.field = issues[0]?.field ?? '';
    this.expectation = issues[0]?.expectation ?? '';
  }
}

/** A parameter or the body failed the operation's schema. Nothing was sent. */
export class RequestValidationError extends SchemaMismatchError {
  override name = 'RequestValidationError';

  constructor(operation: string, issues: ValidationIssue[]) {
    super(`Invalid request for ${operation}`, issues);
  }
}

/** The response did not match the operation's schema (only checked with `validateResponses: true`). */
export class ResponseValidationError extends SchemaMismatchError {
  override name = 'ResponseValidationError';
  readonly status: number;
  readonly requestId: string | undefined;

  constructor(operation: string, status: number, requestId: string | undefined, issues: ValidationIssue[]) {
    super(`Unexpected ${status} response from ${operation}${requestId ? ` (request id ${requestId})` : ''}`, issues);
    this.status = status;
    this.requestId = requestId;
  }
}

function validationMessage(head: string, issues: ValidationIssue[]): string {
  const listed = issues.slice(0, 5).map((issue) => `${issue.field || '(root)'}: ${issue.expectation}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `${head}: ${listed.join('; ')}${more}`;
}

/** A wait helper (approval, claim) reached its deadline before the thing it waited for ended. */
export class WaitTimeoutError extends OpenTrainError {
  override name = 'WaitTimeoutError';
  /** The last status seen (`pending`, `authorization_pending`, ...). */
  readonly lastStatus: string | undefined;

  constructor(message: string, lastStatus: string | undefined) {
    super(message);
    this.lastStatus = lastStatus;
  }
}
