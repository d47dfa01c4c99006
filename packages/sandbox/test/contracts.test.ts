import { describe, expect, it } from 'vitest';
import { recordContractUsage } from '../src/state/budget.js';
import { openContractFromHire } from '../src/state/contracts.js';
import { hasFundingFor, hireCharge } from '../src/state/funding.js';
import { eventsOf, hire, moneyEmployer, START, seedJobAndTrainer, tokenWith } from './contracts-fixtures.js';

const CONTRACTS = '/api/public/v1/contracts';

describe('a contract opened by a confirmed hire', () => {
  it('is active with its first milestone funded from the card, and reads back as documented', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    const contract = await hire(sandbox, accountId);

    const read = await call('GET', `${CONTRACTS}/${contract.id}`, { token });
    expect(read.status).toBe(200);
    const milestone = read.body.contract.milestones[0];
    expect(read.body.contract).toEqual({
      id: contract.id,
      status: 'active',
      title: 'Spanish Sentiment Labeling Contract',
      jobId: 'job_1',
      proposalId: 'prp_1',
      paymentType: 'FIXED_PRICE',
      rateUsd: 300,
      estimatedTotalUsd: 300,
      estimatedVolume: null,
      hasActiveMilestone: true,
      startDate: START,
      endDate: null,
      createdAt: START,
      updatedAt: START,
      freelancer: {
        userId: 'usr_trainer_1',
        displayName: 'Maria G.',
        country: 'Spain',
        profilePath: '/profile/maria-g',
      },
      milestones: [
        {
          id: expect.stringMatching(/^mil_/),
          name: 'First labeling batch',
          description: 'Label the first 5,000 posts per the guidelines',
          status: 'ACTIVE_FUNDED',
          amountUsd: 300,
          volume: null,
          milestoneNumber: 1,
          dueDate: '2026-07-01T00:00:00.000Z',
          pendingApproval: false,
          needsReview: false,
          invoiceId: expect.stringMatching(/^inv_/),
          createdAt: START,
        },
      ],
      jobDmConversationId: 'cnv_job_1',
      budget: {
        contractId: contract.id,
        paymentType: 'FIXED_PRICE',
        state: 'OK',
        fundedVolume: 0,
        fundedAmountUsd: 300,
        consumed: { seconds: 0, hours: 0, labels: 0, tasks: 0 },
        consumedVolume: 0,
        remainingVolume: 0,
        consumedFraction: 0,
        activeMilestone: {
          id: milestone.id,
          name: 'First labeling batch',
          amountUsd: 300,
          volume: null,
          status: 'ACTIVE_FUNDED',
        },
        lastUsageAt: null,
      },
    });

    // Paid by card: the credit ledger is untouched.
    const credits = await call('GET', '/api/public/v1/credits', { token });
    expect(credits.body.credits).toMatchObject({ availableCents: 0, reservedCents: 0, recentEntries: [] });

    expect(eventsOf(sandbox, 'contract.created').map((event) => [event.resourceId, event.jobId, event.data])).toEqual([
      [contract.id, 'job_1', { contractId: contract.id, jobId: 'job_1', proposalId: 'prp_1' }],
    ]);
    expect(eventsOf(sandbox, 'milestone.status_changed').map((event) => event.data)).toEqual([
      { milestoneId: milestone.id, contractId: contract.id, status: 'ACTIVE_FUNDED' },
    ]);
  });

  it('draws on credits when they cover the milestone, the 10% fee and the $9.95 initiation fee', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    expect(hireCharge(300)).toEqual({ escrowUsd: 300, feesUsd: 39.95, totalUsd: 339.95 });
    await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: 50_000 } });

    const contract = await hire(sandbox, accountId);
    const credits = await call('GET', '/api/public/v1/credits', { token });
    // 500.00 - 339.95 = 160.05 spendable; only the 300.00 escrow stays reserved, the fees are captured.
    expect(credits.body.credits).toMatchObject({ availableCents: 16_005, reservedCents: 30_000, currency: 'usd' });
    const [capture, hold] = credits.body.credits.recentEntries;
    expect(hold).toMatchObject({ type: 'HOLD', amountCents: -33_995, jobofferId: 'prp_1', contractId: contract.id });
    expect(capture).toMatchObject({ type: 'CAPTURE', amountCents: -3995, holdEntryId: hold.id });
  });

  it('uses the card when credits do not cover the whole charge, and refuses when there is neither', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: 33_994 } });
    await hire(sandbox, accountId);
    expect((await call('GET', '/api/public/v1/credits', { token })).body.credits.availableCents).toBe(33_994);

    await call('DELETE', `/_sandbox/accounts/${accountId}/payment-method`);
    expect(hasFundingFor(sandbox.state, accountId, 339.95)).toBe(false);
    expect(hasFundingFor(sandbox.state, accountId, 339.94)).toBe(true);
    const ids = await seedJobAndTrainer(sandbox, accountId, '2');
    const before = Object.keys(sandbox.state.contracts).length;
    await expect(
      sandbox.control.mutate((state, now) =>
        openContractFromHire(
          state,
          {
            accountId,
            ...ids,
            title: 'Second contract',
            paymentType: 'FIXED_PRICE',
            rateUsd: 300,
            milestone: { name: 'Batch', amountUsd: 300 },
          },
          now,
        ),
      ),
    ).rejects.toThrow(/no payment method or credit/);
    expect(Object.keys(sandbox.state.contracts)).toHaveLength(before);
  });
});

