/** Records of the money family: contracts, milestones, invoices, credits, top-ups and payment methods. */

import type { PublicComponents } from '@opentrain-ai/sdk/types';

type Schemas = PublicComponents['schemas'];

export type PaymentType = Schemas['PaymentType'];

export type MilestoneStatus = Schemas['MilestoneStatus'];

export type BudgetState = Schemas['BudgetState'];

/**
 * One worker's cumulative totals for one day, as the Platform API's usage sync reports them. A new report for the
 * same (worker, day) replaces the stored totals; a field it omits keeps its previous value.
 */
export interface ContractUsageRecord {
  workerUserId: string;
  /** `YYYY-MM-DD`. */
  workDate: string;
  totalSeconds: number;
  tasksCompleted: number;
  labelsCompleted: number;
  externalReportId: string | null;
  /** When this (worker, day) was last reported. */
  reportedAt: string;
}

export interface ContractRecord {
  id: string;
  accountId: string;
  jobId: string;
  proposalId: string;
  freelancerId: string;
  title: string;
  status: Schemas['ContractStatus'];
  paymentType: PaymentType;
  /** USD per hour, per label, or for the whole fixed-price contract; null when the contract has no rate. */
  rateUsd: number | null;
  /** Hours or labels the job expects, when known (hourly and per-label contracts). */
  estimatedVolume: number | null;
  startDate: string;
  endDate: string | null;
  /** The post-hire job conversation, opened by the hiring family when the hire is confirmed. */
  jobDmConversationId: string | null;
  /** Reported work, one entry per (worker, day); see `recordContractUsage`. */
  usage: ContractUsageRecord[];
  /** The budget state last announced with `contract.budget_state_changed`. */
  budgetState: BudgetState;
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneRecord {
  id: string;
  contractId: string;
  accountId: string;
  /** 1 for the hire milestone, then counting up per contract. */
  milestoneNumber: number;
  name: string | null;
  description: string | null;
  status: MilestoneStatus;
  amountUsd: number;
  /** Hours or labels for hourly and per-label contracts; null for fixed price. */
  volume: number | null;
  /** Midnight UTC of the due date. */
  dueDate: string | null;
  /** The funding invoice, set once the milestone is funded. */
  invoiceId: string | null;
  /** Where the escrow came from; null until funded. */
  fundedWith: 'card' | 'credits' | null;
  /** The credit `HOLD` entry holding the escrow, when funded from credits. */
  holdEntryId: string | null;
  /** The AI trainer delivered and asked for review (never set by the sandbox's own flows). */
  needsReview: boolean;
  fundedAt: string | null;
  paidAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A funding invoice: created when funding is requested (or paid at once for the hire milestone). It is pending
 * while its approval is pending, `paid` once the human confirmed, `void` when the request was declined or lapsed.
 */
export interface InvoiceRecord {
  id: string;
  accountId: string;
  contractId: string;
  milestoneId: string;
  jobId: string;
  kind: 'FUNDING';
  invoiceNumber: number;
  /** The milestone amount (what the escrow holds). */
  amountUsd: number;
  /** Marketplace and initiation fees charged on top. */
  feesUsd: number;
  status: 'awaiting_approval' | 'paid' | 'void';
  approvalId: string | null;
  paymentIntentId: string | null;
  paidAt: string | null;
  createdAt: string;
}

export type CreditEntryType = Schemas['CreditLedgerEntryType'];

/** One movement of an account's credit balance; the balance is always derived from these. */
export interface CreditEntryRecord {
  id: string;
  /** Orders entries and anchors ledger cursors. */
  sequence: number;
  accountId: string;
  type: CreditEntryType;
  /** Signed cents: `HOLD` and `CAPTURE` are negative, `TOP_UP`, `HOLD_RELEASE` and `REFUND` positive. */
  amountCents: number;
  holdEntryId: string | null;
  /** The proposal the money relates to (the wire calls it `jobofferId`). */
  proposalId: string | null;
  contractId: string | null;
  milestoneId: string | null;
  topUpId: string | null;
  note: string | null;
  createdAt: string;
}

export type CreditTopUpStatus = Schemas['CreditTopUpStatus'];

export interface CreditTopUpRecord {
  id: string;
  accountId: string;
  status: CreditTopUpStatus;
  amountCents: number;
  createdAt: string;
  completedAt: string | null;
  expiresAt: string;
}

/** A card on file (sandbox cards are labels only; nothing is ever charged). */
export interface PaymentMethodRecord {
  accountId: string;
  brand: string;
  last4: string;
  addedAt: string;
}
