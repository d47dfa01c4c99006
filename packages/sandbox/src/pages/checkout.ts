import { html } from 'hono/html';
import type { SandboxContext } from '../http/context.js';
import type { RouteFamily } from '../http/router.js';
import { cancelTopUp, completeTopUp, expireTopUpIfDue } from '../state/credits.js';
import type { CreditTopUpRecord } from '../state/records/money.js';
import { layout } from './layout.js';

/** Where the `checkoutUrl` of a credit top-up points: the sandbox's stand-in for a hosted card checkout. */
export const checkoutUrl = (origin: string, topUpId: string) => `${origin}/checkout/${topUpId}`;

const STATUS_MESSAGES: Record<Exclude<CreditTopUpRecord['status'], 'PENDING'>, string> = {
  COMPLETED: 'Paid. The credit is on your balance; your agent sees the top-up as COMPLETED.',
  CANCELED: 'Checkout canceled. Nothing was charged.',
  EXPIRED: 'This checkout link has expired. Nothing was charged; ask your agent for a new top-up.',
};

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/**
 * `/checkout/{topUpId}`: shows the amount and a **Pay** button (and **Cancel**), both plain form POSTs. Paying
 * completes the top-up and adds its amount to the credit balance. No card details are asked for: sandbox money is
 * not real.
 */
export const checkoutPage: RouteFamily = {
  name: 'checkout-page',
  register(router) {
    router.route('GET', '/checkout/{topUpId}', (c) => {
      const topUp = findTopUp(c);
      if (!topUp) return notFoundPage(c);
      return c.html(page(topUp, null));
    });

    router.route('POST', '/checkout/{topUpId}/pay', (c) => decide(c, completeTopUp));
    router.route('POST', '/checkout/{topUpId}/cancel', (c) =>
      decide(c, (_state, topUp, now) => cancelTopUp(topUp, now)),
    );
  },
};

function findTopUp(c: SandboxContext): CreditTopUpRecord | undefined {
  const runtime = c.var.sandbox;
  const topUp = runtime.state.creditTopUps[c.req.param('topUpId') ?? ''];
  if (topUp) expireTopUpIfDue(topUp, runtime.now());
  return topUp;
}

function decide(
  c: SandboxContext,
  action: (state: SandboxContext['var']['sandbox']['state'], topUp: CreditTopUpRecord, now: number) => boolean,
) {
  const runtime = c.var.sandbox;
  const topUp = findTopUp(c);
  if (!topUp) return notFoundPage(c);
  if (!action(runtime.state, topUp, runtime.now())) {
    return c.html(page(topUp, `This top-up is ${topUp.status.toLowerCase()} and cannot change any more.`), 409);
  }
  // Post/redirect/get, so reloading the result page never pays twice.
  return c.redirect(`/checkout/${topUp.id}`, 303);
}

function page(topUp: CreditTopUpRecord, problem: string | null) {
  const amount = USD.format(topUp.amountCents / 100);
  const outcome = topUp.status === 'PENDING' ? null : STATUS_MESSAGES[topUp.status];
  return layout(
    'Buy OpenTrain credits',
    html`<p>Your agent asked to add credit to your OpenTrain balance. Credits pay for hires and milestone funding;
        every payment still waits for your confirmation.</p>
      <dl>
        <dt>Amount</dt>
        <dd data-testid="checkout-amount">${amount}</dd>
        <dt>Status</dt>
        <dd data-testid="checkout-status">${topUp.status}</dd>
        <dt>Link expires</dt>
        <dd>${topUp.expiresAt}</dd>
      </dl>
      ${problem ? html`<p role="alert">${problem}</p>` : ''}
      ${outcome ? html`<p role="status">${outcome}</p>` : ''}
      ${
        topUp.status === 'PENDING'
          ? html`<div class="actions">
              <form method="post" action="/checkout/${topUp.id}/pay"><button type="submit">Pay ${amount}</button></form>
              <form method="post" action="/checkout/${topUp.id}/cancel">
                <button type="submit" class="secondary">Cancel</button>
              </form>
            </div>`
          : ''
      }`,
  );
}

function notFoundPage(c: SandboxContext) {
  return c.html(layout('Checkout not found', html`<p role="alert">There is no checkout at this address.</p>`), 404);
}
