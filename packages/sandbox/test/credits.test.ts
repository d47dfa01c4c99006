import { describe, expect, it } from 'vitest';
import { moneyEmployer, otherEmployer, START, tokenWith } from './contracts-fixtures.js';

const V1 = '/api/public/v1';

async function employer() {
  const setup = await moneyEmployer();
  const grant = (amountCents: number, note?: string) =>
    setup.call('POST', `/_sandbox/accounts/${setup.accountId}/credits`, { body: { amountCents, note } });
  return { ...setup, grant };
}

describe('GET /credits', () => {
  it('reads zeros for an account that never used credits', async () => {
    const { call, token } = await employer();
    const read = await call('GET', `${V1}/credits`, { token });
    expect(read).toEqual({
      status: 200,
      body: { credits: { availableCents: 0, reservedCents: 0, currency: 'usd', recentEntries: [] } },
    });
  });

  it('shows the balance and the last 10 entries, newest first', async () => {
    const { call, token, grant } = await employer();
    for (let i = 1; i <= 12; i++) await grant(i * 100, `grant ${i}`);
    const credits = (await call('GET', `${V1}/credits`, { token })).body.credits;
    expect(credits.availableCents).toBe(7800);
    expect(credits.recentEntries).toHaveLength(10);
    expect(credits.recentEntries[0]).toEqual({
      id: expect.stringMatching(/^cle_/),
      type: 'ADJUSTMENT',
      amountCents: 1200,
      createdAt: START,
      holdEntryId: null,
      jobofferId: null,
      contractId: null,
      milestoneId: null,
      topUpId: null,
      note: 'grant 12',
    });
    expect(credits.recentEntries.at(-1).note).toBe('grant 3');
  });

  it('needs payments:read and the public_api_credits feature, but no claim', async () => {
    const { sandbox, call, accountId, token } = await employer();
    const jobsOnly = await tokenWith(sandbox, accountId, ['jobs:read']);
    const noScope = await call('GET', `${V1}/credits`, { token: jobsOnly });
    expect([noScope.status, noScope.body.details.requiredScopes]).toEqual([403, ['payments:read']]);

    await sandbox.control.setFeatures(accountId, { public_api_credits: false });
    for (const path of ['/credits', '/credits/ledger', '/credits/top-ups/ctu_x']) {
      const off = await call('GET', `${V1}${path}`, { token });
      expect([off.status, off.body.details.featureKey], path).toEqual([403, 'public_api_credits']);
    }

    const agent = await call('POST', '/api/agent/identity', { body: { agent_name: 'Fresh agent' } });
    const unclaimed = await call('GET', `${V1}/credits`, { token: agent.body.access_token });
    expect(unclaimed.status).toBe(200);
  });
});

