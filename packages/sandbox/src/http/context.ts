import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../state/clock.js';
import type { InstallRecord } from '../state/records/partner.js';
import type { Account, ApiToken, Approval, ApprovalResult, ApprovalType, SandboxState, User } from '../state/types.js';
import type { OperationInput } from './validation.js';

/** Everything a route needs besides the request: the live state and the sandbox's sense of time. */
export interface SandboxRuntime {
  /** The current state. `reset` and `seed` swap the object, so read it per request, never cache it. */
  readonly state: SandboxState;
  /** Sandbox time in epoch milliseconds (injected clock plus control-plane advances). */
  now(): number;
  readonly clock: Clock;
  /** Runs the family-registered executor for an approval's type; used by the approval page and the control plane. */
  decideApproval(approvalId: string, decision: 'confirm' | 'decline'): Approval;
}

/** The caller behind a valid bearer token, set by `requireToken`. */
export interface AuthContext {
  token: ApiToken;
  account: Account;
  owner: User;
}

/** The Platform API caller behind a live `ot_ptk_…` token, set by the partner gates. */
export interface PartnerAuthContext {
  install: InstallRecord;
  /** The employer account that granted the install. */
  account: Account;
}

/** Which documented operation a request matched, set before the validation seam runs. */
export interface OperationInfo {
  operationId: string;
  method: string;
  /** The path exactly as the spec writes it, e.g. `/api/public/v1/tokens/{tokenId}`. */
  path: string;
}

export interface SandboxEnv {
  Bindings: { requestId: string };
  Variables: {
    sandbox: SandboxRuntime;
    requestId: string;
    operation: OperationInfo;
    auth: AuthContext;
    partnerAuth: PartnerAuthContext;
    /** The validated request parts (see `inputOf`). */
    input: OperationInput;
  };
}

export type SandboxContext = Context<SandboxEnv>;
export type SandboxMiddleware = MiddlewareHandler<SandboxEnv>;

/** Confirms an approval: performs the money movement it stood for and returns the approval's `result`. */
export interface ApprovalExecutor {
  confirm(input: { state: SandboxState; approval: Approval; now: number }): ApprovalResult;
  /** Optional side effects of a decline (e.g. releasing a proposal back to the shortlist). */
  decline?(input: { state: SandboxState; approval: Approval; now: number }): void;
}

export type ApprovalExecutors = Partial<Record<ApprovalType, ApprovalExecutor>>;

/** The origin the caller reached the sandbox on; every absolute URL in a response is built from it. */
export const originOf = (c: SandboxContext) => new URL(c.req.url).origin;
