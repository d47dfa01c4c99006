import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { isPast, toIso } from './clock.js';
import { appendEvent } from './events.js';
import { newId } from './random.js';
import type { Approval, ApprovalResult, ApprovalStatus, ApprovalType, SandboxState } from './types.js';

/** A pending approval lapses this long after it was requested. */
export const APPROVAL_TTL_MS = 72 * 60 * 60 * 1000;

export interface NewApproval {
  accountId: string;
  requestedByTokenId: string | null;
  type: ApprovalType;
  summary: string;
  contractId?: string | null;
  milestoneId?: string | null;
  jobId?: string | null;
  proposalId?: string | null;
  payload?: Record<string, unknown>;
}

export function createApproval(state: SandboxState, input: NewApproval, now: number): Approval {
  const approval: Approval = {
    id: newId(state, 'apr'),
    accountId: input.accountId,
    requestedByTokenId: input.requestedByTokenId,
    type: input.type,
    status: 'pending',
    contractId: input.contractId ?? null,
    milestoneId: input.milestoneId ?? null,
    jobId: input.jobId ?? null,
    proposalId: input.proposalId ?? null,
    summary: input.summary,
    payload: input.payload ?? {},
    result: null,
    expiresAt: toIso(now + APPROVAL_TTL_MS),
    resolvedAt: null,
    createdAt: toIso(now),
  };
  state.approvals[approval.id] = approval;
  return approval;
}

/** The still-pending approval matching `predicate`, so a repeated request can return it instead of a new one. */
export function findPendingApproval(
  state: SandboxState,
  now: number,
  predicate: (approval: Approval) => boolean,
): Approval | undefined {
  return Object.values(state.approvals).find(
    (approval) => predicate(approval) && !expireIfDue(state, approval, now) && approval.status === 'pending',
  );
}

/**
 * Approvals expire lazily: a pending one past `expiresAt` flips to `expired` the next time anything reads it.
 * Returns true when it flipped just now.
 */
export function expireIfDue(state: SandboxState, approval: Approval, now: number): boolean {
  if (approval.status !== 'pending' || !isPast(approval.expiresAt, now)) return false;
  finishApproval(state, approval, 'expired', null, now);
  return true;
}

/** Moves a pending approval to a final status and announces it on the account's feed. */
export function finishApproval(
  state: SandboxState,
  approval: Approval,
  status: Exclude<ApprovalStatus, 'pending'>,
  result: ApprovalResult | null,
  now: number,
): void {
  if (approval.status !== 'pending') throw new Error(`approval ${approval.id} is already ${approval.status}`);
  approval.status = status;
  approval.result = result;
  approval.resolvedAt = toIso(now);
  // The event is named approval.confirmed but fires for every final status; data.status tells which.
  appendEvent(
    state,
    {
      accountId: approval.accountId,
      type: 'approval.confirmed',
      resourceId: approval.id,
      jobId: approval.jobId,
      data: { approvalId: approval.id, status },
    },
    now,
  );
}

export const approvalUrl = (origin: string, approvalId: string) => `${origin}/approvals/${approvalId}`;

/** The wire form of an approval; `origin` is the sandbox origin the caller reached. */
export function approvalView(approval: Approval, origin: string): PublicComponents['schemas']['Approval'] {
  return {
    id: approval.id,
    type: approval.type,
    status: approval.status,
    contractId: approval.contractId,
    milestoneId: approval.milestoneId,
    jobId: approval.jobId,
    proposalId: approval.proposalId,
    approvalUrl: approvalUrl(origin, approval.id),
    expiresAt: approval.expiresAt,
    resolvedAt: approval.resolvedAt,
    result: approval.result,
    createdAt: approval.createdAt,
  };
}