describe('GET /credits/ledger', () => {
  it('pages newest first with an opaque cursor, without repeats when entries arrive between pages', async () => {
    const { call, token, grant } = await employer();
    for (let i = 1; i <= 7; i++) await grant(100, `entry ${i}`);
    const page = (cursor?: string) =>
      call('GET', `${V1}/credits/ledger?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });

    const first = await page();
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { note: string }) => e.note)).toEqual(['entry 7', 'entry 6', 'entry 5']);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    await grant(100, 'entry 8');
    const second = await page(first.body.nextCursor);
    expect(second.body.entries.map((e: { note: string }) => e.note)).toEqual(['entry 4', 'entry 3', 'entry 2']);
    const last = await page(second.body.nextCursor);
    expect(last.body).toEqual({ entries: [expect.objectContaining({ note: 'entry 1' })], nextCursor: null });

    const fresh = await call('GET', `${V1}/credits/ledger`, { token });
    expect(fresh.body.entries).toHaveLength(8);
    expect(fresh.body.nextCursor).toBeNull();
  });

  it('defaults to 50 entries and accepts 1 to 100', async () => {
    const { sandbox, call, accountId, token } = await employer();
    await sandbox.control.mutate((state, now) => {
      for (let i = 0; i < 60; i++) {
        state.creditEntries.push({
          id: `cle_${i}`,
          sequence: 1000 + i,
          accountId,
          type: 'ADJUSTMENT',
          amountCents: 1,
          holdEntryId: null,
          proposalId: null,
          contractId: null,
          milestoneId: null,
          topUpId: null,
          note: null,
          createdAt: new Date(now).toISOString(),
        });
      }
    });
    const defaults = await call('GET', `${V1}/credits/ledger`, { token });
    expect(defaults.body.entries).toHaveLength(50);
    expect(defaults.body.entries[0].id).toBe('cle_59');
    const rest = await call('GET', `${V1}/credits/ledger?cursor=${defaults.body.nextCursor}&limit=100`, { token });
    expect(rest.body.entries.map((e: { id: string }) => e.id)).toEqual([
      'cle_9',
      'cle_8',
      'cle_7',
      'cle_6',
      'cle_5',
      'cle_4',
      'cle_3',
      'cle_2',
      'cle_1',
      'cle_0',
    ]);

    for (const limit of ['0', '101', 'ten']) {
      const refused = await call('GET', `${V1}/credits/ledger?limit=${limit}`, { token });
      expect([refused.status, refused.body.details.field], limit).toEqual([400, 'limit']);
    }
    const badCursor = await call('GET', `${V1}/credits/ledger?cursor=not-a-cursor`, { token });
    expect([badCursor.status, badCursor.body.details.field]).toEqual([400, 'cursor']);
  });

  it('never shows another account’s entries', async () => {
    const { sandbox, call, grant } = await employer();
    await grant(500);
    const stranger = await otherEmployer(sandbox);
    const ledger = await call('GET', `${V1}/credits/ledger`, { token: stranger.token });
    expect(ledger.body).toEqual({ entries: [], nextCursor: null });
  });
});

describe('GET /payments/pending', () => {
  it('is empty without funding requests and needs payments:read', async () => {
    const { sandbox, call, accountId, token } = await employer();
    expect((await call('GET', `${V1}/payments/pending`, { token })).body).toEqual({ payments: [] });
    const jobsOnly = await tokenWith(sandbox, accountId, ['jobs:read']);
    const refused = await call('GET', `${V1}/payments/pending`, { token: jobsOnly });
    expect([refused.status, refused.body.details.requiredScopes]).toEqual([403, ['payments:read']]);
  });
});

describe('the control plane for money sources', () => {
  it('adds and removes a card, grants credit, and names bad input', async () => {
    const { sandbox, call, accountId } = await employer();
    const card = await call('POST', `/_sandbox/accounts/${accountId}/payment-method`, {
      body: { brand: 'mastercard', last4: '4444' },
    });
    expect(card.body.paymentMethod).toEqual({ accountId, brand: 'mastercard', last4: '4444', addedAt: START });
    expect(sandbox.state.paymentMethods[accountId]?.last4).toBe('4444');
    await call('DELETE', `/_sandbox/accounts/${accountId}/payment-method`);
    expect(sandbox.state.paymentMethods[accountId]).toBeUndefined();

    const badAmount = await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: 1.5 } });
    expect([badAmount.status, badAmount.body.details.field]).toEqual([400, 'amountCents']);
    const overdrawn = await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: -250 } });
    expect([overdrawn.status, overdrawn.body.details.field]).toEqual([400, 'amountCents']);
    await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: 1000 } });
    const taken = await call('POST', `/_sandbox/accounts/${accountId}/credits`, { body: { amountCents: -250 } });
    expect(taken.body.credits).toEqual({ availableCents: 750, reservedCents: 0 });
    const unknown = await call('POST', '/_sandbox/accounts/org_missing/payment-method', { body: {} });
    expect(unknown.status).toBe(404);
  });
});
