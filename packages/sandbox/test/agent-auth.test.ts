import { describe, expect, it } from 'vitest';
import { advance, callJson, postForm, register, startTestSandbox } from './support.js';

const GRANT = 'urn:opentrain:agent-auth:grant-type:claim';
const PRE_CLAIM = ['jobs:read', 'jobs:write', 'proposals:read', 'messages:read', 'payments:read', 'team:read'];
const POST_CLAIM = [
  'jobs:read',
  'jobs:write',
  'proposals:read',
  'proposals:write',
  'messages:read',
  'messages:write',
  'payments:read',
  'team:read',
  'team:write',
];

async function poll(base: string, claimToken: string) {
  const response = await postForm(base, '/api/agent/oauth/token', { grant_type: GRANT, claim_token: claimToken });
  return { status: response.status, body: await response.json() };
}

describe('agent auth ceremony over HTTP', () => {
  it('registers, claims through the claim page, delivers the post-claim token once and revokes the old one', async () => {
    const { url } = await startTestSandbox();

    const registration = await register(url, { agent_name: 'Claude Code', organization_name: 'Acme Research' });
    expect(registration.access_token).toMatch(/^ot_pat_[0-9a-f]{12}_[A-Za-z0-9]{32}$/);
    expect(registration.claim_token).toMatch(/^ot_clm_/);
    expect(registration.scopes).toEqual(PRE_CLAIM);
    const preClaimToken = registration.access_token;

    const me = await callJson(url, 'GET', '/api/public/v1/auth/me', { token: preClaimToken });
    expect(me.status).toBe(200);
    expect(me.body.account.claimed).toBe(false);

    const start = await callJson(url, 'POST', '/api/agent/identity/claim', {
      body: { claim_token: registration.claim_token, email: 'owner@example.com' },
    });
    expect(start.status).toBe(200);
    expect(start.body.user_code).toMatch(/^\d{6}$/);
    expect(start.body.verification_uri).toMatch(new RegExp(`^${url}/claim\\?token=ot_cat_\\w+$`));
    expect(start.body).toMatchObject({ expires_in: 1800, interval: 5 });

    expect(await poll(url, registration.claim_token)).toEqual({
      status: 400,
      body: { error: 'authorization_pending', error_description: expect.any(String) },
    });
    // Polling again at once is faster than the interval.
    expect((await poll(url, registration.claim_token)).body.error).toBe('slow_down');

    // The human opens the link, mistypes the code once, then confirms.
    const page = await fetch(start.body.verification_uri);
    const pageHtml = await page.text();
    expect(page.status).toBe(200);
    expect(pageHtml).toContain('<button type="submit">Claim account</button>');
    expect(pageHtml).toContain('Claude Code created the OpenTrain account &quot;Acme Research&quot;');
    const attemptToken = new URL(start.body.verification_uri).searchParams.get('token') ?? '';
    const wrongCode = start.body.user_code === '000000' ? '111111' : '000000';
    const mistyped = await postForm(url, '/claim', {
      token: attemptToken,
      email: 'owner@example.com',
      user_code: wrongCode,
    });
    expect(mistyped.status).toBe(400);
    expect(await mistyped.text()).toContain('That code does not match');
    const confirmed = await postForm(url, '/claim', {
      token: attemptToken,
      email: 'Owner@Example.com',
      user_code: start.body.user_code,
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You now own the account');

    // slow_down lengthened the interval to 10 s; after waiting it out the token is delivered.
    await advance(url, 10);
    const delivered = await poll(url, registration.claim_token);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toEqual({
      access_token: expect.stringMatching(/^ot_pat_/),
      token_type: 'bearer',
      scopes: POST_CLAIM,
    });

    await advance(url, 10);
    expect(await poll(url, registration.claim_token)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: expect.any(String) },
    });

    const revokedMe = await callJson(url, 'GET', '/api/public/v1/auth/me', { token: preClaimToken });
    expect(revokedMe.status).toBe(401);
    expect(revokedMe.body.code).toBe('UNAUTHORIZED');

    const claimedMe = await callJson(url, 'GET', '/api/public/v1/auth/me', { token: delivered.body.access_token });
    expect(claimedMe.status).toBe(200);
    expect(claimedMe.body.actor.email).toBe('owner@example.com');
    expect(claimedMe.body.account.claimed).toBe(true);
    expect(claimedMe.body.token.scopes).toEqual(POST_CLAIM);
  });

  it('revokes with RFC 7009 semantics: always 200 {} and the token stops working', async () => {
    const { url } = await startTestSandbox();
    const { access_token } = await register(url);

    const revoke = await postForm(url, '/api/agent/oauth/revoke', { token: access_token });
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toEqual({});
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: access_token })).status).toBe(401);

    const again = await postForm(url, '/api/agent/oauth/revoke', { token: access_token });
    expect([again.status, await again.json()]).toEqual([200, {}]);
    const unknown = await postForm(url, '/api/agent/oauth/revoke', { token: 'ot_pat_unknown_token' });
    expect([unknown.status, await unknown.json()]).toEqual([200, {}]);

    const missing = await postForm(url, '/api/agent/oauth/revoke', {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'invalid_request', error_description: 'token is required.' });
  });

  it('answers the documented OAuth errors for bad registration, claim and token requests', async () => {
    const { url } = await startTestSandbox();

    const unsupported = await callJson(url, 'POST', '/api/agent/identity', { body: { identity_type: 'named' } });
    expect([unsupported.status, unsupported.body.error]).toEqual([400, 'unsupported_identity_type']);
    expect(unsupported.body).not.toHaveProperty('requestId');
    expect(unsupported.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const { claim_token } = await register(url);
    const noEmail = await callJson(url, 'POST', '/api/agent/identity/claim', { body: { claim_token } });
    expect(noEmail.body).toEqual({ error: 'invalid_request', error_description: 'email is required.' });

    const wrongGrant = await postForm(url, '/api/agent/oauth/token', { grant_type: 'password', claim_token });
    expect((await wrongGrant.json()).error).toBe('unsupported_grant_type');

    const unknownClaim = await postForm(url, '/api/agent/oauth/token', { grant_type: GRANT, claim_token: 'ot_clm_x' });
    expect((await unknownClaim.json()).error).toBe('invalid_grant');

    const notStarted = await postForm(url, '/api/agent/oauth/token', { grant_type: GRANT, claim_token });
    expect(await notStarted.json()).toMatchObject({ error: 'invalid_request' });

    await callJson(url, 'PATCH', '/_sandbox/settings', { body: { anonymousRegistration: false } });
    const disabled = await callJson(url, 'POST', '/api/agent/identity', { body: {} });
    expect([disabled.status, disabled.body.error]).toEqual([403, 'anonymous_not_enabled']);
  });

  it('refuses a claim for an email that already has an account, and expires the claim window after 24 h', async () => {
    const { url } = await startTestSandbox();
    await callJson(url, 'POST', '/_sandbox/seed', { body: { scenario: 'claimed-employer' } });
    const { claim_token } = await register(url);

    const taken = await callJson(url, 'POST', '/api/agent/identity/claim', {
      body: { claim_token, email: 'owner@example.com' },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error_description).toMatch(/^email_already_registered/);

    await callJson(url, 'POST', '/api/agent/identity/claim', { body: { claim_token, email: 'new@example.com' } });
    await advance(url, 24 * 60 * 60);
    const late = await postForm(url, '/api/agent/oauth/token', { grant_type: GRANT, claim_token });
    expect((await late.json()).error).toBe('expired_token');
  });

  it('supersedes the previous claim link when the agent starts the claim again', async () => {
    const { url } = await startTestSandbox();
    const { claim_token } = await register(url);
    const first = await callJson(url, 'POST', '/api/agent/identity/claim', {
      body: { claim_token, email: 'owner@example.com' },
    });
    const second = await callJson(url, 'POST', '/api/agent/identity/claim', {
      body: { claim_token, email: 'owner@example.com' },
    });
    expect(second.body.verification_uri).not.toBe(first.body.verification_uri);

    const stale = await fetch(first.body.verification_uri);
    expect(stale.status).toBe(410);
    expect(await stale.text()).toContain('Use the most recent link');
  });

  it('serves the discovery documents on the sandbox origin', async () => {
    const { url } = await startTestSandbox();
    const resource = await callJson(url, 'GET', '/.well-known/oauth-protected-resource');
    expect(resource.body).toMatchObject({ resource: `${url}/api/public/v1`, authorization_servers: [url] });
    expect(resource.body.scopes_supported).toHaveLength(11);
    const server = await callJson(url, 'GET', '/.well-known/oauth-authorization-server');
    expect(server.body).toMatchObject({
      issuer: url,
      token_endpoint: `${url}/api/agent/oauth/token`,
      revocation_endpoint: `${url}/api/agent/oauth/revoke`,
      agent_auth: { identity_endpoint: `${url}/api/agent/identity`, grant_type: GRANT, interval: 5 },
    });
  });
});
