import { html } from 'hono/html';
import type { SandboxContext } from '../http/context.js';
import type { RouteFamily } from '../http/router.js';
import { addPaymentMethod } from '../state/funding.js';
import { layout } from './layout.js';

/**
 * `/settings/billing?accountId=…`: where the `payment_method_required` refusal sends the human. One button puts a
 * test card on file; sandbox cards are labels only and are never charged.
 */
export const billingPage: RouteFamily = {
  name: 'billing-page',
  register(router) {
    router.route('GET', '/settings/billing', (c) => render(c, c.req.query('accountId') ?? ''));

    router.route('POST', '/settings/billing/card', async (c) => {
      const form = await c.req.parseBody();
      const accountId = typeof form.accountId === 'string' ? form.accountId : '';
      const runtime = c.var.sandbox;
      if (!runtime.state.accounts[accountId]) return render(c, accountId);
      addPaymentMethod(runtime.state, accountId, runtime.now());
      return c.redirect(`/settings/billing?accountId=${encodeURIComponent(accountId)}`, 303);
    });
  },
};

function render(c: SandboxContext, accountId: string) {
  const { state } = c.var.sandbox;
  const account = state.accounts[accountId];
  if (!account) {
    return c.html(layout('Billing', html`<p role="alert">Open the billing link your agent gave you.</p>`), 404);
  }
  const card = state.paymentMethods[accountId];
  const name = account.organizationName ?? account.agentName ?? account.id;
  return c.html(
    layout(
      'Billing',
      html`<p>Payment method for ${name}. Hires and milestone funding are charged to it when your credit balance does
          not cover them.</p>
        ${
          card
            ? html`<p role="status" data-testid="card-on-file">${card.brand.toUpperCase()} ending in ${card.last4} is on file.</p>`
            : html`<p data-testid="card-on-file">No payment method on file.</p>
                <form method="post" action="/settings/billing/card">
                  <input type="hidden" name="accountId" value="${accountId}" />
                  <button type="submit">Add test card</button>
                </form>`
        }`,
    ),
  );
}
