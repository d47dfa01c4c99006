import { originOf } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { approvalView } from '../state/approvals.js';
import { proposalConversation } from '../state/conversations.js';
import { confirmHire, HIRE_REQUESTED_MESSAGE, type HireMilestoneInput, requestHire } from '../state/hires.js';
import {
  admitDueApplicants,
  interviewView,
  listJobProposals,
  ownJob,
  ownProposal,
  proposalDetailView,
} from '../state/proposals.js';
import { findTrainer, profileView } from '../state/trainers.js';

/** Proposals on your jobs, the AI trainers behind them, the pre-hire conversation and the co-signed hire. */
export const hiringRoutes: RouteFamily = {
  name: 'hiring',
  register(router) {
    router.operation(
      {
        operationId: 'listProposals',
        method: 'GET',
        path: '/api/public/v1/jobs/{jobId}/proposals',
        auth: { scopes: ['proposals:read'] },
      },
      (c) => {
        const { state } = c.var.sandbox;
        const { path, query } = inputOf(c);
        const job = ownJob(state, authOf(c).account.id, String(path.jobId));
        return c.json(
          listJobProposals(state, job, {
            status: query.status as string | undefined,
            limit: query.limit as number | undefined,
            cursor: query.cursor as string | undefined,
          }),
        );
      },
    );

    router.operation(
      {
        operationId: 'getProposal',
        method: 'GET',
        path: '/api/public/v1/proposals/{proposalId}',
        auth: { scopes: ['proposals:read'] },
      },
      (c) => {
        const { state } = c.var.sandbox;
        const proposal = ownProposal(state, authOf(c).account.id, String(inputOf(c).path.proposalId));
        return c.json({ proposal: proposalDetailView(state, proposal) });
      },
    );

    router.operation(
      {
        operationId: 'getProposalInterview',
        method: 'GET',
        path: '/api/public/v1/proposals/{proposalId}/interview',
        auth: { scopes: ['proposals:read'] },
      },
      (c) => {
        const { state } = c.var.sandbox;
        const proposal = ownProposal(state, authOf(c).account.id, String(inputOf(c).path.proposalId));
        return c.json({ interview: interviewView(proposal) });
      },
    );

    router.operation(
      {
        operationId: 'getFreelancer',
        method: 'GET',
        path: '/api/public/v1/freelancers/{idOrSlug}',
        auth: { scopes: ['proposals:read'] },
      },
      (c) => {
        const idOrSlug = String(inputOf(c).path.idOrSlug);
        const trainer = findTrainer(c.var.sandbox.state, idOrSlug);
        if (!trainer) throw notFound('freelancers', 'idOrSlug', idOrSlug);
        return c.json({ freelancer: profileView(trainer) });
      },
    );

    router.operation(
      {
        operationId: 'startProposalConversation',
        method: 'POST',
        path: '/api/public/v1/proposals/{proposalId}/conversation',
        auth: { scopes: ['messages:write'], feature: 'public_api_messaging_writes', claimAction: 'send messages' },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const proposal = ownProposal(runtime.state, authOf(c).account.id, String(inputOf(c).path.proposalId));
        const { conversation, created } = proposalConversation(runtime.state, proposal, runtime.now());
        return c.json({
          ok: true,
          conversationId: conversation.id,
          proposalId: proposal.id,
          jobId: proposal.jobId,
          created,
        });
      },
    );

    router.operation(
      {
        operationId: 'hireProposal',
        method: 'POST',
        path: '/api/public/v1/proposals/{proposalId}/hire',
        auth: { scopes: ['proposals:write'], feature: 'public_api_hiring', claimAction: 'hire AI trainers' },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const { token, account } = authOf(c);
        const { path, body } = inputOf(c);
        const request = body as { milestone: HireMilestoneInput; confirmNotFitOverride?: boolean };
        const proposal = ownProposal(runtime.state, account.id, String(path.proposalId), 'not_found');
        const approval = requestHire(
          runtime.state,
          {
            proposal,
            requestedByTokenId: token.id,
            milestone: request.milestone,
            confirmNotFitOverride: request.confirmNotFitOverride === true,
            origin: originOf(c),
          },
          runtime.now(),
        );
        return c.json({ approval: approvalView(approval, originOf(c)), message: HIRE_REQUESTED_MESSAGE }, 202);
      },
    );
  },

  approvalExecutors: {
    proposal_hire: { confirm: ({ state, approval, now }) => confirmHire(state, approval, now) },
  },

  tick: admitDueApplicants,
};
