import { describe, expect, it } from 'vitest';
import { eventsOf, hire, moneyEmployer, ORIGIN, otherEmployer, START, tokenWith } from './contracts-fixtures.js';

const V1 = '/api/public/v1';
const HOURS_72 = 72 * 60 * 60 * 1000;

async function employerWithContract(overrides: Parameters<typeof hire>[2] = {}) {
  const { sandbox, call, form, accountId, token } = await moneyEmployer();
  const contract = await hire(sandbox, accountId, overrides);
  const addMilestone = (body: Record<string, unknown>) =>
    call('POST', `${V1}/contracts/${contract.id}/milestones`, { token, body });
  return { sandbox, call, form, accountId, token, contract, addMilestone };
}

describe('POST /contracts/{contractId}/milestones', () => {
  it('adds an unfunded milestone to a fixed-price contract (201) and announces it', async () => {
    const { sandbox, contract, addMilestone } = await employerWithContract();
    const created = await addMilestone({
      name: 'Second labeling batch',
      description: 'Label the next 5,000 posts per the updated guidelines',
      amountUsd: 300,
      dueDate: '2026-07-15',
    });
    expect(created.status).toBe(201);
    expect(created.body.milestone).toEqual({
      id: expect.stringMatching(/^mil_/),
      name: 'Second labeling batch',
      description: 'Label the next 5,000 posts per the updated guidelines',
      status: 'NOT_FUNDED',
      amountUsd: 300,
      volume: null,
      milestoneNumber: 2,
      dueDate: '2026-07-15T00:00:00.000Z',
      pendingApproval: false,
      needsReview: false,
      invoiceId: null,
      createdAt: START,
    });
    expect(eventsOf(sandbox, 'milestone.status_changed').at(-1)?.data).toEqual({
      milestoneId: created.body.milestone.id,
      contractId: contract.id,
      status: 'NOT_FUNDED',
    });

    const noName = await addMilestone({ description: 'Third batch', amountUsd: 50, dueDate: '2026-08-01T15:30:00Z' });
    expect(noName.body.milestone).toMatchObject({
      name: null,
      milestoneNumber: 3,
      dueDate: '2026-08-01T00:00:00.000Z',
    });
  });

  it('prices hourly and per-label milestones as rate × volume', async () => {
    const hourly = await employerWithContract({
      paymentType: 'PAY_PER_HOUR',
      rateUsd: 14,
      milestone: { amountUsd: 140 },
    });
    const byVolume = await hourly.addMilestone({ description: 'Week 2', volume: 20 });
    expect(byVolume.body.milestone).toMatchObject({ amountUsd: 280, volume: 20, status: 'NOT_FUNDED' });
    const both = await hourly.addMilestone({ description: 'Week 3', volume: 10, amountUsd: 140 });
    expect(both.status).toBe(201);

    const perLabel = await employerWithContract({
      paymentType: 'PAY_PER_LABEL',
      rateUsd: 0.06,
      milestone: { amountUsd: 300 },
    });
    const labels = await perLabel.addMilestone({ description: 'Next 5,000 posts', volume: 5000 });
    expect(labels.body.milestone).toMatchObject({ amountUsd: 300, volume: 5000 });
  });

  it('names the field at fault (400)', async () => {
    const fixed = await employerWithContract();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amountUsd: 100 }, 'description'],
      [{ description: '', amountUsd: 100 }, 'description'],
      [{ description: 'No amount' }, 'amountUsd'],
      [{ description: 'Hours on fixed price', amountUsd: 100, volume: 5 }, 'volume'],
      [{ description: 'Negative', amountUsd: -5 }, 'amountUsd'],
      [{ description: 'Bad date', amountUsd: 5, dueDate: 'next week' }, 'dueDate'],
    ];
    for (const [body, field] of cases) {
      const refused = await fixed.addMilestone(body);
      expect([refused.status, refused.body.details.field], JSON.stringify(body)).toEqual([400, field]);
    }

    const hourly = await employerWithContract({
      paymentType: 'PAY_PER_HOUR',
      rateUsd: 14,
      milestone: { amountUsd: 140 },
    });
    const noVolume = await hourly.addMilestone({ description: 'Week 2', amountUsd: 280 });
    expect([noVolume.status, noVolume.body.details.field]).toEqual([400, 'volume']);
    const mismatch = await hourly.addMilestone({ description: 'Week 2', amountUsd: 250, volume: 20 });
    expect([mismatch.status, mismatch.body.details.field]).toEqual([400, 'amountUsd']);
    expect(mismatch.body.error).toContain('14 × 20 = 280');
  });

  it('refuses with 409 contract_rate_missing and contract_ended', async () => {
    const noRate = await employerWithContract({
      paymentType: 'PAY_PER_LABEL',
      rateUsd: null,
      milestone: { amountUsd: 50 },
    });
    const rateMissing = await noRate.addMilestone({ description: 'Batch', volume: 100 });
    expect([rateMissing.status, rateMissing.body.details]).toEqual([409, { reason: 'contract_rate_missing' }]);

    const { call, token, contract, addMilestone } = await employerWithContract();
    await call('POST', `${V1}/contracts/${contract.id}/milestones`, {
      token,
      body: { description: 'x', amountUsd: 1 },
    });
    const end = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    expect(end.status).toBe(202);
    await call('POST', `/_sandbox/approvals/${end.body.approval.id}/confirm`);
    const ended = await addMilestone({ description: 'Too late', amountUsd: 100 });
    expect([ended.status, ended.body.code, ended.body.details]).toEqual([
      409,
      'CONFLICT',
      { reason: 'contract_ended' },
    ]);
  });

  it('passes the scope, feature and claim gates in that order', async () => {
    const { sandbox, call, accountId, contract } = await employerWithContract();
    const path = `${V1}/contracts/${contract.id}/milestones`;
    const body = { description: 'Batch', amountUsd: 10 };

    const readOnly = await tokenWith(sandbox, accountId, ['payments:read']);
    const noScope = await call('POST', path, { token: readOnly, body });
    expect([noScope.status, noScope.body.details.requiredScopes]).toEqual([403, ['payments:write']]);

    const token = await tokenWith(sandbox, accountId);
    await sandbox.control.setFeatures(accountId, { public_api_payments_write: false });
    const featureOff = await call('POST', path, { token, body });
    expect([featureOff.status, featureOff.body.details.featureKey]).toEqual([403, 'public_api_payments_write']);
    await sandbox.control.setFeatures(accountId, { public_api_payments_write: true });

    await sandbox.control.mutate((state) => {
      const account = state.accounts[accountId];
      if (account) account.claimed = false;
    });
    const unclaimed = await call('POST', path, { token, body });
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.body.details).toEqual({
      reason: 'account_claim_required',
      action: 'create milestones',
      claimUrl: `${ORIGIN}/claim`,
    });
  });
});

