import { describe, expect, it } from 'vitest';
import { eventsOf, hire, moneyEmployer, ORIGIN, otherEmployer, START, tokenWith } from './contracts-fixtures.js';

const V1 = '/api/public/v1';

/** A contract whose first milestone is released (so nothing is in escrow), plus a new milestone that is not funded. */
async function paidOutContractWithOpenMilestone(openDescription: string) {
  const employer = await moneyEmployer();
  const { sandbox, call, accountId, token } = employer;
  const contract = await hire(sandbox, accountId);
  const funded = (await call('GET', `${V1}/contracts/${contract.id}`, { token })).body.contract.milestones[0];
  const release = await call('POST', `${V1}/milestones/${funded.id}/approve`, { token });
  await sandbox.control.confirmApproval(release.body.approval.id);
  const open = await call('POST', `${V1}/contracts/${contract.id}/milestones`, {
    token,
    body: { description: openDescription, amountUsd: 100 },
  });
  return { ...employer, contract, funded, open };
}

describe('POST /contracts/{contractId}/end', () => {
  it('ends at once (200) when nothing is funded; unfunded milestones are cancelled and leave the timeline', async () => {
    const { sandbox, call, token, contract, funded, open } = await paidOutContractWithOpenMilestone('Never funded');

    await sandbox.control.advanceClock(3_600_000);
    const ended = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ok: true, contractId: contract.id, status: 'ended' });

    const read = await call('GET', `${V1}/contracts/${contract.id}`, { token });
    expect(read.body.contract).toMatchObject({
      status: 'ended',
      endDate: '2026-06-12T11:00:00.000Z',
      updatedAt: '2026-06-12T11:00:00.000Z',
    });
    expect(read.body.contract.milestones.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      [funded.id, 'PAID'],
    ]);
    expect(eventsOf(sandbox, 'milestone.status_changed').at(-1)?.data).toEqual({
      milestoneId: open.body.milestone.id,
      contractId: contract.id,
      status: 'CANCELLED',
    });

    const again = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    expect([again.status, again.body.code, again.body.details]).toEqual([
      409,
      'CONFLICT',
      { reason: 'contract_ended' },
    ]);
  });

  it('asks a human (202 contract_end) when escrow is funded, idempotently, and refunds it on confirmation', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: 40_000 } });
    const contract = await hire(sandbox, accountId);

    const request = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    expect(request.status).toBe(202);
    expect(request.body).toEqual({
      approval: {
        id: expect.stringMatching(/^apr_/),
        type: 'contract_end',
        status: 'pending',
        contractId: contract.id,
        milestoneId: null,
        jobId: 'job_1',
        proposalId: null,
        approvalUrl: `${ORIGIN}/approvals/${request.body.approval.id}`,
        expiresAt: '2026-06-15T10:00:00.000Z',
        resolvedAt: null,
        result: null,
        createdAt: START,
      },
      message: 'This contract has funded milestones, so a signed-in human must confirm ending it in the OpenTrain app.',
    });
    const again = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    expect([again.status, again.body.approval.id]).toEqual([202, request.body.approval.id]);
    expect((await call('GET', `${V1}/contracts/${contract.id}`, { token })).body.contract.status).toBe('active');

    const confirmed = await sandbox.control.confirmApproval(request.body.approval.id);
    expect(confirmed.result).toEqual({ contractEnded: true });

    const read = await call('GET', `${V1}/contracts/${contract.id}`, { token });
    expect(read.body.contract).toMatchObject({ status: 'ended', hasActiveMilestone: false, milestones: [] });
    const credits = (await call('GET', `${V1}/credits`, { token })).body.credits;
    // The escrow comes back; the fees captured at the hire do not.
    expect(credits).toMatchObject({ availableCents: 40_000 - 3995, reservedCents: 0 });
    expect(credits.recentEntries[0]).toMatchObject({
      type: 'HOLD_RELEASE',
      amountCents: 30_000,
      contractId: contract.id,
    });
    expect(eventsOf(sandbox, 'milestone.status_changed').at(-1)?.data).toMatchObject({ status: 'REFUNDED' });
  });

  it('keeps the contract when the human declines', async () => {
    const { sandbox, call, form, accountId, token } = await moneyEmployer();
    const contract = await hire(sandbox, accountId);
    const request = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    const page = await (await sandbox.fetch(new Request(request.body.approval.approvalUrl))).text();
    expect(page).toContain('<h1>End a contract</h1>');
    expect((await form(`/approvals/${request.body.approval.id}/decline`)).status).toBe(303);

    const read = await call('GET', `${V1}/contracts/${contract.id}`, { token });
    expect(read.body.contract).toMatchObject({ status: 'active', hasActiveMilestone: true });
    expect(read.body.contract.milestones[0].status).toBe('ACTIVE_FUNDED');
  });

  it('refuses to confirm a stale request once the contract already ended another way', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    const contract = await hire(sandbox, accountId);
    const first = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    await sandbox.control.confirmApproval(first.body.approval.id);
    const milestones = Object.values(sandbox.state.milestones).filter((m) => m.contractId === contract.id);
    expect(milestones.map((m) => m.status)).toEqual(['REFUNDED']);
    const milestoneId = milestones[0]?.id ?? '';

    const fund = await call('POST', `${V1}/milestones/${milestoneId}/fund`, { token });
    expect([fund.status, fund.body.details]).toEqual([409, { reason: 'milestone_not_fundable' }]);
    const approve = await call('POST', `${V1}/milestones/${milestoneId}/approve`, { token });
    expect([approve.status, approve.body.details]).toEqual([409, { reason: 'contract_ended' }]);
  });

  it('leaves a pending funding request unconfirmable once the contract ended directly', async () => {
    const { sandbox, call, form, token, contract, open } = await paidOutContractWithOpenMilestone('Batch 2');
    const funding = await call('POST', `${V1}/milestones/${open.body.milestone.id}/fund`, { token });
    expect((await call('GET', `${V1}/payments/pending`, { token })).body.payments).toHaveLength(1);

    // Nothing is in escrow, so the end is immediate; the unfunded milestone is cancelled.
    expect((await call('POST', `${V1}/contracts/${contract.id}/end`, { token })).status).toBe(200);
    expect((await call('GET', `${V1}/payments/pending`, { token })).body.payments).toEqual([]);
    const confirm = await form(`/approvals/${funding.body.approval.id}/confirm`);
    expect(confirm.status).toBe(409);
    expect(await confirm.text()).toContain('its contract has ended');
    expect(sandbox.state.approvals[funding.body.approval.id]?.status).toBe('pending');
    expect(sandbox.state.milestones[open.body.milestone.id]?.status).toBe('CANCELLED');
  });

  it('passes the gates: payments:write, the payments feature, a claimed account', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    const contract = await hire(sandbox, accountId);
    const path = `${V1}/contracts/${contract.id}/end`;
    const readOnly = await tokenWith(sandbox, accountId, ['payments:read']);
    expect((await call('POST', path, { token: readOnly })).body.details.requiredScopes).toEqual(['payments:write']);
    await sandbox.control.setFeatures(accountId, { public_api_payments_write: false });
    expect((await call('POST', path, { token })).body.details.featureKey).toBe('public_api_payments_write');
    await sandbox.control.setFeatures(accountId, { public_api_payments_write: true });
    expect((await call('POST', `${V1}/contracts/ctr_missing/end`, { token })).status).toBe(404);
    await sandbox.control.mutate((state) => {
      const account = state.accounts[accountId];
      if (account) account.claimed = false;
    });
    const unclaimed = await call('POST', path, { token });
    expect([unclaimed.status, unclaimed.body.details.action]).toEqual([403, 'end contracts']);
  });
});

