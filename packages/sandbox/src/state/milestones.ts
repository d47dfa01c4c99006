import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { findPendingApproval } from './approvals.js';
import { isActive, syncBudgetState } from './budget.js';
import { toIso } from './clock.js';
import { appendCreditEntry } from './credits.js';
import { appendEvent } from './events.js';
import { type Charge, fundingSourceFor, usdToCents } from './funding.js';
import { newId } from './random.js';
import type { ContractRecord, InvoiceRecord, MilestoneRecord, MilestoneStatus } from './records/money.js';
import type { SandboxState } from './types.js';

/**
 * Escrow milestones: creating them, and the money movements a confirmed approval performs on them (funding,
 * payout, refund). Rule checks return a `Refusal` instead of throwing, so routes and approval executors can turn it
 * into the documented error; the movements themselves assume the checks passed.
 */

export interface Refusal {
  status: 400 | 409;
  message: string;
  details: Record<string, unknown>;
}

const conflictOf = (reason: string, message: string): Refusal => ({ status: 409, message, details: { reason } });
const fieldError = (field: string, message: string): Refusal => ({ status: 400, message, details: { field } });

export interface MilestoneTerms {
  name?: string | null;
  description?: string | null;
  amountUsd?: number;
  volume?: number;
  /** `YYYY-MM-DD` or an ISO 8601 timestamp; stored as midnight UTC of that day. */
  dueDate?: string | null;
}

/** Amount and volume a new milestone gets on this contract, or why it cannot be added. */
export function priceMilestone(
  contract: ContractRecord,
  terms: MilestoneTerms,
): { amountUsd: number; volume: number | null } | Refusal {
  if (contract.status !== 'active') return conflictOf('contract_ended', 'This contract has ended.');
  if (contract.paymentType === 'FIXED_PRICE') {
    if (terms.volume !== undefined) {
      return fieldError('volume', 'volume applies to hourly and per-label contracts only; send amountUsd.');
    }
    if (terms.amountUsd === undefined) {
      return fieldError('amountUsd', 'amountUsd is required for fixed-price contracts.');
    }
    return { amountUsd: roundCents(terms.amountUsd), volume: null };
  }
  if (terms.volume === undefined) {
    return fieldError('volume', 'volume (hours or labels) is required for hourly and per-label contracts.');
  }
  if (contract.rateUsd === null) {
    return conflictOf('contract_rate_missing', 'This contract has no rate to price the milestone with.');
  }
  const amountUsd = roundCents(contract.rateUsd * terms.volume);
  if (terms.amountUsd !== undefined && Math.abs(terms.amountUsd - amountUsd) >= 0.005) {
    return fieldError(
      'amountUsd',
      `amountUsd must equal rate × volume: ${contract.rateUsd} × ${terms.volume} = ${amountUsd}.`,
    );
  }
  return { amountUsd, volume: terms.volume };
}

const roundCents = (usd: number) => Math.round(usd * 100) / 100;

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && 'status' in value && 'details' in value;

/** Midnight UTC of the given day. */
export function dueDateOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(value).toISOString().slice(0, 10);
  return `${day}T00:00:00.000Z`;
}

export function contractMilestones(state: SandboxState, contractId: string): MilestoneRecord[] {
  return Object.values(state.milestones)
    .filter((milestone) => milestone.contractId === contractId)
    .sort((a, b) => a.milestoneNumber - b.milestoneNumber);
}

/**
 * Adds a `NOT_FUNDED` milestone (priced by `priceMilestone`) and announces it, unless `announce` is false (the hire
 * milestone is funded in the same step, so only its funded status is announced).
 */
