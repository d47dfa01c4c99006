import { describe, expect, it } from 'vitest';
import { callJson, postForm, register, START, startTestSandbox } from './support.js';

const GRANT = 'urn:opentrain:agent-auth:grant-type:claim';

describe('the /_sandbox control plane', () => {
  it('advances the clock', async () => {
    const { url } = await startTestSandbox();
    expect((await callJson(url, 'GET', '/_sandbox/clock')).body).toEqual({ now: START });
    const advanced = await callJson(url, 'POST', '/_sandbox/clock/advance', { body: { seconds: 90 } });
    expect(advanced.body).toEqual({ now: '2026-06-12T10:01:30.000Z' });
    expect((await callJson(url, 'POST', '/_sandbox/clock/advance', { body: { ms: 500 } })).body.now).toBe(
      '2026-06-12T10:01:30.500Z',
    );
    const bad = await callJson(url, 'POST', '/_sandbox/clock/advance', { body: { seconds: -1 } });
    expect([bad.status, bad.body.details]).toEqual([400, { field: 'seconds' }]);
  });

  it('seeds named scenarios and resets to an empty world', async () => {
    const { url } = await startTestSandbox();
    const seeded = await callJson(url, 'POST', '/_sandbox/seed', { body: { scenario: 'unclaimed-agent' } });
    expect(seeded.body).toMatchObject({
      scenario: 'unclaimed-agent',
      token: expect.stringMatching(/^ot_pat_/),
      claimToken: expect.stringMatching(/^ot_clm_/),
    });
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: seeded.body.token })).status).toBe(200);

    const unknown = await callJson(url, 'POST', '/_sandbox/seed', { body: { scenario: 'nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('empty, unclaimed-agent, claimed-employer');

    expect((await callJson(url, 'POST', '/_sandbox/reset')).body).toEqual({ ok: true });
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: seeded.body.token })).status).toBe(401);
  });

  it('completes a claim without the claim page, by claim token or attempt token', async () => {
    const { url } = await startTestSandbox();
    const { claim_token, access_token } = await register(url);

    const early = await callJson(url, 'POST', '/_sandbox/claims/complete', { body: { token: claim_token } });
    expect(early.status).toBe(404);
    expect(JSON.stringify(early.body)).not.toContain(claim_token);

    await callJson(url, 'POST', '/api/agent/identity/claim', { body: { claim_token, email: 'lead@example.com' } });
    const done = await callJson(url, 'POST', '/_sandbox/claims/complete', { body: { token: claim_token } });
    expect(done.status).toBe(200);
    expect(done.body.email).toBe('lead@example.com');

    const again = await callJson(url, 'POST', '/_sandbox/claims/complete', { body: { token: claim_token } });
    expect(again.status).toBe(409);

    const token = await postForm(url, '/api/agent/oauth/token', { grant_type: GRANT, claim_token });
    expect(token.status).toBe(200);
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: access_token })).status).toBe(401);
  });

  it('lists webhook deliveries (none until a webhook subscription exists)', async () => {
    const { url } = await startTestSandbox();
    expect((await callJson(url, 'GET', '/_sandbox/webhook-deliveries')).body).toEqual({ deliveries: [] });
  });

  it('names unknown feature flags and accounts', async () => {
    const { url } = await startTestSandbox();
    const seeded = await callJson(url, 'POST', '/_sandbox/seed', { body: { scenario: 'claimed-employer' } });
    const badFlag = await callJson(url, 'PATCH', `/_sandbox/accounts/${seeded.body.accountId}/features`, {
      body: { public_api_time_travel: true },
    });
    expect([badFlag.status, badFlag.body.details]).toEqual([400, { field: 'public_api_time_travel' }]);
    const noAccount = await callJson(url, 'PATCH', '/_sandbox/accounts/org_missing/features', {
      body: { public_api_hiring: false },
    });
    expect(noAccount.status).toBe(404);
  });
});
