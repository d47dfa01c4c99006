import { describe, expect, it } from 'vitest';
import { callJson, postForm, seed, startTestSandbox } from './support.js';

describe('the API-keys settings page', () => {
  it('lets the human of a claimed account mint a key with the scopes no agent token holds', async () => {
    const { url } = await startTestSandbox();
    const { accountId } = await seed(url, 'claimed-employer');

    const page = await fetch(`${url}/employer-settings?tab=api-keys&accountId=${accountId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="payments:write" checked');

    const form = new URLSearchParams({ accountId, name: 'Payments agent' });
    for (const scope of ['payments:read', 'payments:write', 'webhooks:manage']) form.append('scopes', scope);
    const minted = await fetch(`${url}/employer-settings/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const html = await minted.text();
    const token = /data-testid="minted-token">(ot_pat_[^<]+)</.exec(html)?.[1];
    expect(token).toBeDefined();

    const tokens = await callJson(url, 'GET', '/api/public/v1/tokens', { token });
    const created = tokens.body.tokens.find((t: { name: string }) => t.name === 'Payments agent');
    expect(created.scopes).toEqual(['payments:read', 'payments:write', 'webhooks:manage']);
    expect(JSON.stringify(tokens.body)).not.toContain(token);
  });

  it('refuses an account no human has claimed', async () => {
    const { url } = await startTestSandbox();
    const { accountId } = await seed(url, 'unclaimed-agent');
    const attempt = await postForm(url, '/employer-settings/api-keys', { accountId });
    expect(attempt.status).toBe(403);
    expect(await attempt.text()).toContain('Claim this account first');
  });
});