describe('GET /approvals/{approvalId}', () => {
  it('is readable by the account that asked, 404 for anyone else, and needs payments:read', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    const contract = await hire(sandbox, accountId);
    const request = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    const approvalId = request.body.approval.id;

    const sameAccount = await tokenWith(sandbox, accountId, ['payments:read']);
    const read = await call('GET', `${V1}/approvals/${approvalId}`, { token: sameAccount });
    expect([read.status, read.body.approval]).toEqual([200, request.body.approval]);

    const stranger = await otherEmployer(sandbox);
    const foreign = await call('GET', `${V1}/approvals/${approvalId}`, { token: stranger.token });
    expect([foreign.status, foreign.body.details]).toEqual([404, { resource: 'approvals', approvalId }]);
    expect((await call('GET', `${V1}/approvals/apr_missing`, { token })).status).toBe(404);

    const jobsOnly = await tokenWith(sandbox, accountId, ['jobs:read']);
    const refused = await call('GET', `${V1}/approvals/${approvalId}`, { token: jobsOnly });
    expect([refused.status, refused.body.details.requiredScopes]).toEqual([403, ['payments:read']]);
  });

  it('reads a lapsed approval as expired and announces it once', async () => {
    const { sandbox, call, accountId, token } = await moneyEmployer();
    const contract = await hire(sandbox, accountId);
    const request = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    await call('POST', '/_sandbox/clock/advance', { body: { seconds: 72 * 3600 } });

    const read = await call('GET', `${V1}/approvals/${request.body.approval.id}`, { token });
    expect(read.body.approval).toMatchObject({ status: 'expired', result: null });
    await call('GET', `${V1}/approvals/${request.body.approval.id}`, { token });
    expect(eventsOf(sandbox, 'approval.confirmed').map((event) => event.data)).toEqual([
      { approvalId: request.body.approval.id, status: 'expired' },
    ]);
    // The contract is untouched; a new end request starts a new approval.
    const again = await call('POST', `${V1}/contracts/${contract.id}/end`, { token });
    expect(again.body.approval.id).not.toBe(request.body.approval.id);
  });
});
