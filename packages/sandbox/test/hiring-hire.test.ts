import { describe, expect, it } from 'vitest';
import { removePaymentMethod } from '../src/state/funding.js';
import {
  eventsOf,
  type HiringWorld,
  hiringWorld,
  jobWithApplicants,
  MINUTE,
  ORIGIN,
  otherEmployer,
  publishJob,
  START,
  tokenWith,
} from './hiring-support.js';

const MILESTONE = {
  name: 'First labeling batch',
  description: 'Label the first 5,000 posts per the guidelines',
  amount: 300,
  dueDate: '2026-07-01',
};
const HIRE_MESSAGE =
  'Hire request recorded. A signed-in human must confirm this approval in the OpenTrain app before the freelancer is hired and any money moves.';

const hire = (world: HiringWorld, proposalId: string, body: unknown = { milestone: MILESTONE }, token?: string) =>
  world.call('POST', `/api/public/v1/proposals/${proposalId}/hire`, { body, token });

/** Presses the approval page's Confirm button, as the human does. */
const pressConfirm = (world: HiringWorld, approvalId: string) =>
  world.sandbox.fetch(
    new Request(`${ORIGIN}/approvals/${approvalId}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    }),
  );

describe('POST /proposals/{proposalId}/hire', () => {
  it('records a pending proposal_hire approval and answers 202 without hiring anyone', async () => {
    const world = await hiringWorld();
    const { job, proposals } = await jobWithApplicants(world);
    const proposalId = proposals[0].id;
    const requested = await hire(world, proposalId);

    expect(requested.status).toBe(202);
    expect(requested.body).toEqual({
      approval: {
        id: expect.stringMatching(/^apr_/),
        type: 'proposal_hire',
        status: 'pending',
        contractId: null,
        milestoneId: null,
        jobId: job.id,
        proposalId,
        approvalUrl: `${ORIGIN}/approvals/${requested.body.approval.id}`,
        expiresAt: new Date(Date.parse(START) + (72 * 60 + 60) * MINUTE * 1000).toISOString(),
        resolvedAt: null,
        result: null,
        createdAt: new Date(Date.parse(START) + 60 * MINUTE * 1000).toISOString(),
      },
      message: HIRE_MESSAGE,
    });
    const detail = await world.call('GET', `/api/public/v1/proposals/${proposalId}`);
    expect(detail.body.proposal).toMatchObject({ status: { raw: 'UNREVIEWED' }, contract: null });
    expect(world.sandbox.state.contracts).toEqual({});

    const page = await (await world.sandbox.fetch(new Request(requested.body.approval.approvalUrl))).text();
    expect(page).toContain('Hire an AI trainer');
    expect(page).toContain('First labeling batch');
    expect(page).toContain('$300.00 (charged $339.95 with fees)');
  });

  it('returns the same approval for the same terms and supersedes it for new terms', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const proposalId = proposals[0].id;
    const first = (await hire(world, proposalId)).body.approval;
    const repeat = await hire(world, proposalId);
    expect(repeat.status).toBe(202);
    expect(repeat.body.approval).toEqual(first);

    const changed = await hire(world, proposalId, { milestone: { ...MILESTONE, amount: 450 } });
    expect(changed.status).toBe(202);
    expect(changed.body.approval.id).not.toBe(first.id);
    expect(changed.body.approval.status).toBe('pending');

    const old = await world.call('GET', `/api/public/v1/approvals/${first.id}`);
    expect(old.body.approval).toMatchObject({ status: 'expired', resolvedAt: changed.body.approval.createdAt });
    expect(eventsOf(world.sandbox, 'approval.confirmed').map((event) => event.data)).toEqual([
      { approvalId: first.id, status: 'expired' },
    ]);
    // Only one hire request per proposal is live.
    const pending = Object.values(world.sandbox.state.approvals).filter((a) => a.status === 'pending');
    expect(pending.map((a) => a.id)).toEqual([changed.body.approval.id]);
    expect((await pressConfirm(world, first.id)).status).toBe(409);
  });

  it('asks for confirmation before hiring a proposal marked Not a fit', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const proposalId = proposals[0].id;
    await world.sandbox.control.setProposalStatus(proposalId, 'NOT_A_FIT');

    const refused = await hire(world, proposalId);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'not_fit_confirmation_required', proposalId },
    });
    const overridden = await hire(world, proposalId, { milestone: MILESTONE, confirmNotFitOverride: true });
    expect(overridden.status).toBe(202);
  });

  it('needs a payment method or enough credit, pointing the human at billing', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    await world.sandbox.control.mutate((state) => removePaymentMethod(state, world.accountId));

    const refused = await hire(world, proposals[0].id);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual({
      reason: 'payment_method_required',
      billingUrl: `${ORIGIN}/settings/billing?accountId=${world.accountId}`,
    });
    expect(refused.body.error).toContain('$339.95');
    expect(world.sandbox.state.approvals).toEqual({});
  });

  it('enforces the documented gates and only hires proposals on your own jobs', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const proposalId = proposals[0].id;

    const readOnly = await tokenWith(world.sandbox, world.accountId, ['proposals:read']);
    const scoped = await hire(world, proposalId, undefined, readOnly);
    expect(scoped.status).toBe(403);
    expect(scoped.body.details.requiredScopes).toEqual(['proposals:write']);

    const stranger = await otherEmployer(world.sandbox);
    const foreign = await hire(world, proposalId, undefined, stranger);
    expect(foreign.status).toBe(404);
    expect(foreign.body.details).toEqual({ resource: 'proposals', proposalId });

    const noName = await hire(world, proposalId, { milestone: { amount: 300 } });
    expect(noName.status).toBe(400);
    const notPositive = await hire(world, proposalId, { milestone: { name: 'Batch', amount: 0 } });
    expect(notPositive.status).toBe(400);
    expect(notPositive.body.details.field).toBe('milestone.amount');

    await world.sandbox.control.setFeatures(world.accountId, { public_api_hiring: false });
    const featureOff = await hire(world, proposalId);
    expect(featureOff.status).toBe(403);
    expect(featureOff.body.details.featureKey).toBe('public_api_hiring');

    const agent = await hiringWorld({}, 'unclaimed-agent');
    await publishJob(agent.sandbox, agent.accountId);
    await agent.advance(60 * MINUTE);
    const wideToken = await tokenWith(agent.sandbox, agent.accountId);
    const unclaimed = await hire(agent, Object.keys(agent.sandbox.state.proposals)[0] as string, undefined, wideToken);
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.body.details).toMatchObject({
      reason: 'account_claim_required',
      action: 'hire AI trainers',
    });
  });

  it('defaults the first milestone to the bid when no amount is given', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const { bid } = proposals[0];
    const requested = await hire(world, proposals[0].id, { milestone: { name: 'Pilot batch' } });
    expect(requested.status).toBe(202);
    const stored = world.sandbox.state.approvals[requested.body.approval.id];
    expect(stored?.payload.milestone).toEqual({
      name: 'Pilot batch',
      description: null,
      amountUsd: Math.round(bid.amountUsd * 1000 * 100) / 100,
      dueDate: null,
    });
  });
});

describe('confirming a hire on the approval page', () => {
  it('hires the trainer: proposal HIRED, contract with its funded milestone, and the job conversation', async () => {
    const world = await hiringWorld();
    const { job, proposals } = await jobWithApplicants(world);
    const proposal = proposals[0];
    const approval = (await hire(world, proposal.id)).body.approval;

    const confirmed = await pressConfirm(world, approval.id);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/approvals/${approval.id}`);

    const after = (await world.call('GET', `/api/public/v1/approvals/${approval.id}`)).body.approval;
    expect(after).toMatchObject({
      status: 'confirmed',
      contractId: expect.stringMatching(/^ctr_/),
      result: { hired: true, contractId: after.contractId, jobId: job.id, freelancerUserId: proposal.candidate.id },
    });

    const detail = (await world.call('GET', `/api/public/v1/proposals/${proposal.id}`)).body.proposal;
    expect(detail.status).toEqual({ raw: 'HIRED', label: 'Hired' });
    expect(detail.contract).toMatchObject({ id: after.contractId, status: 'active' });

    const contract = (await world.call('GET', `/api/public/v1/contracts/${after.contractId}`)).body.contract;
    expect(contract).toMatchObject({
      status: 'active',
      title: 'Spanish sentiment labeling of social media posts',
      jobId: job.id,
      proposalId: proposal.id,
      paymentType: 'PAY_PER_LABEL',
      rateUsd: proposal.bid.amountUsd,
      freelancer: { userId: proposal.candidate.id, displayName: proposal.candidate.displayName },
      milestones: [
        {
          name: 'First labeling batch',
          description: 'Label the first 5,000 posts per the guidelines',
          status: 'ACTIVE_FUNDED',
          amountUsd: 300,
          dueDate: '2026-07-01T00:00:00.000Z',
        },
      ],
      jobDmConversationId: expect.stringMatching(/^cnv_/),
    });

    const jobThreads = (await world.call('GET', '/api/public/v1/messages?filter=job')).body.conversations;
    expect(jobThreads).toEqual([
      expect.objectContaining({ id: contract.jobDmConversationId, bucket: 'job', jobId: job.id, lastMessage: null }),
    ]);

    const types = world.sandbox.state.events.map((event) => event.type);
    expect(types).toContain('contract.created');
    expect(eventsOf(world.sandbox, 'proposal.status_changed').map((event) => event.data)).toEqual([
      { proposalId: proposal.id, status: 'HIRED' },
    ]);
    expect(eventsOf(world.sandbox, 'approval.confirmed').at(-1)?.data).toEqual({
      approvalId: approval.id,
      status: 'confirmed',
    });

    // A hired proposal cannot be hired again; the agent treats this as success and reads the contract.
    const again = await hire(world, proposal.id);
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual({ reason: 'already_accepted', proposalId: proposal.id });
  });

  it('refuses to confirm when the card was removed after the request, and changes nothing', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const approval = (await hire(world, proposals[0].id)).body.approval;
    await world.sandbox.control.mutate((state) => removePaymentMethod(state, world.accountId));

    const refused = await pressConfirm(world, approval.id);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Add a payment method or enough credit');
    expect(world.sandbox.state.approvals[approval.id]?.status).toBe('pending');
    expect(world.sandbox.state.proposals[proposals[0].id]?.status).toBe('UNREVIEWED');
    expect(world.sandbox.state.contracts).toEqual({});
  });

  it('leaves the proposal open when the human declines', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const approval = (await hire(world, proposals[0].id)).body.approval;
    await world.sandbox.control.declineApproval(approval.id);

    expect(world.sandbox.state.proposals[proposals[0].id]?.status).toBe('UNREVIEWED');
    const retry = await hire(world, proposals[0].id);
    expect(retry.status).toBe(202);
    expect(retry.body.approval.id).not.toBe(approval.id);
  });
});
