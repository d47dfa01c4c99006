import { describe, expect, it } from 'vitest';
import { UNAVAILABLE } from '../src/state/jobs.js';
import { materialiseTrainer, trainerPool } from '../src/state/trainers.js';
import { API, jobsWorld, READY_TEXT } from './jobs-support.js';

describe('inviting AI trainers', () => {
  it('creates an invited proposal once; a repeat answers alreadyInvited with the same proposal', async () => {
    const { call, employer, publishedJob, sandbox } = jobsWorld();
    const { token, accountId } = await employer();
    const jobId = await publishedJob(token);
    const [trainer] = trainerPool(sandbox.state.seed);
    if (!trainer) throw new Error('the sandbox has no simulated trainers');

    const invited = await call('POST', `${API}/jobs/${jobId}/invites`, { token, body: { freelancerId: trainer.id } });
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({
      ok: true,
      proposalId: expect.stringMatching(/^prp_/),
      jobId,
      freelancerId: trainer.id,
      alreadyInvited: false,
    });
    const { proposalId } = invited.body;
    expect(sandbox.state.proposals[proposalId]).toMatchObject({
      accountId,
      jobId,
      freelancerId: trainer.id,
      status: 'UNREVIEWED',
    });
    expect(sandbox.state.jobs[jobId]?.invites).toEqual([
      { freelancerId: trainer.id, proposalId, createdAt: '2026-06-12T10:00:00.000Z' },
    ]);

    const again = await call('POST', `${API}/jobs/${jobId}/invites`, { token, body: { freelancerId: trainer.id } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ok: true, proposalId, jobId, freelancerId: trainer.id, alreadyInvited: true });
    expect(Object.values(sandbox.state.proposals).filter((proposal) => proposal.jobId === jobId)).toHaveLength(1);

    const proposal = await call('GET', `${API}/proposals/${proposalId}`, { token });
    expect(proposal.status).toBe(200);
    expect(proposal.body.proposal).toMatchObject({ id: proposalId, jobId, status: { raw: 'UNREVIEWED' } });
    const mine = await call('GET', `${API}/jobs/mine`, { token });
    expect(mine.body.jobs[0].proposalCounts).toEqual({ total: 1, unreviewed: 1 });
  });

  it('explains why an invite is not possible', async () => {
    const { call, employer, publishedJob, sandbox } = jobsWorld();
    const { token, accountId } = await employer();
    const jobId = await publishedJob(token);
    const [, busy, free] = trainerPool(sandbox.state.seed);
    if (!busy || !free) throw new Error('the sandbox has too few simulated trainers');
    await sandbox.control.mutate((state) => {
      materialiseTrainer(state, busy).availability = UNAVAILABLE;
    });
    const invite = (job: string, freelancerId: string) =>
      call('POST', `${API}/jobs/${job}/invites`, { token, body: { freelancerId } });

    const nobody = await invite(jobId, 'usr_nobodyhere00');
    expect(nobody.status).toBe(404);
    expect(nobody.body.details).toEqual({ resource: 'freelancers', freelancerId: 'usr_nobodyhere00' });

    const employerUser = sandbox.state.accounts[accountId]?.ownerUserId ?? '';
    const notTrainer = await invite(jobId, employerUser);
    expect([notTrainer.status, notTrainer.body.details.reason]).toEqual([409, 'not_a_freelancer']);

    const unavailable = await invite(jobId, busy.id);
    expect([unavailable.status, unavailable.body.details.reason]).toEqual([409, 'freelancer_unavailable']);

    const draft = await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: READY_TEXT } });
    const unpublished = await invite(draft.body.jobId, free.id);
    expect(unpublished.status).toBe(409);
    expect(unpublished.body).toMatchObject({
      error: 'Publish the job before inviting AI trainers.',
      details: { reason: 'job_not_published' },
    });
    await call('POST', `${API}/jobs/${jobId}/close`, { token });
    expect((await invite(jobId, free.id)).body.details.reason).toBe('job_not_published');

    const other = await employer();
    const foreignJob = await publishedJob(other.token);
    const foreign = await invite(foreignJob, free.id);
    expect([foreign.status, foreign.body.details]).toEqual([404, { resource: 'jobs', jobId: foreignJob }]);

    const noId = await call('POST', `${API}/jobs/${jobId}/invites`, { token, body: {} });
    expect([noId.status, noId.body.details.field]).toEqual([400, 'freelancerId']);
    expect(Object.keys(sandbox.state.proposals)).toHaveLength(0);
  });

  it('needs proposals:write, the hiring feature and a claimed account', async () => {
    const { call, agent, employer, tokenWith, publishedJob, sandbox } = jobsWorld();
    const [trainer] = trainerPool(sandbox.state.seed);
    const body = { freelancerId: trainer?.id };

    // An unclaimed account meets the claim gate first, whatever its token holds: that is the refusal it can act on.
    const unclaimed = await agent();
    const agentJob = await publishedJob(unclaimed.token);
    const claimRefusal = {
      error: 'A human must claim this agent account before it can invite AI trainers.',
      code: 'FORBIDDEN',
      details: {
        reason: 'account_claim_required',
        action: 'invite AI trainers',
        claimUrl: 'https://app.opentrain.ai/claim',
      },
    };
    const preClaim = await call('POST', `${API}/jobs/${agentJob}/invites`, { token: unclaimed.token, body });
    expect(preClaim.status).toBe(403);
    expect(preClaim.body).toMatchObject(claimRefusal);
    const fullScopes = await tokenWith(unclaimed.accountId, ['jobs:write', 'proposals:write']);
    const claimRequired = await call('POST', `${API}/jobs/${agentJob}/invites`, { token: fullScopes, body });
    expect([claimRequired.status, claimRequired.body]).toEqual([403, expect.objectContaining(claimRefusal)]);

    const { token, accountId } = await employer();
    const jobId = await publishedJob(token);
    const readOnly = await tokenWith(accountId, ['jobs:read', 'proposals:read']);
    const missingScope = await call('POST', `${API}/jobs/${jobId}/invites`, { token: readOnly, body });
    expect(missingScope.status).toBe(403);
    expect(missingScope.body.details).toEqual({
      requiredScopes: ['proposals:write'],
      grantedScopes: ['jobs:read', 'proposals:read'],
    });
    await sandbox.control.setFeatures(accountId, { public_api_hiring: false });
    const featureOff = await call('POST', `${API}/jobs/${jobId}/invites`, { token, body });
    expect(featureOff.status).toBe(403);
    expect(featureOff.body.details).toMatchObject({ featureKey: 'public_api_hiring' });
    expect(Object.keys(sandbox.state.proposals)).toHaveLength(0);
  });
});
