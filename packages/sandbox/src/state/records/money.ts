/** Records of the money family: contracts, milestones, credits and top-ups. */

export type PaymentType = 'PAY_PER_LABEL' | 'PAY_PER_HOUR' | 'FIXED_PRICE';

export interface ContractRecord {
  id: string;
  accountId: string;
  jobId: string;
  proposalId: string;
  freelancerId: string;
  title: string;
  status: 'active' | 'ended';
  paymentType: PaymentType;
  rateUsd: number;
  startDate: string;
  endDate: string | null;
  /** The post-hire job conversation, opened by the hiring family when the hire is confirmed. */
  jobDmConversationId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneRecord {
  id: string;
  contractId: string;
  /** The spec's milestone status, e.g. `NOT_FUNDED`, `ACTIVE_FUNDED`. */
  status: string;
  createdAt: string;
}
