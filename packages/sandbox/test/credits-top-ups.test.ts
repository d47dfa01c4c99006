import { describe, expect, it } from 'vitest';
import { moneyEmployer, ORIGIN, otherEmployer, START, tokenWith } from './contracts-fixtures.js';

const V1 = '/api/public/v1';
const TOP_UPS = `${V1}/credits/top-ups`;

async function employer() {
  const setup = await moneyEmployer();
  const page = async (url: string) => {
    const response = await setup.sandbox.fetch(new Request(url));
    return { status: response.status, html: await response.text() };
  };
  return { ...setup, page };
}

describe('POST /credits/top-ups', () => {
  it('creates a pending top-up (201) with a checkout link on the sandbox', async () => {
    const { call, token } = await employer();
    const created = await call('POST', TOP_UPS, { token, body: { amountUsd: 100 } });
    expect(created.status).toBe(201);
    const id = created.body.topUpId;
    expect(created.body).toEqual({
      topUpId: expect.stringMatching(/^ctu_/),
      checkoutUrl: `${ORIGIN}/checkout/${id}`,
      expiresAt: '2026-06-13T10:00:00.000Z',
      topUp: {
        id,
        status: 'PENDING',
        amountCents: 10_000,
        createdAt: START,
        completedAt: null,
        expiresAt: '2026-06-13T10:00:00.000Z',
      },
      message:
        'Top-up created. Show checkoutUrl to your human so they can complete the payment; then poll the top-up until it is COMPLETED.',
    });
    // Nothing is charged until the human pays.
    expect((await call('GET', `${V1}/credits`, { token })).body.credits.availableCents).toBe(0);

    const alias = await call('POST', TOP_UPS, { token, body: { amount: 12.34 } });
    expect(alias.body.topUp.amountCents).toBe(1234);
    expect(alias.body.topUpId).not.toBe(id);
  });

  it('names amountUsd when the amount is missing, not a number or outside 10 to 10,000', async () => {
    const { call, token } = await employer();
    for (const body of [{}, { amountUsd: 9.99 }, { amountUsd: 10_000.01 }, { amountUsd: '100' }, { note: 'x' }]) {
      const refused = await call('POST', TOP_UPS, { token, body });
      expect([refused.status, refused.body.details.field], JSON.stringify(body)).toEqual([400, 'amountUsd']);
    }
    const alias = await call('POST', TOP_UPS, { token, body: { amount: 5 } });
    expect([alias.status, alias.body.details.field]).toEqual([400, 'amount']);
    expect((await call('POST', TOP_UPS, { token, body: { amountUsd: 10 } })).status).toBe(201);
    expect((await call('POST', TOP_UPS, { token, body: { amountUsd: 10_000 } })).status).toBe(201);
  });

  it('needs payments:write, the credits feature and a claimed account', async () => {
    const { sandbox, call, accountId, token } = await employer();
    const readOnly = await tokenWith(sandbox, accountId, ['payments:read']);
    const noScope = await call('POST', TOP_UPS, { token: readOnly, body: { amountUsd: 100 } });
    expect([noScope.status, noScope.body.details.requiredScopes]).toEqual([403, ['payments:write']]);

    await sandbox.control.setFeatures(accountId, { public_api_credits: false });
    const off = await call('POST', TOP_UPS, { token, body: { amountUsd: 100 } });
    expect([off.status, off.body.details.featureKey]).toEqual([403, 'public_api_credits']);
    await sandbox.control.setFeatures(accountId, { public_api_credits: true });

    await sandbox.control.mutate((state) => {
      const account = state.accounts[accountId];
      if (account) account.claimed = false;
    });
    const unclaimed = await call('POST', TOP_UPS, { token, body: { amountUsd: 100 } });
    expect([unclaimed.status, unclaimed.body.details]).toEqual([
      403,
      { reason: 'account_claim_required', action: 'buy credits', claimUrl: `${ORIGIN}/claim` },
    ]);
  });
});

