import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { contractBudget, isActive, syncBudgetState } from './budget.js';
import { toIso } from './clock.js';
import { appendEvent } from './events.js';
import { fundingSourceFor, hireCharge } from './funding.js';
import {
  addMilestone,
  cancelMilestoneNow,
  contractMilestones,
  fundMilestoneNow,
  milestoneView,
  refundMilestoneNow,
} from './milestones.js';
import { createFundingInvoice } from './payments.js';
import { newId } from './random.js';
import type { ContractRecord, PaymentType } from './records/money.js';
import type { SandboxState } from './types.js';

type Schemas = PublicComponents['schemas'];

export interface HireContractInput {
  accountId: string;
  jobId: string;
  proposalId: string;
  /** The hired AI trainer's user id (a `FreelancerRecord` id). */
  freelancerId: string;
  title: string;
  paymentType: PaymentType;
  /** USD per hour, per label, or for the whole fixed-price contract; null when the job has no rate. */
  rateUsd: number | null;
  /** Hours or labels the job expects, when known. */
  estimatedVolume?: number | null;
  /** The post-hire job conversation, if the caller already opened it (it may also set it afterwards). */
  jobDmConversationId?: string | null;
  /** The first escrow milestone, as the human confirmed it. `dueDate` is `YYYY-MM-DD` or an ISO timestamp. */
  milestone: { name?: string | null; description?: string | null; amountUsd: number; dueDate?: string | null };
}

/**
 * What a confirmed hire does on the money side: opens the active contract with its first milestone and funds that
 * milestone at once, charging the milestone + 10% marketplace fee + $9.95 contract initiation fee (from credits
 * when the available balance covers the whole charge, otherwise from the card on file). Announces
 * `contract.created` and `milestone.status_changed` (ACTIVE_FUNDED).
 *
 * The hire executor must check `hasFundingFor(state, accountId, hireCharge(amount).totalUsd)` first; this throws
 * when the account cannot pay, before changing anything.
 */
export function openContractFromHire(state: SandboxState, input: HireContractInput, now: number): ContractRecord {
  const charge = hireCharge(input.milestone.amountUsd);
  if (!fundingSourceFor(state, input.accountId, charge.totalUsd)) {
    throw new Error(`account ${input.accountId} has no payment method or credit for a ${charge.totalUsd} USD hire`);
  }
  const at = toIso(now);
  const contract: ContractRecord = {
    id: newId(state, 'ctr'),
    accountId: input.accountId,
    jobId: input.jobId,
    proposalId: input.proposalId,
    freelancerId: input.freelancerId,
    title: input.title,
    status: 'active',
    paymentType: input.paymentType,
    rateUsd: input.rateUsd,
    estimatedVolume: input.estimatedVolume ?? null,
    startDate: at,
    endDate: null,
    jobDmConversationId: input.jobDmConversationId ?? null,
    usage: [],
    budgetState: 'OK',
    createdAt: at,
    updatedAt: at,
  };
  state.contracts[contract.id] = contract;
  appendEvent(
    state,
    {
      accountId: contract.accountId,
      type: 'contract.created',
      resourceId: contract.id,
      jobId: contract.jobId,
      data: { contractId: contract.id, jobId: contract.jobId, proposalId: contract.proposalId },
    },
    now,
  );

  const rate = contract.paymentType === 'FIXED_PRICE' ? null : contract.rateUsd;
  const milestone = addMilestone(
    state,
    contract,
    {
      name: input.milestone.name || null,
      description: input.milestone.description || null,
      amountUsd: charge.escrowUsd,
      // Hours or labels the first milestone buys, so the budget has a funded volume from the start.
      volume: rate ? Math.round((charge.escrowUsd / rate) * 10_000) / 10_000 : null,
      dueDate: input.milestone.dueDate ?? null,
    },
    now,
    { announce: false },
  );
  const invoice = createFundingInvoice(state, contract, milestone, charge, null, now);
  fundMilestoneNow(state, contract, milestone, charge, invoice, now);
  return contract;
}

export interface ContractFilter {
  jobId?: string;
  status?: ContractRecord['status'];
}

