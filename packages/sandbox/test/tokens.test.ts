import { describe, expect, it } from 'vitest';
import { callJson, register, START, seed, startTestSandbox } from './support.js';

describe('token management', () => {
  it('mints a token shown once, then lists it only as a masked preview', async () => {
    const { url } = await startTestSandbox();
    const { token } = await seed(url, 'claimed-employer');

    const minted = await callJson(url, 'POST', '/api/public/v1/tokens', {
      token,
      body: { name: 'Read-only reporting', scopes: ['proposals:read', 'jobs:read'], expiresAt: '2026-09-01T00:00:00Z' },
    });
    expect(minted.status).toBe(201);
    const secret: string = minted.body.token;
    expect(secret).toMatch(/^ot_pat_/);
    expect(minted.body.tokenType).toBe('bearer');
    expect(minted.body.metadata).toEqual({
      id: expect.stringMatching(/^tok_/),
      name: 'Read-only reporting',
      preview: `ot_pat_${secret.slice(7, 11)}********${secret.slice(-4)}`,
      scopes: ['jobs:read', 'proposals:read'],
      status: 'active',
      organizationId: null,
      createdAt: START,
      lastUsedAt: null,
      expiresAt: '2026-09-01T00:00:00.000Z',
      revokedAt: null,
    });
    expect(minted.body.metadata.preview).toMatch(/^ot_pat_[0-9a-f]{4}\*{8}[A-Za-z0-9]{4}$/);

    const list = await callJson(url, 'GET', '/api/public/v1/tokens', { token });
    expect(list.body.tokens.map((record: { name: string }) => record.name)).toEqual([
      'Read-only reporting',
      'Sandbox full access',
    ]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain(token);

    const defaults = await callJson(url, 'POST', '/api/public/v1/tokens', { token });
    expect(defaults.body.metadata).toMatchObject({ name: 'API token', expiresAt: null });
    expect(defaults.body.metadata.scopes).toHaveLength(11);
  });

  it('never mints wider scopes than the caller holds, and names unknown scopes', async () => {
    const { url } = await startTestSandbox();
    const { access_token, scopes } = await register(url);

    const wider = await callJson(url, 'POST', '/api/public/v1/tokens', {
      token: access_token,
      body: { scopes: ['jobs:read', 'payments:write'] },
    });
    expect(wider.status).toBe(403);
    expect(wider.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { requiredScopes: ['payments:write'], grantedScopes: scopes },
    });

    const unknown = await callJson(url, 'POST', '/api/public/v1/tokens', {
      token: access_token,
      body: { scopes: ['jobs:read', 'jobs:delete'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toMatchObject({ field: 'scopes.1' });
    expect(unknown.body.details.allowedValues).toHaveLength(11);
    expect(unknown.body.error).toContain('scopes.1');

    const badName = await callJson(url, 'POST', '/api/public/v1/tokens', { token: access_token, body: { name: '' } });
    expect([badName.status, badName.body.details.field]).toEqual([400, 'name']);
    const past = await callJson(url, 'POST', '/api/public/v1/tokens', {
      token: access_token,
      body: { expiresAt: '2020-01-01T00:00:00.000Z' },
    });
    expect([past.status, past.body.details]).toEqual([400, { field: 'expiresAt' }]);

    const notJson = await fetch(`${url}/api/public/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'body' } });
  });

  it('caps an account at 25 active tokens; revoking one makes room again', async () => {
    const { url } = await startTestSandbox();
    const { token } = await seed(url, 'claimed-employer');
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const minted = await callJson(url, 'POST', '/api/public/v1/tokens', { token, body: { name: `t${i}` } });
      expect(minted.status).toBe(201);
      ids.push(minted.body.metadata.id);
    }
    const overCap = await callJson(url, 'POST', '/api/public/v1/tokens', { token, body: { name: 'one too many' } });
    expect(overCap.status).toBe(409);
    expect(overCap.body).toMatchObject({ code: 'CONFLICT', details: { limit: 25 } });

    const revoked = await callJson(url, 'DELETE', `/api/public/v1/tokens/${ids[0]}`, { token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.token).toMatchObject({ id: ids[0], status: 'revoked', revokedAt: START });
    expect((await callJson(url, 'POST', '/api/public/v1/tokens', { token, body: { name: 'fits' } })).status).toBe(201);
  });

  it('revokes by id at once, and hides tokens of other accounts behind 404', async () => {
    const { url } = await startTestSandbox();
    const agent = await register(url);
    const other = await register(url);

    const minted = await callJson(url, 'POST', '/api/public/v1/tokens', { token: agent.access_token });
    const { id } = minted.body.metadata;

    const foreign = await callJson(url, 'DELETE', `/api/public/v1/tokens/${id}`, { token: other.access_token });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', details: { tokenId: id } });
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: minted.body.token })).status).toBe(200);

    await callJson(url, 'DELETE', `/api/public/v1/tokens/${id}`, { token: agent.access_token });
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: minted.body.token })).status).toBe(401);
    const list = await callJson(url, 'GET', '/api/public/v1/tokens', { token: agent.access_token });
    expect(list.body.tokens.find((record: { id: string }) => record.id === id).status).toBe('revoked');
  });

  it('stops accepting a token once its expiresAt has passed', async () => {
    const { url } = await startTestSandbox();
    const { token } = await seed(url, 'claimed-employer');
    const minted = await callJson(url, 'POST', '/api/public/v1/tokens', {
      token,
      body: { expiresAt: '2026-06-12T11:00:00.000Z' },
    });
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: minted.body.token })).status).toBe(200);
    await callJson(url, 'POST', '/_sandbox/clock/advance', { body: { seconds: 3600 } });
    expect((await callJson(url, 'GET', '/api/public/v1/auth/me', { token: minted.body.token })).status).toBe(401);
    const list = await callJson(url, 'GET', '/api/public/v1/tokens', { token });
    expect(list.body.tokens[0]).toMatchObject({ id: minted.body.metadata.id, status: 'expired' });
  });
});