describe('GET /contracts', () => {
  it('lists newest first and filters by job and status', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    const first = await hire(sandbox, accountId, {}, '1');
    await sandbox.control.advanceClock(60_000);
    const second = await hire(sandbox, accountId, { title: 'Second contract' }, '2');
    await call('POST', `${CONTRACTS}/${second.id}/milestones`, {
      token,
      body: { description: 'More posts', amountUsd: 100 },
    });

    const all = await call('GET', CONTRACTS, { token });
    expect(all.status).toBe(200);
    expect(all.body.contracts.map((contract: { id: string }) => contract.id)).toEqual([second.id, first.id]);
    expect(all.body.contracts[0]).not.toHaveProperty('budget');
    expect(all.body.contracts[0]).not.toHaveProperty('jobDmConversationId');
    expect(all.body.contracts[0].milestones.map((m: { status: string }) => m.status)).toEqual([
      'ACTIVE_FUNDED',
      'NOT_FUNDED',
    ]);

    const byJob = await call('GET', `${CONTRACTS}?jobId=job_1`, { token });
    expect(byJob.body.contracts.map((contract: { id: string }) => contract.id)).toEqual([first.id]);

    const end = await call('POST', `${CONTRACTS}/${first.id}/end`, { token });
    await sandbox.control.confirmApproval(end.body.approval.id);
    const active = await call('GET', `${CONTRACTS}?status=active`, { token });
    expect(active.body.contracts.map((contract: { id: string }) => contract.id)).toEqual([second.id]);
    const ended = await call('GET', `${CONTRACTS}?status=ended&jobId=job_1`, { token });
    expect(ended.body.contracts.map((contract: { id: string }) => contract.id)).toEqual([first.id]);
  });

  it('answers 400 for an unknown status, 404 for an unknown job and 403 for another account’s job', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    await hire(sandbox, accountId);
    await sandbox.control.mutate((state) => {
      state.jobs.job_foreign = { ...state.jobs.job_1, id: 'job_foreign', accountId: 'org_other' } as never;
    });

    const badStatus = await call('GET', `${CONTRACTS}?status=paused`, { token });
    expect([badStatus.status, badStatus.body.details.field]).toEqual([400, 'status']);
    const unknownJob = await call('GET', `${CONTRACTS}?jobId=job_missing`, { token });
    expect([unknownJob.status, unknownJob.body.code]).toEqual([404, 'NOT_FOUND']);
    const foreignJob = await call('GET', `${CONTRACTS}?jobId=job_foreign`, { token });
    expect([foreignJob.status, foreignJob.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('needs payments:read, and hides other accounts’ contracts behind 404', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    const contract = await hire(sandbox, accountId);

    const jobsOnly = await tokenWith(sandbox, accountId, ['jobs:read']);
    const refused = await call('GET', CONTRACTS, { token: jobsOnly });
    expect(refused.status).toBe(403);
    expect(refused.body.details).toEqual({ requiredScopes: ['payments:read'], grantedScopes: ['jobs:read'] });
    expect((await call('GET', CONTRACTS)).status).toBe(401);

    const stranger = await call('POST', '/api/agent/identity', { body: { agent_name: 'Other agent' } });
    const foreign = await call('GET', `${CONTRACTS}/${contract.id}`, { token: stranger.body.access_token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.details).toEqual({ resource: 'contracts', contractId: contract.id });
    expect((await call('GET', CONTRACTS, { token: stranger.body.access_token })).body.contracts).toEqual([]);
    expect((await call('GET', `${CONTRACTS}/ctr_missing`, { token })).status).toBe(404);
  });
});

describe('the contract budget', () => {
  it('tracks reported hours against funded hours: OK, LOW from 80%, DEPLETED from 100%', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    // $14/hour; the $280 hire milestone buys 20 hours.
    const contract = await hire(sandbox, accountId, {
      paymentType: 'PAY_PER_HOUR',
      rateUsd: 14,
      estimatedVolume: 40,
      milestone: { name: 'Week 1', amountUsd: 280 },
    });
    const budget = async () => (await call('GET', `${CONTRACTS}/${contract.id}`, { token })).body.contract.budget;
    expect(await budget()).toMatchObject({ state: 'OK', fundedVolume: 20, fundedAmountUsd: 280, remainingVolume: 20 });
    expect((await call('GET', `${CONTRACTS}/${contract.id}`, { token })).body.contract.estimatedTotalUsd).toBe(560);

    const report = (workDate: string, totalSeconds: number) =>
      sandbox.control.mutate((state, now) => {
        const record = state.contracts[contract.id];
        if (!record) throw new Error('contract missing');
        return recordContractUsage(state, record, [{ workDate, totalSeconds, labelsCompleted: 100 }], now);
      });
    await report('2026-06-12', 10 * 3600);
    expect(await budget()).toMatchObject({ state: 'OK', consumedVolume: 10, consumedFraction: 0.5 });

    const low = await report('2026-06-13', 6.5 * 3600);
    expect(low.change?.previousState).toBe('OK');
    expect(await budget()).toMatchObject({
      state: 'LOW',
      consumed: { seconds: 59_400, hours: 16.5, labels: 200, tasks: 0 },
      consumedVolume: 16.5,
      remainingVolume: 3.5,
      consumedFraction: 0.825,
      lastUsageAt: START,
    });
    // Re-sending the same day replaces its totals instead of adding to them.
    await report('2026-06-13', 6.5 * 3600);
    expect((await budget()).consumedVolume).toBe(16.5);

    await report('2026-06-13', 11 * 3600);
    expect(await budget()).toMatchObject({ state: 'DEPLETED', consumedFraction: 1.05, remainingVolume: 0 });

    expect(eventsOf(sandbox, 'contract.budget_state_changed').map((event) => event.data)).toEqual([
      {
        contractId: contract.id,
        previousState: 'OK',
        state: 'LOW',
        paymentType: 'PAY_PER_HOUR',
        fundedVolume: 20,
        consumedVolume: 16.5,
        remainingVolume: 3.5,
        consumedFraction: 0.825,
      },
      {
        contractId: contract.id,
        previousState: 'LOW',
        state: 'DEPLETED',
        paymentType: 'PAY_PER_HOUR',
        fundedVolume: 20,
        consumedVolume: 21,
        remainingVolume: 0,
        consumedFraction: 1.05,
      },
    ]);
  });
});
