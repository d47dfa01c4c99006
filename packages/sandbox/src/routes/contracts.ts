import { originOf, type SandboxContext } from '../http/context.js';
import { ApiError, forbidden, notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { createApproval, findPendingApproval, type NewApproval } from '../state/approvals.js';
import {
  accountContracts,
  contractSummaryView,
  contractView,
  endContractNow,
  hasFundedMilestones,
} from '../state/contracts.js';
import { billingUrl, hasFundingFor, milestoneCharge } from '../state/funding.js';
import {
  addMilestone,
  approveRefusal,
  fundMilestoneNow,
  fundRefusal,
  isRefusal,
  type MilestoneTerms,
  milestoneView,
  payMilestoneNow,
  paymentMethodRefusal,
  priceMilestone,
} from '../state/milestones.js';
import { createFundingInvoice, invoiceForApproval } from '../state/payments.js';
import type { ContractRecord } from '../state/records/money.js';
import {
  approvalAccepted,
  approvalContract,
  approvalMilestone,
  formatUsd,
  milestoneLabel,
  ownContract,
  ownMilestone,
  refusalError,
} from './money-support.js';

const READ = { scopes: ['payments:read' as const] };
const WRITE = (claimAction: string) => ({
  scopes: ['payments:write' as const],
  feature: 'public_api_payments_write' as const,
  claimAction,
});

const FUND_MESSAGE =
  'Funding request recorded. A signed-in human must confirm this approval in the OpenTrain app before any money moves.';
const RELEASE_MESSAGE =
  'Release request recorded. A signed-in human must confirm this approval in the OpenTrain app before any money moves.';
const END_MESSAGE =
  'This contract has funded milestones, so a signed-in human must confirm ending it in the OpenTrain app.';

/** Contracts and their escrow milestones; every money movement waits for a human's co-sign. */
export const contractRoutes: RouteFamily = {
  name: 'contracts',
  register(router) {
    router.operation(
      { operationId: 'listContracts', method: 'GET', path: '/api/public/v1/contracts', auth: READ },
      (c) => {
        const { state } = c.var.sandbox;
        const now = c.var.sandbox.now();
        const { account } = authOf(c);
        const query = inputOf(c).query as { jobId?: string; status?: ContractRecord['status'] };
        if (query.jobId !== undefined) {
          const job = state.jobs[query.jobId];
          if (!job) throw notFound('jobs', 'jobId', query.jobId);
          if (job.accountId !== account.id)
            throw forbidden('This job belongs to another account.', { jobId: query.jobId });
        }
        const contracts = accountContracts(state, account.id, query).map((contract) =>
          contractSummaryView(state, contract, now),
        );
        return c.json({ contracts });
      },
    );

    router.operation(
      { operationId: 'getContract', method: 'GET', path: '/api/public/v1/contracts/{contractId}', auth: READ },
      (c) => {
        const runtime = c.var.sandbox;
        const contract = ownContract(c, String(inputOf(c).path.contractId));
        return c.json({ contract: contractView(runtime.state, contract, runtime.now()) });
      },
    );

    router.operation(
      {
        operationId: 'endContract',
        method: 'POST',
        path: '/api/public/v1/contracts/{contractId}/end',
        auth: WRITE('end contracts'),
      },
      (c) => {
        const runtime = c.var.sandbox;
        const { state } = runtime;
        const now = runtime.now();
        const contract = ownContract(c, String(inputOf(c).path.contractId));
        const pending = findPendingApproval(
          state,
          now,
          (approval) => approval.type === 'contract_end' && approval.contractId === contract.id,
        );
        if (pending) return approvalAccepted(c, pending, END_MESSAGE);
        if (contract.status !== 'active') {
          throw new ApiError('CONFLICT', 'This contract has already ended.', { reason: 'contract_ended' });
        }
        if (!hasFundedMilestones(state, contract)) {
          endContractNow(state, contract, now);
          return c.json({ ok: true, contractId: contract.id, status: 'ended' as const }, 200);
        }
        const approval = requestContractApproval(c, contract, now, {
          type: 'contract_end',
          summary: `End the contract "${contract.title}" and return its unreleased escrow to you`,
        });
        return approvalAccepted(c, approval, END_MESSAGE);
      },
    );

    router.operation(
      {
        operationId: 'createMilestone',
        method: 'POST',
        path: '/api/public/v1/contracts/{contractId}/milestones',
        auth: WRITE('create milestones'),
      },
      (c) => {
        const runtime = c.var.sandbox;
        const now = runtime.now();
        const { path, body } = inputOf(c);
        const contract = ownContract(c, String(path.contractId));
        const terms = body as MilestoneTerms & { description: string };
        const priced = priceMilestone(contract, terms);
        if (isRefusal(priced)) throw refusalError(priced);
        const milestone = addMilestone(
          runtime.state,
          contract,
          {
            name: terms.name ?? null,
            description: terms.description,
            amountUsd: priced.amountUsd,
            volume: priced.volume,
            dueDate: terms.dueDate ?? null,
          },
          now,
        );
        return c.json({ milestone: milestoneView(runtime.state, milestone, now) }, 201);
      },
    );

    router.operation(
      {
        operationId: 'fundMilestone',
        method: 'POST',
        path: '/api/public/v1/milestones/{milestoneId}/fund',
        auth: WRITE('fund milestones'),
      },
      (c) => {
        const { state } = c.var.sandbox;
        const { milestone, contract, pending, now } = milestoneRequest(c, 'milestone_fund');
        if (pending) return approvalAccepted(c, pending, FUND_MESSAGE);
        const refusal = fundRefusal(contract, milestone);
        if (refusal) throw refusalError(refusal);
        const charge = milestoneCharge(milestone.amountUsd);
        if (!hasFundingFor(state, contract.accountId, charge.totalUsd)) {
          throw refusalError(paymentMethodRefusal(billingUrl(originOf(c), contract.accountId)));
        }
        const approval = requestContractApproval(c, contract, now, {
          type: 'milestone_fund',
          milestoneId: milestone.id,
          summary:
            `Fund milestone "${milestoneLabel(milestone)}" of "${contract.title}": ` +
            `${formatUsd(charge.escrowUsd)} into escrow + ${formatUsd(charge.feesUsd)} marketplace fee`,
        });
        createFundingInvoice(state, contract, milestone, charge, approval.id, now);
        return approvalAccepted(c, approval, FUND_MESSAGE);
      },
    );

    router.operation(
      {
        operationId: 'approveMilestone',
        method: 'POST',
        path: '/api/public/v1/milestones/{milestoneId}/approve',
        auth: WRITE('approve milestones'),
      },
      (c) => {
        const { milestone, contract, pending, now } = milestoneRequest(c, 'milestone_approve');
        if (pending) return approvalAccepted(c, pending, RELEASE_MESSAGE);
        const refusal = approveRefusal(contract, milestone);
        if (refusal) throw refusalError(refusal);
        const approval = requestContractApproval(c, contract, now, {
          type: 'milestone_approve',
          milestoneId: milestone.id,
          summary: `Release ${formatUsd(milestone.amountUsd)} for milestone "${milestoneLabel(milestone)}" of "${contract.title}" to the AI trainer (not reversible)`,
        });
        return approvalAccepted(c, approval, RELEASE_MESSAGE);
      },
    );
  },

  approvalExecutors: {
    milestone_fund: {
      confirm({ state, approval, now }) {
        const { contract, milestone } = approvalMilestone(state, approval);
        const refusal = fundRefusal(contract, milestone);
        if (refusal) throw refusalError(refusal);
        const charge = milestoneCharge(milestone.amountUsd);
        if (!hasFundingFor(state, contract.accountId, charge.totalUsd))
          throw refusalError(paymentMethodRefusal(undefined));
        const invoice =
          invoiceForApproval(state, approval.id) ??
          createFundingInvoice(state, contract, milestone, charge, approval.id, now);
        return fundMilestoneNow(state, contract, milestone, charge, invoice, now);
      },
      decline({ state, approval }) {
        const invoice = invoiceForApproval(state, approval.id);
        if (invoice?.status === 'awaiting_approval') invoice.status = 'void';
      },
    },
    milestone_approve: {
      confirm({ state, approval, now }) {
        const { contract, milestone } = approvalMilestone(state, approval);
        const refusal = approveRefusal(contract, milestone);
        if (refusal) throw refusalError(refusal);
        return payMilestoneNow(state, contract, milestone, now);
      },
    },
    contract_end: {
      confirm({ state, approval, now }) {
        const contract = approvalContract(state, approval);
        if (contract.status !== 'active') {
          throw new ApiError('CONFLICT', 'This contract has already ended.', { reason: 'contract_ended' });
        }
        endContractNow(state, contract, now);
        return { contractEnded: true };
      },
    },
  },
};

/** The caller's milestone, with the request of this type already waiting for the human, if any. */
function milestoneRequest(c: SandboxContext, type: 'milestone_fund' | 'milestone_approve') {
  const runtime = c.var.sandbox;
  const now = runtime.now();
  const { milestone, contract } = ownMilestone(c, String(inputOf(c).path.milestoneId));
  const pending = findPendingApproval(
    runtime.state,
    now,
    (approval) => approval.type === type && approval.milestoneId === milestone.id,
  );
  return { milestone, contract, pending, now };
}

/** Asks the account's human to co-sign an action on one of its contracts, on behalf of the calling token. */
function requestContractApproval(
  c: SandboxContext,
  contract: ContractRecord,
  now: number,
  request: Pick<NewApproval, 'type' | 'summary' | 'milestoneId'>,
) {
  return createApproval(
    c.var.sandbox.state,
    {
      accountId: contract.accountId,
      requestedByTokenId: authOf(c).token.id,
      contractId: contract.id,
      jobId: contract.jobId,
      ...request,
    },
    now,
  );
}
