import { conflict } from '../http/errors.js';
import { jobTitleOf, paymentTypeOf } from './applications.js';
import { createApproval, findPendingApproval, finishApproval } from './approvals.js';
import { openContractFromHire } from './contracts.js';
import { openJobConversation } from './conversations.js';
import { billingUrl, hasFundingFor, hireCharge, roundUsd } from './funding.js';
import { setProposalStatus } from './proposals.js';
import type { ProposalRecord } from './records/hiring.js';
import { findTrainer, maskedName } from './trainers.js';
import type { Approval, ApprovalResult, SandboxState } from './types.js';

/**
 * Hiring from a proposal, in two steps: the agent's request records a pending `proposal_hire` approval (nobody is
 * hired, no money moves), and a human's confirmation executes it: the proposal is accepted, the contract opens with
 * its first milestone funded, and the post-hire job conversation starts.
 */

export const HIRE_REQUESTED_MESSAGE =
  'Hire request recorded. A signed-in human must confirm this approval in the OpenTrain app before the freelancer is hired and any money moves.';

/** The milestone of the request body (`HireMilestone`). */
export interface HireMilestoneInput {
  name?: string;
  description?: string;
  amount?: number;
  dueDate?: string;
}

/** The first milestone as the approval records it; a repeated request with equal terms returns the same approval. */
export interface HireTerms {
  name: string | null;
  description: string | null;
  amountUsd: number;
  dueDate: string | null;
}

export interface HireRequest {
  proposal: ProposalRecord;
  requestedByTokenId: string;
  milestone: HireMilestoneInput;
  confirmNotFitOverride: boolean;
  /** The sandbox origin, for the billing link of a `payment_method_required` refusal. */
  origin: string;
}

/**
 * Records (or returns) the pending hire approval. Same terms while pending → the same approval; different terms →
 * the old approval is superseded (it ends as `expired`) and a new one is recorded, so only one hire request per
 * proposal is ever live.
 */
export function requestHire(state: SandboxState, request: HireRequest, now: number): Approval {
  const { proposal } = request;
  refuseUnhireable(proposal, request.confirmNotFitOverride);
  const terms = hireTerms(proposal, request.milestone);
  const charge = hireCharge(terms.amountUsd);
  if (!hasFundingFor(state, proposal.accountId, charge.totalUsd)) {
    throw conflict(
      `Add a payment method or enough credit before hiring: confirming this hire charges $${charge.totalUsd.toFixed(2)}.`,
      { reason: 'payment_method_required', billingUrl: billingUrl(request.origin, proposal.accountId) },
    );
  }

  const pending = findPendingApproval(
    state,
    now,
    (approval) => approval.type === 'proposal_hire' && approval.proposalId === proposal.id,
  );
  if (pending && sameTerms(pending.payload.milestone, terms)) return pending;
  if (pending) finishApproval(state, pending, 'expired', null, now);

  return createApproval(
    state,
    {
      accountId: proposal.accountId,
      requestedByTokenId: request.requestedByTokenId,
      type: 'proposal_hire',
      jobId: proposal.jobId,
      proposalId: proposal.id,
      summary: hireSummary(state, proposal, terms, charge.totalUsd),
      payload: { milestone: { ...terms }, freelancerId: proposal.freelancerId, chargeUsd: charge.totalUsd },
    },
    now,
  );
}

function refuseUnhireable(proposal: ProposalRecord, confirmNotFitOverride: boolean): void {
  if (proposal.status === 'HIRED') {
    throw conflict('This proposal has already been accepted; read its contract instead.', {
      reason: 'already_accepted',
      proposalId: proposal.id,
    });
  }
  if (proposal.status === 'NOT_A_FIT' && !confirmNotFitOverride) {
    throw conflict('This proposal is marked as not a fit; send confirmNotFitOverride: true to hire anyway.', {
      reason: 'not_fit_confirmation_required',
      proposalId: proposal.id,
    });
  }
}

/**
 * Without an amount, the first milestone covers the candidate's fixed-price bid, or 40 hours or 1,000 labels at
 * the bid rate; the human can still adjust it before confirming.
 */
function hireTerms(proposal: ProposalRecord, milestone: HireMilestoneInput): HireTerms {
  const defaultUnits = { FIXED_PRICE: 1, PER_HOUR: 40, PER_LABEL: 1000 }[proposal.bid.unit];
  return {
    name: milestone.name?.trim() || null,
    description: milestone.description?.trim() || null,
    amountUsd: roundUsd(milestone.amount ?? proposal.bid.amountUsd * defaultUnits),
    dueDate: milestone.dueDate ?? null,
  };
}

function sameTerms(recorded: unknown, terms: HireTerms): boolean {
  if (typeof recorded !== 'object' || recorded === null) return false;
  const before = recorded as Partial<HireTerms>;
  return (
    before.name === terms.name &&
    before.description === terms.description &&
    before.amountUsd === terms.amountUsd &&
    before.dueDate === terms.dueDate
  );
}

function hireSummary(state: SandboxState, proposal: ProposalRecord, terms: HireTerms, chargeUsd: number): string {
  const trainer = findTrainer(state, proposal.freelancerId);
  const job = state.jobs[proposal.jobId];
  const who = trainer ? maskedName(trainer).displayName : 'an AI trainer';
  const milestone = terms.name ?? terms.description ?? 'First milestone';
  return `Hire ${who} for "${job ? jobTitleOf(job) : 'your job'}" with a first milestone "${milestone}" of $${terms.amountUsd.toFixed(2)} (charged $${chargeUsd.toFixed(2)} with fees)`;
}

/** The hire approval's executor; checks everything before it changes anything. */
export function confirmHire(state: SandboxState, approval: Approval, now: number): ApprovalResult {
  const proposal = state.proposals[approval.proposalId ?? ''];
  if (!proposal)
    throw conflict('The proposal of this hire request no longer exists.', { proposalId: approval.proposalId });
  refuseUnhireable(proposal, true);
  const job = state.jobs[proposal.jobId];
  if (!job) throw conflict('The job of this hire request no longer exists.', { jobId: proposal.jobId });
  const terms = approval.payload.milestone as HireTerms;
  const charge = hireCharge(terms.amountUsd);
  if (!hasFundingFor(state, proposal.accountId, charge.totalUsd)) {
    throw conflict(`Add a payment method or enough credit to pay $${charge.totalUsd.toFixed(2)} for this hire.`, {
      reason: 'payment_method_required',
    });
  }

  setProposalStatus(state, proposal, 'HIRED', now);
  const contract = openContractFromHire(
    state,
    {
      accountId: proposal.accountId,
      jobId: job.id,
      proposalId: proposal.id,
      freelancerId: proposal.freelancerId,
      title: jobTitleOf(job),
      paymentType: paymentTypeOf(job),
      // The candidate's bid is the agreed rate (for fixed price, the contract price).
      rateUsd: proposal.bid.amountUsd,
      milestone: { ...terms },
    },
    now,
  );
  const conversation = openJobConversation(
    state,
    {
      accountId: proposal.accountId,
      freelancerId: proposal.freelancerId,
      proposalId: proposal.id,
      jobId: job.id,
      contractId: contract.id,
    },
    now,
  );
  contract.jobDmConversationId = conversation.id;
  approval.contractId = contract.id;
  return { hired: true, contractId: contract.id, jobId: job.id, freelancerUserId: proposal.freelancerId };
}