describe('POST /milestones/{milestoneId}/fund', () => {
  it('records a pending milestone_fund approval (202), idempotently, and shows it as pending', async () => {
    const { sandbox, call, token, contract, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ name: 'Batch 2', description: 'Next posts', amountUsd: 500 })).body
      .milestone;

    const funding = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    expect(funding.status).toBe(202);
    expect(funding.body).toEqual({
      approval: {
        id: expect.stringMatching(/^apr_/),
        type: 'milestone_fund',
        status: 'pending',
        contractId: contract.id,
        milestoneId: milestone.id,
        jobId: 'job_1',
        proposalId: null,
        approvalUrl: `${ORIGIN}/approvals/${funding.body.approval.id}`,
        expiresAt: '2026-06-15T10:00:00.000Z',
        resolvedAt: null,
        result: null,
        createdAt: START,
      },
      message:
        'Funding request recorded. A signed-in human must confirm this approval in the OpenTrain app before any money moves.',
    });
    const again = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    expect([again.status, again.body.approval.id]).toEqual([202, funding.body.approval.id]);

    const read = await call('GET', `${V1}/contracts/${contract.id}`, { token });
    expect(read.body.contract.milestones[1]).toMatchObject({ status: 'NOT_FUNDED', pendingApproval: true });

    const pending = await call('GET', `${V1}/payments/pending`, { token });
    expect(pending.body.payments).toEqual([
      {
        id: expect.stringMatching(/^inv_/),
        status: 'PENDING_FUNDING',
        invoiceKind: 'FUNDING',
        viewerRole: 'EMPLOYER',
        amountUsd: 500,
        createdAt: START,
        invoiceNumber: 1002,
        job: { id: 'job_1', title: 'Spanish tweet sentiment labeling' },
        milestone: { id: milestone.id, name: 'Batch 2' },
      },
    ]);
    expect(eventsOf(sandbox, 'payment.pending').map((event) => event.data)).toEqual([
      { invoiceId: pending.body.payments[0].id, milestoneId: milestone.id, contractId: contract.id },
    ]);

    const page = await (await sandbox.fetch(new Request(funding.body.approval.approvalUrl))).text();
    expect(page).toContain('Fund milestone &quot;Batch 2&quot;');
    expect(page).toContain('$500.00 into escrow + $50.00 marketplace fee');
  });

  it('funds the milestone when a human confirms, with the invoice and payment intent as the result', async () => {
    const { sandbox, call, token, contract, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ description: 'Batch 2', amountUsd: 500 })).body.milestone;
    const funding = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    const invoiceId = (await call('GET', `${V1}/payments/pending`, { token })).body.payments[0].id;

    const confirmed = await call('POST', `/_sandbox/approvals/${funding.body.approval.id}/confirm`);
    expect(confirmed.body.approval).toMatchObject({
      status: 'confirmed',
      resolvedAt: START,
      result: { invoiceId, paymentIntentId: expect.stringMatching(/^pi_/) },
    });
    const approval = await call('GET', `${V1}/approvals/${funding.body.approval.id}`, { token });
    expect(approval.body.approval.result).toEqual(confirmed.body.approval.result);

    const read = await call('GET', `${V1}/contracts/${contract.id}`, { token });
    expect(read.body.contract.milestones[1]).toMatchObject({
      status: 'ACTIVE_FUNDED',
      pendingApproval: false,
      invoiceId,
    });
    expect(read.body.contract.budget.fundedAmountUsd).toBe(800);
    expect((await call('GET', `${V1}/payments/pending`, { token })).body.payments).toEqual([]);
    expect(eventsOf(sandbox, 'milestone.status_changed').at(-1)?.data).toEqual({
      milestoneId: milestone.id,
      contractId: contract.id,
      status: 'ACTIVE_FUNDED',
    });
    expect(eventsOf(sandbox, 'approval.confirmed').at(-1)?.data).toEqual({
      approvalId: funding.body.approval.id,
      status: 'confirmed',
    });

    const twice = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    expect([twice.status, twice.body.details.reason]).toEqual([409, 'milestone_not_fundable']);
  });

  it('takes the funding from credits when they cover it', async () => {
    const { call, accountId, token, contract, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ description: 'Batch 2', amountUsd: 100 })).body.milestone;
    await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: 20_000 } });
    const funding = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    await call('POST', `/_sandbox/approvals/${funding.body.approval.id}/confirm`);

    const credits = (await call('GET', `${V1}/credits`, { token })).body.credits;
    expect(credits).toMatchObject({ availableCents: 9000, reservedCents: 10_000 });
    expect(credits.recentEntries.slice(0, 2)).toMatchObject([
      { type: 'CAPTURE', amountCents: -1000, milestoneId: milestone.id, contractId: contract.id },
      { type: 'HOLD', amountCents: -11_000, milestoneId: milestone.id, jobofferId: 'prp_1' },
    ]);
  });

  it('leaves the milestone unfunded when the human declines, and voids the invoice', async () => {
    const { sandbox, call, form, token, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ description: 'Batch 2', amountUsd: 500 })).body.milestone;
    const funding = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });

    const declined = await form(`/approvals/${funding.body.approval.id}/decline`);
    expect(declined.status).toBe(303);
    const approval = await call('GET', `${V1}/approvals/${funding.body.approval.id}`, { token });
    expect(approval.body.approval).toMatchObject({ status: 'declined', result: null });
    expect(sandbox.state.milestones[milestone.id]?.status).toBe('NOT_FUNDED');
    expect((await call('GET', `${V1}/payments/pending`, { token })).body.payments).toEqual([]);

    const retry = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    expect(retry.status).toBe(202);
    expect(retry.body.approval.id).not.toBe(funding.body.approval.id);
  });

  it('lets an unanswered request expire after 72 hours; the next request starts a new one', async () => {
    const { sandbox, call, token, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ description: 'Batch 2', amountUsd: 500 })).body.milestone;
    const funding = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });

    await sandbox.control.advanceClock(HOURS_72 - 1000);
    expect((await call('GET', `${V1}/approvals/${funding.body.approval.id}`, { token })).body.approval.status).toBe(
      'pending',
    );
    await sandbox.control.advanceClock(1000);
    const expired = await call('GET', `${V1}/approvals/${funding.body.approval.id}`, { token });
    expect(expired.body.approval).toMatchObject({ status: 'expired', resolvedAt: '2026-06-15T10:00:00.000Z' });
    expect((await call('GET', `${V1}/payments/pending`, { token })).body.payments).toEqual([]);
    const confirm = await call('POST', `/_sandbox/approvals/${funding.body.approval.id}/confirm`);
    expect([confirm.status, confirm.body.details]).toEqual([409, { status: 'expired' }]);
    expect(sandbox.state.milestones[milestone.id]?.status).toBe('NOT_FUNDED');

    const fresh = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    expect(fresh.body.approval).toMatchObject({ status: 'pending', expiresAt: '2026-06-18T10:00:00.000Z' });
  });

  it('answers 409 payment_method_required with a billing link when there is no card and too little credit', async () => {
    const { sandbox, call, form, accountId, token, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ description: 'Batch 2', amountUsd: 500 })).body.milestone;
    await call('DELETE', `/_sandbox/accounts/${accountId}/payment-method`);

    const refused = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual({
      reason: 'payment_method_required',
      billingUrl: `${ORIGIN}/settings/billing?accountId=${accountId}`,
    });

    // The human follows the billing link and adds a card; funding then goes through.
    const billing = await (await sandbox.fetch(new Request(refused.body.details.billingUrl))).text();
    expect(billing).toContain('No payment method on file.');
    expect((await form('/settings/billing/card', { accountId })).status).toBe(303);
    const after = await (await sandbox.fetch(new Request(refused.body.details.billingUrl))).text();
    expect(after).toContain('VISA ending in 4242 is on file.');
    expect((await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token })).status).toBe(202);
  });

  it('keeps the request pending when the card is gone by the time the human confirms', async () => {
    const { sandbox, call, accountId, token, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ description: 'Batch 2', amountUsd: 500 })).body.milestone;
    const funding = await call('POST', `${V1}/milestones/${milestone.id}/fund`, { token });
    await call('DELETE', `/_sandbox/accounts/${accountId}/payment-method`);

    const confirm = await call('POST', `/_sandbox/approvals/${funding.body.approval.id}/confirm`);
    expect([confirm.status, confirm.body.details]).toEqual([409, { reason: 'payment_method_required' }]);
    expect(sandbox.state.approvals[funding.body.approval.id]?.status).toBe('pending');
    expect(sandbox.state.milestones[milestone.id]?.status).toBe('NOT_FUNDED');

    await call('POST', `/_sandbox/accounts/${accountId}/payment-method`, { body: {} });
    expect((await call('POST', `/_sandbox/approvals/${funding.body.approval.id}/confirm`)).status).toBe(200);
    expect(sandbox.state.milestones[milestone.id]?.status).toBe('ACTIVE_FUNDED');
  });

  it('refuses a milestone that is not NOT_FUNDED (409 milestone_not_fundable) and hides others’ milestones', async () => {
    const { sandbox, call, token, contract } = await employerWithContract();
    const funded = (await call('GET', `${V1}/contracts/${contract.id}`, { token })).body.contract.milestones[0];
    const refused = await call('POST', `${V1}/milestones/${funded.id}/fund`, { token });
    expect([refused.status, refused.body.details]).toEqual([409, { reason: 'milestone_not_fundable' }]);

    const stranger = await otherEmployer(sandbox);
    const foreign = await call('POST', `${V1}/milestones/${funded.id}/fund`, { token: stranger.token });
    expect([foreign.status, foreign.body.details]).toEqual([404, { resource: 'milestones', milestoneId: funded.id }]);
  });
});

