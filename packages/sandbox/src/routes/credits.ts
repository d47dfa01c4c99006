import { publicBody } from '../http/body.js';
import { originOf } from '../http/context.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { checkoutUrl } from '../pages/checkout.js';
import {
  appendCreditEntry,
  completeTopUp,
  createTopUp,
  creditBalance,
  creditEntryView,
  expireTopUpIfDue,
  ledgerPage,
  recentEntries,
  TOP_UP_MAX_USD,
  TOP_UP_MIN_USD,
  topUpView,
} from '../state/credits.js';
import { addPaymentMethod, removePaymentMethod, usdToCents } from '../state/funding.js';
import { pendingPaymentsView } from '../state/payments.js';
import type { SandboxState } from '../state/types.js';

const CREDITS_READ = { scopes: ['payments:read' as const], feature: 'public_api_credits' as const };

const TOP_UP_MESSAGE =
  'Top-up created. Show checkoutUrl to your human so they can complete the payment; then poll the top-up until it is COMPLETED.';

/** Credits (balance, ledger, top-ups) and pending payments, plus the control-plane shortcuts for money sources. */
export const creditRoutes: RouteFamily = {
  name: 'credits',
  register(router) {
    router.operation(
      { operationId: 'getCredits', method: 'GET', path: '/api/public/v1/credits', auth: CREDITS_READ },
      (c) => {
        const { state } = c.var.sandbox;
        const { account } = authOf(c);
        return c.json({
          credits: {
            ...creditBalance(state, account.id),
            currency: 'usd',
            recentEntries: recentEntries(state, account.id).map(creditEntryView),
          },
        });
      },
    );

    router.operation(
      { operationId: 'listCreditLedger', method: 'GET', path: '/api/public/v1/credits/ledger', auth: CREDITS_READ },
      (c) => {
        const query = inputOf(c).query as { cursor?: string; limit?: number };
        const page = ledgerPage(c.var.sandbox.state, authOf(c).account.id, {
          cursor: query.cursor,
          limit: query.limit ?? 50,
        });
        if (!page) throw badRequest('cursor is not a cursor this ledger returned.', { field: 'cursor' });
        return c.json({ entries: page.entries.map(creditEntryView), nextCursor: page.nextCursor });
      },
    );

    router.operation(
      {
        operationId: 'createCreditTopUp',
        method: 'POST',
        path: '/api/public/v1/credits/top-ups',
        auth: {
          scopes: ['payments:write'],
          feature: 'public_api_credits',
          claimAction: 'buy credits',
        },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const body = inputOf(c).body as { amountUsd?: number; amount?: number };
        const amountUsd = body.amountUsd ?? body.amount;
        if (amountUsd === undefined) {
          throw badRequest(`amountUsd is required: dollars to add, ${TOP_UP_MIN_USD} to ${TOP_UP_MAX_USD}.`, {
            field: 'amountUsd',
          });
        }
        const topUp = createTopUp(runtime.state, authOf(c).account.id, usdToCents(amountUsd), runtime.now());
        return c.json(
          {
            topUpId: topUp.id,
            checkoutUrl: checkoutUrl(originOf(c), topUp.id),
            expiresAt: topUp.expiresAt,
            topUp: topUpView(topUp),
            message: TOP_UP_MESSAGE,
          },
          201,
        );
      },
    );

    router.operation(
      {
        operationId: 'getCreditTopUp',
        method: 'GET',
        path: '/api/public/v1/credits/top-ups/{topUpId}',
        auth: CREDITS_READ,
      },
      (c) => {
        const runtime = c.var.sandbox;
        const topUpId = String(inputOf(c).path.topUpId);
        const topUp = runtime.state.creditTopUps[topUpId];
        if (!topUp || topUp.accountId !== authOf(c).account.id) throw notFound('credit-top-ups', 'topUpId', topUpId);
        expireTopUpIfDue(topUp, runtime.now());
        return c.json({ topUp: topUpView(topUp) });
      },
    );

    router.operation(
      {
        operationId: 'listPendingPayments',
        method: 'GET',
        path: '/api/public/v1/payments/pending',
        auth: { scopes: ['payments:read'] },
      },
      (c) => {
        const runtime = c.var.sandbox;
        return c.json({ payments: pendingPaymentsView(runtime.state, authOf(c).account.id, runtime.now()) });
      },
    );

    registerControlShortcuts(router);
  },
};

/**
 * `/_sandbox` shortcuts for tests: put a card on file or take it away, grant credit, and pay a top-up without
 * opening the checkout page.
 */
function registerControlShortcuts(router: Parameters<RouteFamily['register']>[0]) {
  router.route('POST', '/_sandbox/accounts/{accountId}/payment-method', async (c) => {
    const body = await publicBody(c);
    const { state } = c.var.sandbox;
    const accountId = accountOf(state, c.req.param('accountId'));
    for (const field of ['brand', 'last4'] as const) {
      if (body[field] !== undefined && typeof body[field] !== 'string') {
        throw badRequest(`${field} must be a string.`, { field });
      }
    }
    const card = { brand: body.brand as string | undefined, last4: body.last4 as string | undefined };
    return c.json({ paymentMethod: addPaymentMethod(state, accountId, c.var.sandbox.now(), card) });
  });

  router.route('DELETE', '/_sandbox/accounts/{accountId}/payment-method', (c) => {
    const { state } = c.var.sandbox;
    removePaymentMethod(state, accountOf(state, c.req.param('accountId')));
    return c.json({ paymentMethod: null });
  });

  router.route('POST', '/_sandbox/accounts/{accountId}/credits', async (c) => {
    const body = await publicBody(c);
    const { state } = c.var.sandbox;
    const accountId = accountOf(state, c.req.param('accountId'));
    if (!Number.isInteger(body.amountCents) || body.amountCents === 0) {
      throw badRequest('amountCents must be a non-zero integer (negative takes credit away).', {
        field: 'amountCents',
      });
    }
    const amountCents = body.amountCents as number;
    if (creditBalance(state, accountId).availableCents + amountCents < 0) {
      throw badRequest('amountCents would take the available balance below zero.', { field: 'amountCents' });
    }
    if (body.note !== undefined && typeof body.note !== 'string') {
      throw badRequest('note must be a string.', { field: 'note' });
    }
    const entry = appendCreditEntry(
      state,
      { accountId, type: 'ADJUSTMENT', amountCents, note: (body.note as string | undefined) ?? null },
      c.var.sandbox.now(),
    );
    return c.json({ entry: creditEntryView(entry), credits: creditBalance(state, accountId) });
  });

  router.route('POST', '/_sandbox/credits/top-ups/{topUpId}/complete', (c) => {
    const runtime = c.var.sandbox;
    const topUpId = c.req.param('topUpId') ?? '';
    const topUp = runtime.state.creditTopUps[topUpId];
    if (!topUp) throw notFound('credit-top-ups', 'topUpId', topUpId);
    if (!completeTopUp(runtime.state, topUp, runtime.now())) {
      throw conflict(`This top-up is ${topUp.status} and can no longer be paid.`, { status: topUp.status });
    }
    return c.json({ topUp: topUpView(topUp) });
  });
}

function accountOf(state: SandboxState, accountId: string | undefined): string {
  if (!accountId || !state.accounts[accountId]) throw notFound('accounts', 'accountId', accountId ?? '');
  return accountId;
}
