import { html } from 'hono/html';
import type { SandboxContext } from '../http/context.js';
import type { RouteFamily } from '../http/router.js';
import { ALL_SCOPES, isScope } from '../state/scopes.js';
import { ACTIVE_TOKEN_CAP, activeTokenCount, mintToken } from '../state/tokens.js';
import { layout } from './layout.js';

/**
 * `/employer-settings?tab=api-keys&accountId=…`: the app's API-keys settings, where a human of a claimed account mints
 * a token in the app. It is the documented way to get `payments:write` and `webhooks:manage`, which no agent token
 * holds. The secret is shown once, on the page that minted it.
 */
export const apiKeysPage: RouteFamily = {
  name: 'api-keys-page',
  register(router) {
    router.route('GET', '/employer-settings', (c) => render(c, c.req.query('accountId') ?? ''));

    router.route('POST', '/employer-settings/api-keys', async (c) => {
      const form = await c.req.parseBody({ all: true });
      const accountId = typeof form.accountId === 'string' ? form.accountId : '';
      const runtime = c.var.sandbox;
      const account = runtime.state.accounts[accountId];
      if (!account?.claimed) return render(c, accountId);
      const now = runtime.now();
      if (activeTokenCount(runtime.state, accountId, now) >= ACTIVE_TOKEN_CAP) {
        return render(c, accountId, { error: `This account already has ${ACTIVE_TOKEN_CAP} active tokens.` });
      }
      const picked = ([] as unknown[]).concat(form.scopes ?? []).filter(isScope);
      const name = typeof form.name === 'string' && form.name.trim() !== '' ? form.name.trim() : 'Created in the app';
      const token = mintToken(
        runtime.state,
        { accountId, name, scopes: picked.length > 0 ? picked : [...ALL_SCOPES] },
        now,
      );
      return render(c, accountId, { minted: token.value });
    });
  },
};

function render(c: SandboxContext, accountId: string, outcome: { minted?: string; error?: string } = {}) {
  const account = c.var.sandbox.state.accounts[accountId];
  if (!account) {
    return c.html(layout('API keys', html`<p role="alert">Open the settings link for your account.</p>`), 404);
  }
  if (!account.claimed) {
    return c.html(
      layout(
        'API keys',
        html`<p role="alert">Claim this account first: only a human of a claimed account mints keys.</p>`,
      ),
      403,
    );
  }
  return c.html(
    layout(
      'API keys',
      html`${
        outcome.minted
          ? html`<p role="status">Copy this key now; it is not shown again.</p>
            <p><code data-testid="minted-token">${outcome.minted}</code></p>`
          : ''
      }
        ${outcome.error ? html`<p role="alert">${outcome.error}</p>` : ''}
        <form method="post" action="/employer-settings/api-keys">
          <input type="hidden" name="accountId" value="${accountId}" />
          <label for="name">Key name</label>
          <input id="name" name="name" value="Agent with payments" />
          <fieldset>
            <legend>Scopes</legend>
            ${ALL_SCOPES.map(
              (scope) => html`<label><input type="checkbox" name="scopes" value="${scope}" checked /> ${scope}</label>`,
            )}
          </fieldset>
          <button type="submit">Create key</button>
        </form>`,
    ),
  );
}
