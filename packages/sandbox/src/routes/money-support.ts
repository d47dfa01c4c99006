import { originOf, type SandboxContext } from '../http/context.js';
import { ApiError, notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import { approvalView } from '../state/approvals.js';
import type { Refusal } from '../state/milestones.js';
import type { ContractRecord, MilestoneRecord } from '../state/records/money.js';
import type { Approval, SandboxState } from '../state/types.js';

/** Helpers shared by the contract, milestone and credit routes. */

export function refusalError(refusal: Refusal): ApiError {
  return new ApiError(refusal.status === 400 ? 'BAD_REQUEST' : 'CONFLICT', refusal.message, refusal.details);
}

/** The caller's contract; another account's contract reads exactly like a missing one. */
export function ownContract(c: SandboxContext, contractId: string): ContractRecord {
  const contract = c.var.sandbox.state.contracts[contractId];
  if (!contract || contract.accountId !== authOf(c).account.id) throw notFound('contracts', 'contractId', contractId);
  return contract;
}

/** The caller's milestone and its contract. */
export function ownMilestone(
  c: SandboxContext,
  milestoneId: string,
): { milestone: MilestoneRecord; contract: ContractRecord } {
  const state = c.var.sandbox.state;
  const milestone = state.milestones[milestoneId];
  const contract = milestone ? state.contracts[milestone.contractId] : undefined;
  if (!milestone || !contract || contract.accountId !== authOf(c).account.id) {
    throw notFound('milestones', 'milestoneId', milestoneId);
  }
  return { milestone, contract };
}

/** The contract an approval executor acts on; a gone contract is a conflict the human sees on the page. */
export function approvalContract(state: SandboxState, approval: Approval): ContractRecord {
  const contract = approval.contractId ? state.contracts[approval.contractId] : undefined;
  if (!contract) throw new ApiError('CONFLICT', 'The contract of this request no longer exists.', {});
  return contract;
}

/** The milestone an approval executor acts on, with its contract; either one gone is a conflict. */
export function approvalMilestone(state: SandboxState, approval: Approval) {
  const contract = approvalContract(state, approval);
  const milestone = approval.milestoneId ? state.milestones[approval.milestoneId] : undefined;
  if (!milestone) throw new ApiError('CONFLICT', 'The milestone of this request no longer exists.', {});
  return { contract, milestone };
}

/** The 202 answer of a money-moving call. */
export function approvalAccepted(c: SandboxContext, approval: Approval, message: string) {
  return c.json({ approval: approvalView(approval, originOf(c)), message }, 202);
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const formatUsd = (usd: number) => USD.format(usd);

export function milestoneLabel(milestone: MilestoneRecord): string {
  return milestone.name ?? milestone.description ?? `Milestone ${milestone.milestoneNumber}`;
}