export function addMilestone(
  state: SandboxState,
  contract: ContractRecord,
  input: {
    name: string | null;
    description: string | null;
    amountUsd: number;
    volume: number | null;
    dueDate: string | null;
  },
  now: number,
  options: { announce?: boolean } = {},
): MilestoneRecord {
  const at = toIso(now);
  const milestone: MilestoneRecord = {
    id: newId(state, 'mil'),
    contractId: contract.id,
    accountId: contract.accountId,
    milestoneNumber: contractMilestones(state, contract.id).length + 1,
    name: input.name,
    description: input.description,
    status: 'NOT_FUNDED',
    amountUsd: input.amountUsd,
    volume: input.volume,
    dueDate: dueDateOf(input.dueDate),
    invoiceId: null,
    fundedWith: null,
    holdEntryId: null,
    needsReview: false,
    fundedAt: null,
    paidAt: null,
    createdAt: at,
    updatedAt: at,
  };
  state.milestones[milestone.id] = milestone;
  contract.updatedAt = at;
  if (options.announce !== false) announceStatus(state, contract, milestone, now);
  return milestone;
}

function setStatus(
  state: SandboxState,
  contract: ContractRecord,
  milestone: MilestoneRecord,
  status: MilestoneStatus,
  now: number,
) {
  milestone.status = status;
  milestone.updatedAt = toIso(now);
  contract.updatedAt = toIso(now);
  announceStatus(state, contract, milestone, now);
}

function announceStatus(state: SandboxState, contract: ContractRecord, milestone: MilestoneRecord, now: number) {
  appendEvent(
    state,
    {
      accountId: contract.accountId,
      type: 'milestone.status_changed',
      resourceId: milestone.id,
      jobId: contract.jobId,
      data: { milestoneId: milestone.id, contractId: contract.id, status: milestone.status },
    },
    now,
  );
}

/** Why funding this milestone is refused now, if it is. */
export function fundRefusal(contract: ContractRecord, milestone: MilestoneRecord): Refusal | undefined {
  if (contract.status !== 'active' || milestone.status !== 'NOT_FUNDED') {
    return conflictOf(
      'milestone_not_fundable',
      contract.status !== 'active'
        ? 'This milestone cannot be funded: its contract has ended.'
        : `This milestone cannot be funded: it is ${milestone.status}, not NOT_FUNDED.`,
    );
  }
  return undefined;
}

/** Why releasing this milestone's payout is refused now, if it is. */
export function approveRefusal(contract: ContractRecord, milestone: MilestoneRecord): Refusal | undefined {
  if (contract.status !== 'active') return conflictOf('contract_ended', 'This contract has ended.');
  if (milestone.status === 'NOT_FUNDED') {
    return conflictOf('milestone_not_funded', 'Fund this milestone before approving it.');
  }
  if (!isActive(milestone)) {
    return conflictOf(
      'milestone_not_approvable',
      `This milestone is ${milestone.status}; there is no payout to release.`,
    );
  }
  return undefined;
}

export function paymentMethodRefusal(billingUrl: string | undefined): Refusal {
  return {
    status: 409,
    message: 'Add a payment method (or enough credit) before money can move.',
    details: billingUrl ? { reason: 'payment_method_required', billingUrl } : { reason: 'payment_method_required' },
  };
}

/** A pending approval (fund or approve) is waiting on this milestone. */
export function hasPendingApproval(state: SandboxState, milestone: MilestoneRecord, now: number): boolean {
  return findPendingApproval(state, now, (approval) => approval.milestoneId === milestone.id) !== undefined;
}

/**
 * Funds a milestone: the charge is taken from credits when they cover it (a `HOLD` of the whole charge, with the
 * fees captured at once so only the escrow stays reserved), otherwise from the card on file. The invoice is marked
 * paid. Callers check `fundRefusal` and the funding source first; this throws when there is no way to pay.
 */