describe('the checkout page', () => {
  it('completes the top-up when the human presses Pay, and the credit lands on the balance', async () => {
    const { sandbox, call, form, token, page } = await employer();
    const created = (await call('POST', TOP_UPS, { token, body: { amountUsd: 100 } })).body;

    const before = await page(created.checkoutUrl);
    expect(before.status).toBe(200);
    expect(before.html).toContain('<dd data-testid="checkout-amount">$100.00</dd>');
    expect(before.html).toContain('<dd data-testid="checkout-status">PENDING</dd>');
    expect(before.html).toContain(
      `<form method="post" action="/checkout/${created.topUpId}/pay"><button type="submit">Pay $100.00</button>`,
    );

    await sandbox.control.advanceClock(12 * 60_000);
    const paid = await form(`/checkout/${created.topUpId}/pay`);
    expect([paid.status, paid.headers.get('location')]).toEqual([303, `/checkout/${created.topUpId}`]);

    const after = await page(created.checkoutUrl);
    expect(after.html).toContain('<dd data-testid="checkout-status">COMPLETED</dd>');
    expect(after.html).toContain('Paid. The credit is on your balance');
    expect(after.html).not.toContain('>Pay $100.00</button>');

    const topUp = await call('GET', `${TOP_UPS}/${created.topUpId}`, { token });
    expect(topUp.body.topUp).toMatchObject({ status: 'COMPLETED', completedAt: '2026-06-12T10:12:00.000Z' });
    const credits = (await call('GET', `${V1}/credits`, { token })).body.credits;
    expect(credits.availableCents).toBe(10_000);
    expect(credits.recentEntries[0]).toMatchObject({ type: 'TOP_UP', amountCents: 10_000, topUpId: created.topUpId });

    const twice = await form(`/checkout/${created.topUpId}/pay`);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('This top-up is completed and cannot change any more.');
    expect((await call('GET', `${V1}/credits`, { token })).body.credits.availableCents).toBe(10_000);
  });

  it('cancels without charging when the human presses Cancel', async () => {
    const { call, form, token, page } = await employer();
    const created = (await call('POST', TOP_UPS, { token, body: { amountUsd: 50 } })).body;
    expect((await form(`/checkout/${created.topUpId}/cancel`)).status).toBe(303);
    expect((await page(created.checkoutUrl)).html).toContain('Checkout canceled. Nothing was charged.');
    expect((await call('GET', `${TOP_UPS}/${created.topUpId}`, { token })).body.topUp.status).toBe('CANCELED');
    expect((await form(`/checkout/${created.topUpId}/pay`)).status).toBe(409);
    expect((await call('GET', `${V1}/credits`, { token })).body.credits.availableCents).toBe(0);
  });

  it('lets an unpaid link lapse after 24 hours: the top-up reads EXPIRED and can no longer be paid', async () => {
    const { sandbox, call, form, token, page } = await employer();
    const created = (await call('POST', TOP_UPS, { token, body: { amountUsd: 50 } })).body;
    await sandbox.control.advanceClock(24 * 60 * 60 * 1000);

    expect((await call('GET', `${TOP_UPS}/${created.topUpId}`, { token })).body.topUp).toMatchObject({
      status: 'EXPIRED',
      completedAt: null,
    });
    expect((await page(created.checkoutUrl)).html).toContain('This checkout link has expired.');
    expect((await form(`/checkout/${created.topUpId}/pay`)).status).toBe(409);
    const shortcut = await call('POST', `/_sandbox/credits/top-ups/${created.topUpId}/complete`);
    expect([shortcut.status, shortcut.body.details]).toEqual([409, { status: 'EXPIRED' }]);
    expect((await call('GET', `${V1}/credits`, { token })).body.credits.availableCents).toBe(0);
  });

  it('answers an unknown checkout with a 404 page', async () => {
    const { form, page } = await employer();
    expect((await page(`${ORIGIN}/checkout/ctu_missing`)).status).toBe(404);
    expect((await form('/checkout/ctu_missing/pay')).status).toBe(404);
  });
});

describe('GET /credits/top-ups/{topUpId}', () => {
  it('reads the caller’s top-up, 404 for anyone else’s', async () => {
    const { sandbox, call, token } = await employer();
    const created = (await call('POST', TOP_UPS, { token, body: { amountUsd: 25 } })).body;
    const read = await call('GET', `${TOP_UPS}/${created.topUpId}`, { token });
    expect(read).toEqual({ status: 200, body: { topUp: created.topUp } });

    const stranger = await otherEmployer(sandbox);
    const foreign = await call('GET', `${TOP_UPS}/${created.topUpId}`, { token: stranger.token });
    expect([foreign.status, foreign.body.details]).toEqual([
      404,
      { resource: 'credit-top-ups', topUpId: created.topUpId },
    ]);
  });

  it('completes through the control-plane shortcut without the page', async () => {
    const { call, token } = await employer();
    const created = (await call('POST', TOP_UPS, { token, body: { amountUsd: 25 } })).body;
    const completed = await call('POST', `/_sandbox/credits/top-ups/${created.topUpId}/complete`);
    expect(completed.body.topUp).toMatchObject({ id: created.topUpId, status: 'COMPLETED', completedAt: START });
    expect((await call('GET', `${V1}/credits`, { token })).body.credits.availableCents).toBe(2500);
    expect((await call('POST', '/_sandbox/credits/top-ups/ctu_missing/complete')).status).toBe(404);
  });
});