describe('POST /milestones/{milestoneId}/approve', () => {
  it('refuses an unfunded milestone with 409 milestone_not_funded', async () => {
    const { call, token, addMilestone } = await employerWithContract();
    const milestone = (await addMilestone({ description: 'Batch 2', amountUsd: 500 })).body.milestone;
    const refused = await call('POST', `${V1}/milestones/${milestone.id}/approve`, { token });
    expect([refused.status, refused.body.details]).toEqual([409, { reason: 'milestone_not_funded' }]);
  });

  it('pays the trainer when a human confirms on the approval page', async () => {
    const { sandbox, call, form, token, contract } = await employerWithContract();
    const funded = (await call('GET', `${V1}/contracts/${contract.id}`, { token })).body.contract.milestones[0];

    const release = await call('POST', `${V1}/milestones/${funded.id}/approve`, { token });
    expect(release.status).toBe(202);
    expect(release.body.approval).toMatchObject({
      type: 'milestone_approve',
      milestoneId: funded.id,
      status: 'pending',
    });
    expect(release.body.message).toBe(
      'Release request recorded. A signed-in human must confirm this approval in the OpenTrain app before any money moves.',
    );
    const again = await call('POST', `${V1}/milestones/${funded.id}/approve`, { token });
    expect(again.body.approval.id).toBe(release.body.approval.id);
    const pendingView = await call('GET', `${V1}/contracts/${contract.id}`, { token });
    expect(pendingView.body.contract.milestones[0]).toMatchObject({ status: 'ACTIVE_FUNDED', pendingApproval: true });

    const page = await (await sandbox.fetch(new Request(release.body.approval.approvalUrl))).text();
    expect(page).toContain('<h1>Release a milestone payment</h1>');
    expect(page).toContain('Release $300.00 for milestone &quot;First labeling batch&quot;');
    expect((await form(`/approvals/${release.body.approval.id}/confirm`)).status).toBe(303);

    const approval = await call('GET', `${V1}/approvals/${release.body.approval.id}`, { token });
    expect(approval.body.approval).toMatchObject({
      status: 'confirmed',
      result: { invoiceId: funded.invoiceId, payoutTransactionId: expect.stringMatching(/^po_/) },
    });
    const read = await call('GET', `${V1}/contracts/${contract.id}`, { token });
    expect(read.body.contract).toMatchObject({ hasActiveMilestone: false });
    expect(read.body.contract.milestones[0]).toMatchObject({ status: 'PAID', pendingApproval: false });
    expect(read.body.contract.budget).toMatchObject({ fundedAmountUsd: 300, activeMilestone: null });
    expect(eventsOf(sandbox, 'milestone.status_changed').at(-1)?.data).toMatchObject({ status: 'PAID' });

    const paidTwice = await call('POST', `${V1}/milestones/${funded.id}/approve`, { token });
    expect([paidTwice.status, paidTwice.body.details.reason]).toEqual([409, 'milestone_not_approvable']);
  });

  it('captures the escrow from credits when the milestone was funded with credits', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: 40_000 } });
    const contract = await hire(sandbox, accountId);
    const funded = (await call('GET', `${V1}/contracts/${contract.id}`, { token })).body.contract.milestones[0];
    const release = await call('POST', `${V1}/milestones/${funded.id}/approve`, { token });
    await sandbox.control.confirmApproval(release.body.approval.id);

    const credits = (await call('GET', `${V1}/credits`, { token })).body.credits;
    expect(credits).toMatchObject({ availableCents: 40_000 - 33_995, reservedCents: 0 });
    expect(credits.recentEntries[0]).toMatchObject({ type: 'CAPTURE', amountCents: -30_000, note: 'Milestone payout' });
  });
});
