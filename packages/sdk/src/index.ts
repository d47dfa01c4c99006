export type {
  AgentRegistration,
  ClaimedToken,
  ClaimPoll,
  ClaimStart,
  WaitForClaimOptions,
} from './agent-auth/index.js';
export { type ClientOptions, OpenTrain, OpenTrainPartner } from './client.js';
export { APIPromise, type WithResponse } from './core/api-promise.js';
export {
  type ApprovalAccepted,
  type ApprovalLike,
  type ApprovalStatus,
  type GetApproval,
  isApprovalAccepted,
  isTerminalApprovalStatus,
  type WaitForApprovalOptions,
  waitForApproval,
} from './core/approvals.js';
export { DEFAULT_BASE_URL } from './core/env.js';
export {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  MissingTokenError,
  NotFoundError,
  OAuthError,
  type OAuthErrorCode,
  OpenTrainError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  RequestValidationError,
  ResponseValidationError,
  TimeoutError,
  WaitTimeoutError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './core/errors.js';
export type { LogFields, Logger, LogLevel } from './core/logger.js';
export type {
  IdempotencyKeyLocation,
  OperationParams,
  OperationRow,
  PaginationRule,
} from './core/operation.js';
export { type FetchPage, type Page, Paginator } from './core/pagination.js';
export { redact } from './core/redact.js';
export type { Now, Sleep } from './core/timing.js';
export {
  createTransport,
  type FetchFunction,
  type RequestOptions,
  type Transport,
  type TransportOptions,
} from './core/transport.js';
export type { OperationSchemas, SchemaSource, SchemaTable, StandardSchema } from './core/validation.js';
export type * from './generated/resources.js';
export type { Agent } from './resources/agent.js';
export {
  type Approval,
  type Approvals,
  isPendingApproval,
  type PendingApprovalIn,
  type WaitOptions as ApprovalWaitOptions,
} from './resources/approvals.js';
export type { BodyOf, ItemOf, QueryOf, SuccessOf } from './resources/operation-types.js';
export type { PartnerWebhookEvent, PublicWebhookEvent, WebhookEvent } from './webhooks/events.js';
export { webhooks } from './webhooks/index.js';