export function fundMilestoneNow(
  state: SandboxState,
  contract: ContractRecord,
  milestone: MilestoneRecord,
  charge: Charge,
  invoice: InvoiceRecord,
  now: number,
): { invoiceId: string; paymentIntentId: string } {
  const source = fundingSourceFor(state, contract.accountId, charge.totalUsd);
  if (!source) throw new Error(`account ${contract.accountId} cannot pay ${charge.totalUsd} USD`);
  if (source === 'credits') {
    const links = {
      accountId: contract.accountId,
      proposalId: contract.proposalId,
      contractId: contract.id,
      milestoneId: milestone.id,
    };
    const hold = appendCreditEntry(
      state,
      { ...links, type: 'HOLD', amountCents: -usdToCents(charge.totalUsd), note: 'Milestone escrow and fees' },
      now,
    );
    if (charge.feesUsd > 0) {
      appendCreditEntry(
        state,
        {
          ...links,
          type: 'CAPTURE',
          amountCents: -usdToCents(charge.feesUsd),
          holdEntryId: hold.id,
          note: 'Marketplace fees',
        },
        now,
      );
    }
    milestone.holdEntryId = hold.id;
  }
  invoice.status = 'paid';
  invoice.paidAt = toIso(now);
  invoice.paymentIntentId = newId(state, 'pi');
  milestone.fundedWith = source;
  milestone.fundedAt = toIso(now);
  milestone.invoiceId = invoice.id;
  setStatus(state, contract, milestone, 'ACTIVE_FUNDED', now);
  syncBudgetState(state, contract, now);
  return { invoiceId: invoice.id, paymentIntentId: invoice.paymentIntentId };
}

/** Releases the escrow to the AI trainer. Callers check `approveRefusal` first. */
export function payMilestoneNow(
  state: SandboxState,
  contract: ContractRecord,
  milestone: MilestoneRecord,
  now: number,
): { invoiceId: string; payoutTransactionId: string } {
  const invoiceId = milestone.invoiceId;
  if (!invoiceId) throw new Error(`milestone ${milestone.id} was never funded`);
  if (milestone.fundedWith === 'credits') {
    appendCreditEntry(
      state,
      {
        accountId: contract.accountId,
        type: 'CAPTURE',
        amountCents: -usdToCents(milestone.amountUsd),
        holdEntryId: milestone.holdEntryId,
        proposalId: contract.proposalId,
        contractId: contract.id,
        milestoneId: milestone.id,
        note: 'Milestone payout',
      },
      now,
    );
  }
  milestone.paidAt = toIso(now);
  setStatus(state, contract, milestone, 'PAID', now);
  return { invoiceId, payoutTransactionId: newId(state, 'po') };
}

/** Returns a funded, unpaid milestone's escrow to the employer (credits back to available; a card is refunded). */
export function refundMilestoneNow(
  state: SandboxState,
  contract: ContractRecord,
  milestone: MilestoneRecord,
  now: number,
) {
  if (milestone.fundedWith === 'credits') {
    appendCreditEntry(
      state,
      {
        accountId: contract.accountId,
        type: 'HOLD_RELEASE',
        amountCents: usdToCents(milestone.amountUsd),
        holdEntryId: milestone.holdEntryId,
        proposalId: contract.proposalId,
        contractId: contract.id,
        milestoneId: milestone.id,
        note: 'Contract ended; escrow returned',
      },
      now,
    );
  }
  setStatus(state, contract, milestone, 'REFUNDED', now);
}

export function cancelMilestoneNow(
  state: SandboxState,
  contract: ContractRecord,
  milestone: MilestoneRecord,
  now: number,
) {
  setStatus(state, contract, milestone, 'CANCELLED', now);
}

/** The wire form (`Milestone`). */
export function milestoneView(
  state: SandboxState,
  milestone: MilestoneRecord,
  now: number,
): PublicComponents['schemas']['Milestone'] {
  return {
    id: milestone.id,
    name: milestone.name,
    description: milestone.description,
    status: milestone.status,
    amountUsd: milestone.amountUsd,
    volume: milestone.volume,
    milestoneNumber: milestone.milestoneNumber,
    dueDate: milestone.dueDate,
    pendingApproval: hasPendingApproval(state, milestone, now),
    needsReview: milestone.needsReview,
    invoiceId: milestone.invoiceId,
    createdAt: milestone.createdAt,
  };
}