/** The account's contracts, newest first. */
export function accountContracts(state: SandboxState, accountId: string, filter: ContractFilter = {}) {
  return Object.values(state.contracts)
    .filter(
      (contract) =>
        contract.accountId === accountId &&
        (filter.jobId === undefined || contract.jobId === filter.jobId) &&
        (filter.status === undefined || contract.status === filter.status),
    )
    .reverse()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Funded and not yet paid out: ending the contract would have to refund this escrow. */
export function hasFundedMilestones(state: SandboxState, contract: ContractRecord): boolean {
  return contractMilestones(state, contract.id).some(isActive);
}

/**
 * Ends an active contract: escrow of funded, unpaid milestones goes back to the employer (REFUNDED), milestones
 * never funded are CANCELLED. Callers make sure the contract is active (and have a human's confirmation when
 * escrow is involved).
 */
export function endContractNow(state: SandboxState, contract: ContractRecord, now: number): void {
  for (const milestone of contractMilestones(state, contract.id)) {
    if (isActive(milestone)) refundMilestoneNow(state, contract, milestone, now);
    else if (milestone.status === 'NOT_FUNDED') cancelMilestoneNow(state, contract, milestone, now);
  }
  contract.status = 'ended';
  contract.endDate = toIso(now);
  contract.updatedAt = toIso(now);
  syncBudgetState(state, contract, now);
}

/** Refunded and cancelled milestones are left out of the timeline. */
const TIMELINE_HIDDEN = new Set(['REFUNDED', 'CANCELLED']);

/** The wire form of a listed contract (`ContractSummary`). */
export function contractSummaryView(
  state: SandboxState,
  contract: ContractRecord,
  now: number,
): Schemas['ContractSummary'] {
  const milestones = contractMilestones(state, contract.id);
  const timeline = milestones.filter((milestone) => !TIMELINE_HIDDEN.has(milestone.status));
  return {
    id: contract.id,
    status: contract.status,
    title: contract.title,
    jobId: contract.jobId,
    proposalId: contract.proposalId,
    paymentType: contract.paymentType,
    rateUsd: contract.rateUsd,
    estimatedTotalUsd: estimatedTotalUsd(
      contract,
      timeline.map((milestone) => milestone.amountUsd),
    ),
    estimatedVolume: contract.estimatedVolume,
    hasActiveMilestone: milestones.some(isActive),
    startDate: contract.startDate,
    endDate: contract.endDate,
    createdAt: contract.createdAt,
    updatedAt: contract.updatedAt,
    freelancer: freelancerView(state, contract.freelancerId),
    milestones: timeline.map((milestone) => milestoneView(state, milestone, now)),
  };
}

/** The wire form of one contract (`Contract`): the summary plus the job conversation and the budget. */
export function contractView(state: SandboxState, contract: ContractRecord, now: number): Schemas['Contract'] {
  return {
    ...contractSummaryView(state, contract, now),
    jobDmConversationId: contract.jobDmConversationId,
    budget: contractBudget(state, contract),
  };
}

/**
 * Fixed price: the contract price. Hourly and per-label: rate × expected volume when both are known. Otherwise
 * the sum of the milestones on the timeline; null when there is nothing to go on.
 */
function estimatedTotalUsd(contract: ContractRecord, milestoneAmounts: number[]): number | null {
  if (contract.paymentType === 'FIXED_PRICE' && contract.rateUsd !== null) return contract.rateUsd;
  if (contract.rateUsd !== null && contract.estimatedVolume !== null) {
    return Math.round(contract.rateUsd * contract.estimatedVolume * 100) / 100;
  }
  if (milestoneAmounts.length === 0) return null;
  return Math.round(milestoneAmounts.reduce((sum, amount) => sum + amount, 0) * 100) / 100;
}

/** The hired AI trainer, masked to first name and last initial. */
function freelancerView(state: SandboxState, freelancerId: string): Schemas['ContractFreelancer'] {
  const freelancer = state.freelancers[freelancerId];
  if (!freelancer)
    return { userId: freelancerId, displayName: 'Freelancer', country: '', profilePath: `/profile/${freelancerId}` };
  const initial = freelancer.lastName.trim().charAt(0).toUpperCase();
  const first = freelancer.firstName.trim();
  return {
    userId: freelancer.id,
    displayName: first ? `${first}${initial ? ` ${initial}.` : ''}` : 'Freelancer',
    country: freelancer.country,
    profilePath: `/profile/${freelancer.slug}`,
  };
}
