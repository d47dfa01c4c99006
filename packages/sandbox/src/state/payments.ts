import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { expireIfDue } from './approvals.js';
import { toIso } from './clock.js';
import { appendEvent } from './events.js';
import type { Charge } from './funding.js';
import { newId, nextSequence } from './random.js';
import type { ContractRecord, InvoiceRecord, MilestoneRecord } from './records/money.js';
import type { SandboxState } from './types.js';

/** Invoice numbers are sequential across the sandbox, like a real billing system's. */
const FIRST_INVOICE_NUMBER = 1001;

/**
 * A funding invoice. With `approvalId` it awaits the human's confirmation and announces `payment.pending`;
 * without one (the hire milestone, paid on confirmation of the hire) the caller marks it paid straight away.
 */
export function createFundingInvoice(
  state: SandboxState,
  contract: ContractRecord,
  milestone: MilestoneRecord,
  charge: Charge,
  approvalId: string | null,
  now: number,
): InvoiceRecord {
  const invoice: InvoiceRecord = {
    id: newId(state, 'inv'),
    accountId: contract.accountId,
    contractId: contract.id,
    milestoneId: milestone.id,
    jobId: contract.jobId,
    kind: 'FUNDING',
    invoiceNumber: nextSequence(state, 'invoice', FIRST_INVOICE_NUMBER),
    amountUsd: charge.escrowUsd,
    feesUsd: charge.feesUsd,
    status: 'awaiting_approval',
    approvalId,
    paymentIntentId: null,
    paidAt: null,
    createdAt: toIso(now),
  };
  state.invoices[invoice.id] = invoice;
  if (approvalId) {
    appendEvent(
      state,
      {
        accountId: contract.accountId,
        type: 'payment.pending',
        resourceId: invoice.id,
        jobId: contract.jobId,
        data: { invoiceId: invoice.id, milestoneId: milestone.id, contractId: contract.id },
      },
      now,
    );
  }
  return invoice;
}

export function invoiceForApproval(state: SandboxState, approvalId: string): InvoiceRecord | undefined {
  return Object.values(state.invoices).find((invoice) => invoice.approvalId === approvalId);
}

/**
 * An invoice still awaits funding while its approval is pending and its milestone can still be funded. Once that
 * stops being true (declined, expired, contract ended) it is voided, so the check also tidies up.
 */
export function isAwaitingFunding(state: SandboxState, invoice: InvoiceRecord, now: number): boolean {
  if (invoice.status !== 'awaiting_approval') return false;
  const approval = invoice.approvalId ? state.approvals[invoice.approvalId] : undefined;
  if (approval) expireIfDue(state, approval, now);
  const milestone = state.milestones[invoice.milestoneId];
  const contract = state.contracts[invoice.contractId];
  const live = approval?.status === 'pending' && milestone?.status === 'NOT_FUNDED' && contract?.status === 'active';
  if (!live) invoice.status = 'void';
  return live;
}

/** `GET /payments/pending` for an employer: the funding invoices awaiting a human, newest first. */
export function pendingPaymentsView(
  state: SandboxState,
  accountId: string,
  now: number,
): PublicComponents['schemas']['PendingPayment'][] {
  return Object.values(state.invoices)
    .filter((invoice) => invoice.accountId === accountId && isAwaitingFunding(state, invoice, now))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.invoiceNumber - a.invoiceNumber)
    .map((invoice) => {
      const contract = state.contracts[invoice.contractId];
      const milestone = state.milestones[invoice.milestoneId];
      return {
        id: invoice.id,
        status: 'PENDING_FUNDING' as const,
        invoiceKind: invoice.kind,
        viewerRole: 'EMPLOYER',
        amountUsd: invoice.amountUsd,
        createdAt: invoice.createdAt,
        invoiceNumber: invoice.invoiceNumber,
        job: { id: invoice.jobId, title: state.jobs[invoice.jobId]?.title ?? contract?.title ?? '' },
        milestone: {
          id: invoice.milestoneId,
          name: milestone?.name ?? `Milestone ${milestone?.milestoneNumber ?? ''}`.trim(),
        },
      };
    });
}
