import { describe, expect, it } from 'vitest';
import { createSandbox, fixedClock } from '../src/index.js';
import { createAccount } from '../src/state/accounts.js';
import { mintToken } from '../src/state/tokens.js';
import { START } from './support.js';
import { call, type Json, seedEmployer } from './sync-support.js';

const HOOK = 'https://example.com/hooks/opentrain';

async function employer() {
  const sandbox = createSandbox({ clock: fixedClock(START) });
  return { sandbox, ...(await seedEmployer(sandbox)) };
}

describe('webhook subscriptions', () => {
  it('creates a subscription whose secret is shown once, then lists and reads it without the secret', async () => {
    const { sandbox, token } = await employer();
    const created = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: HOOK, eventTypes: ['proposal.received', 'message.received', 'proposal.received'] },
    });
    expect(created.status).toBe(201);
    const webhook = {
      id: expect.stringMatching(/^whk_/),
      url: HOOK,
      eventTypes: ['proposal.received', 'message.received'],
      status: 'ACTIVE',
      createdAt: START,
      disabledAt: null,
      disabledReason: null,
    };
    expect(created.body).toEqual({
      webhook,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9]{32}$/),
      message: expect.stringContaining('only returned once'),
    });
    const { secret } = created.body;
    const { id } = created.body.webhook;

    await sandbox.control.advanceClock(1000);
    const second = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: 'http://localhost:8080/dev', eventTypes: ['payment.pending'] },
    });
    expect(second.status).toBe(201);
    expect(second.body.secret).not.toBe(secret);

    const list = await call(sandbox, 'GET', '/api/public/v1/webhooks', { token });
    expect(list.status).toBe(200);
    expect(list.body.webhooks.map((entry: Json) => entry.url)).toEqual(['http://localhost:8080/dev', HOOK]);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const read = await call(sandbox, 'GET', `/api/public/v1/webhooks/${id}`, { token });
    expect(read.body).toEqual({ webhook: { ...webhook, id } });
  });

  it('names the field of an unusable url or event list', async () => {
    const { sandbox, token } = await employer();
    const create = (body: unknown) => call(sandbox, 'POST', '/api/public/v1/webhooks', { token, body });

    const longUrl = `https://example.com/${'a'.repeat(2048 - 20 + 1)}`;
    for (const url of [
      'http://example.com/hooks',
      'http://localhost.example.com/hooks',
      'ftp://example.com/x',
      longUrl,
    ]) {
      const refused = await create({ url, eventTypes: ['proposal.received'] });
      expect([url.slice(0, 30), refused.status, refused.body.details.field]).toEqual([url.slice(0, 30), 400, 'url']);
    }
    expect(
      (await create({ url: `https://example.com/${'a'.repeat(2048 - 20)}`, eventTypes: ['proposal.received'] })).status,
    ).toBe(201);

    const empty = await create({ url: HOOK, eventTypes: [] });
    expect([empty.status, empty.body.details.field]).toEqual([400, 'eventTypes']);

    const unknown = await create({ url: HOOK, eventTypes: ['proposal.received', 'proposal.declined'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toMatchObject({ field: 'eventTypes.1' });
    expect(unknown.body.details.allowedValues).toHaveLength(8);

    const missing = await create({ eventTypes: ['proposal.received'] });
    expect([missing.status, missing.body.error]).toEqual([400, 'url is required.']);
  });

  it('needs the read scope of every subscribed event type, webhooks:manage and the webhooks feature', async () => {
    const { sandbox, token, accountId } = await employer();
    const mint = async (scopes: string[]) =>
      (await call(sandbox, 'POST', '/api/public/v1/tokens', { token, body: { scopes } })).body.token as string;

    const proposalsOnly = await mint(['webhooks:manage', 'proposals:read']);
    const unreadable = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token: proposalsOnly,
      body: { url: HOOK, eventTypes: ['proposal.received', 'payment.pending'] },
    });
    expect(unreadable.status).toBe(403);
    expect(unreadable.body.details).toEqual({
      requiredScopes: ['proposals:read', 'payments:read'],
      grantedScopes: ['proposals:read', 'webhooks:manage'],
    });
    expect(unreadable.body.error).toContain('payment.pending');
    const readable = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token: proposalsOnly,
      body: { url: HOOK, eventTypes: ['proposal.status_changed'] },
    });
    expect(readable.status).toBe(201);

    const noManage = await mint(['proposals:read']);
    const refused = await call(sandbox, 'GET', '/api/public/v1/webhooks', { token: noManage });
    expect([refused.status, refused.body.details.requiredScopes]).toEqual([403, ['webhooks:manage']]);

    await sandbox.control.setFeatures(accountId, { public_api_webhooks: false });
    const flagOff = await call(sandbox, 'GET', '/api/public/v1/webhooks', { token });
    expect([flagOff.status, flagOff.body.details.featureKey]).toEqual([403, 'public_api_webhooks']);
  });

  it('works before the account is claimed', async () => {
    const sandbox = createSandbox({ clock: fixedClock(START) });
    const token = await sandbox.control.mutate((state, now) => {
      const { account } = createAccount(state, { claimed: false, agentName: 'Agent' }, now);
      return mintToken(
        state,
        { accountId: account.id, name: 'hooks', scopes: ['webhooks:manage', 'messages:read'] },
        now,
      ).value;
    });
    const created = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: HOOK, eventTypes: ['message.received'] },
    });
    expect(created.status).toBe(201);
  });

  it('caps an account at 10 subscriptions; deleting one makes room', async () => {
    const { sandbox, token } = await employer();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const created = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
        token,
        body: { url: `${HOOK}/${i}`, eventTypes: ['proposal.received'] },
      });
      expect(created.status).toBe(201);
      ids.push(created.body.webhook.id);
    }
    const overCap = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: HOOK, eventTypes: ['proposal.received'] },
    });
    expect(overCap.status).toBe(409);
    expect(overCap.body).toMatchObject({ code: 'CONFLICT', details: { limit: 10 } });

    await call(sandbox, 'DELETE', `/api/public/v1/webhooks/${ids[3]}`, { token });
    const fits = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: HOOK, eventTypes: ['proposal.received'] },
    });
    expect(fits.status).toBe(201);
  });

  it('deletes a subscription for good, and hides other accounts’ subscriptions behind 404', async () => {
    const { sandbox, token } = await employer();
    const created = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: HOOK, eventTypes: ['approval.confirmed'] },
    });
    const { id } = created.body.webhook;

    const stranger = await sandbox.control.mutate((state, now) => {
      const { account } = createAccount(state, { claimed: true, organizationName: 'Elsewhere' }, now);
      return mintToken(state, { accountId: account.id, name: 'x', scopes: ['webhooks:manage'] }, now).value;
    });
    for (const method of ['GET', 'DELETE']) {
      const foreign = await call(sandbox, method, `/api/public/v1/webhooks/${id}`, { token: stranger });
      expect(foreign.status).toBe(404);
      expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', details: { resource: 'webhooks', webhookId: id } });
    }

    const deleted = await call(sandbox, 'DELETE', `/api/public/v1/webhooks/${id}`, { token });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ webhook: created.body.webhook, deleted: true });
    expect((await call(sandbox, 'DELETE', `/api/public/v1/webhooks/${id}`, { token })).status).toBe(404);
    expect((await call(sandbox, 'GET', `/api/public/v1/webhooks/${id}`, { token })).status).toBe(404);
    expect((await call(sandbox, 'GET', '/api/public/v1/webhooks', { token })).body).toEqual({ webhooks: [] });
  });
});
