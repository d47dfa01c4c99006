import { describe, expect, it } from 'vitest';
import type { RouteFamily } from '../src/index.js';
import { callJson, register, seed, startTestSandbox } from './support.js';

/** Operations declared the way the hiring, payments and updates families declare theirs. */
const gatedFamily: RouteFamily = {
  name: 'gated-examples',
  register(router) {
    const ok = (c: Parameters<Parameters<typeof router.operation>[1]>[0]) => c.json({ ok: true });
    router.operation(
      {
        operationId: 'exampleJobsRead',
        method: 'GET',
        path: '/api/public/v1/examples/jobs',
        auth: { scopes: ['jobs:read'] },
      },
      ok,
    );
    router.operation(
      {
        operationId: 'examplePaymentsWrite',
        method: 'POST',
        path: '/api/public/v1/examples/payments',
        auth: { scopes: ['payments:write'] },
      },
      ok,
    );
    router.operation(
      {
        operationId: 'exampleHire',
        method: 'POST',
        path: '/api/public/v1/examples/{proposalId}/hire',
        auth: { scopes: ['jobs:read'], feature: 'public_api_hiring', claimAction: 'hire AI trainers' },
      },
      ok,
    );
    router.operation(
      {
        operationId: 'exampleFeed',
        method: 'GET',
        path: '/api/public/v1/examples/feed',
        auth: { scopes: [], anyOfScopes: ['webhooks:manage', 'team:write'] },
      },
      ok,
    );
  },
};

describe('scope, feature and claim gates', () => {
  it('refuses a missing scope with requiredScopes and grantedScopes; a :write scope satisfies :read', async () => {
    const { url } = await startTestSandbox({ families: [gatedFamily] });
    const { access_token, scopes } = await register(url);

    const refused = await callJson(url, 'POST', '/api/public/v1/examples/payments', { token: access_token });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: 'This token lacks the scope payments:write.',
      code: 'FORBIDDEN',
      requestId: refused.headers.get('x-request-id'),
      details: { requiredScopes: ['payments:write'], grantedScopes: scopes },
    });

    const minted = await callJson(url, 'POST', '/api/public/v1/tokens', {
      token: access_token,
      body: { scopes: ['jobs:write'] },
    });
    const writeOnly = await callJson(url, 'GET', '/api/public/v1/examples/jobs', { token: minted.body.token });
    expect(writeOnly.status).toBe(200);

    const anyOf = await callJson(url, 'GET', '/api/public/v1/examples/feed', { token: access_token });
    expect(anyOf.status).toBe(403);
    expect(anyOf.body.details.requiredScopes).toEqual(['webhooks:manage', 'team:write']);
  });

  it('refuses an unclaimed account with account_claim_required, action and claimUrl', async () => {
    const { url } = await startTestSandbox({ families: [gatedFamily] });
    const { access_token } = await register(url);

    const refused = await callJson(url, 'POST', '/api/public/v1/examples/prop_1/hire', { token: access_token });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: 'A human must claim this agent account before it can hire AI trainers.',
      code: 'FORBIDDEN',
      details: { reason: 'account_claim_required', action: 'hire AI trainers', claimUrl: `${url}/claim` },
    });

    const claimed = await seed(url, 'claimed-employer');
    expect((await callJson(url, 'POST', '/api/public/v1/examples/prop_1/hire', { token: claimed.token })).status).toBe(
      200,
    );
  });

  it('refuses an operation whose feature flag is off with featureKey, including the capabilities probe', async () => {
    const { url } = await startTestSandbox({ families: [gatedFamily] });
    const { accountId, token } = await seed(url, 'claimed-employer');
    await callJson(url, 'PATCH', `/_sandbox/accounts/${accountId}/features`, {
      body: { public_api_hiring: false },
    });

    const hire = await callJson(url, 'POST', '/api/public/v1/examples/prop_1/hire', { token });
    expect(hire.status).toBe(403);
    expect(hire.body.details).toEqual({ featureKey: 'public_api_hiring', mode: 'OFF' });

    const capabilities = await callJson(url, 'GET', '/api/public/v1/job-drafts/capabilities', { token });
    expect(capabilities.status).toBe(200);
    expect(capabilities.body.capabilities).toMatchObject({ hiring: false, draftCreate: true, webhooks: true });

    await callJson(url, 'PATCH', `/_sandbox/accounts/${accountId}/features`, {
      body: { public_api_job_drafting: false },
    });
    const drafting = await callJson(url, 'GET', '/api/public/v1/job-drafts/capabilities', { token });
    expect(drafting.status).toBe(403);
    expect(drafting.body.details).toEqual({ featureKey: 'public_api_job_drafting', mode: 'OFF' });
  });

  it('answers 401 with the envelope and a resource-metadata pointer for a missing or unknown token', async () => {
    const { url } = await startTestSandbox();
    const missing = await callJson(url, 'GET', '/api/public/v1/auth/me');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: 'Missing bearer token.',
      code: 'UNAUTHORIZED',
      requestId: missing.headers.get('x-request-id'),
    });
    expect(missing.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${url}/.well-known/oauth-protected-resource"`,
    );
    const unknown = await callJson(url, 'GET', '/api/public/v1/auth/me', { token: 'ot_pat_nope' });
    expect([unknown.status, unknown.body.error]).toEqual([401, 'The API token is invalid, expired or revoked.']);
  });

  it('gives every response its own request id, including pages and unknown routes', async () => {
    const { url } = await startTestSandbox();
    const ids = await Promise.all(
      ['/claim', '/nowhere', '/.well-known/oauth-protected-resource'].map(async (path) => {
        const response = await fetch(`${url}${path}`);
        await response.arrayBuffer();
        return response.headers.get('x-request-id');
      }),
    );
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
    const notFound = await callJson(url, 'GET', '/api/public/v1/nothing-here');
    expect(notFound.body).toMatchObject({ code: 'NOT_FOUND', requestId: notFound.headers.get('x-request-id') });
  });
});
