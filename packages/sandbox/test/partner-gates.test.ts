import { describe, expect, it } from 'vitest';
import { PARTNER_SCOPES } from '../src/state/partner-installs.js';
import { captureDeliveries, type PartnerWorld, partnerWorld } from './partner-support.js';

/** A second install of another app on the world's employer, with exactly these scopes. */
async function installWith(world: PartnerWorld, scopes: string[], piiConsent = true) {
  const connected = await world.sandbox.control.connectPartnerApp({
    accountId: world.accountId,
    scopes,
    piiConsent,
    app: { slug: 'tagtool', name: 'TagTool' },
  });
  return connected.token;
}

describe('Platform API tokens (401)', () => {
  it('refuses a missing, unknown or Public API token before looking at the request', async () => {
    const world = await partnerWorld();
    const missing = await world.partner('POST', '/project-links', { token: null, body: { bogus: true } });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      code: 'UNAUTHORIZED',
      error: expect.stringContaining('Missing bearer token'),
    });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');

    for (const token of ['ot_ptk_not-a-real-token', world.token]) {
      const refused = await world.partner('GET', '/installs/current', { token });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'UNAUTHORIZED', error: 'The platform token is invalid or revoked.' });
      expect(JSON.stringify(refused.body)).not.toContain(token);
    }
  });

  it('keeps the Public API gates: an install token is not a Public API token', async () => {
    const world = await partnerWorld();
    const refused = await world.pub('GET', '/contracts', { token: world.partnerToken });
    expect(refused.status).toBe(401);
  });

  it('stops a revoked install at once, after telling its endpoints with install.revoked', async () => {
    const captured = captureDeliveries();
    const world = await partnerWorld({ webhookFetch: captured.fetch });
    await world.partner('POST', '/webhook-endpoints', {
      body: { url: 'https://platform.example/hooks', eventTypes: ['install.revoked'] },
    });

    expect(await world.sandbox.control.revokePartnerInstall(world.installId)).toEqual({
      installId: world.installId,
      status: 'REVOKED',
    });
    const refused = await world.partner('GET', '/installs/current');
    expect(refused.status).toBe(401);

    await world.sandbox.control.flushWebhooks();
    expect(captured.received).toHaveLength(1);
    expect(captured.received[0]?.body).toMatchObject({
      type: 'install.revoked',
      resourceId: world.installId,
      jobId: null,
      data: { installId: world.installId },
    });
  });

  it('treats connecting the same app again as a reconnect that replaces the install and its token', async () => {
    const world = await partnerWorld();
    const reconnected = await world.sandbox.control.connectPartnerApp({ accountId: world.accountId });
    expect(reconnected.installId).not.toBe(world.installId);
    expect((await world.partner('GET', '/installs/current')).status).toBe(401);
    const current = await world.partner('GET', '/installs/current', { token: reconnected.token });
    expect(current.body.install).toMatchObject({ id: reconnected.installId, partnerApp: { id: world.appId } });
    expect(world.sandbox.state.partnerEvents.map((event) => [event.type, event.resourceId])).toContainEqual([
      'install.revoked',
      world.installId,
    ]);
  });
});

describe('install, app and feature (403)', () => {
  it('refuses every call while the platform app is disabled, and serves again once it is reactivated', async () => {
    const world = await partnerWorld();
    await world.sandbox.control.setPartnerAppStatus(world.appId, 'DISABLED');
    const refused = await world.partner('GET', '/project-links');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'partner_app_disabled' } });

    await world.sandbox.control.setPartnerAppStatus(world.appId, 'ACTIVE');
    expect((await world.partner('GET', '/project-links')).status).toBe(200);
  });

  it('refuses every call while the employer has the annotation-platform feature off', async () => {
    const world = await partnerWorld();
    await world.sandbox.control.setFeatures(world.accountId, { partner_api: false });
    const refused = await world.partner('GET', '/installs/current');
    expect(refused.status).toBe(403);
    expect(refused.body.details).toEqual({ reason: 'feature_disabled', featureKey: 'partner_api' });
  });

  it('refuses a live token whose install is no longer active', async () => {
    const world = await partnerWorld();
    await world.sandbox.control.mutate((state) => {
      const install = state.installs[world.installId];
      if (install) install.status = 'REVOKED';
    });
    const refused = await world.partner('GET', '/installs/current');
    expect(refused.status).toBe(403);
    expect(refused.body.details).toEqual({ reason: 'install_inactive' });
  });
});

describe('scopes (403 requiredScopes / grantedScopes)', () => {
  it('lets any live token read the current install, and gates every other operation by its scope', async () => {
    const world = await partnerWorld();
    const token = await installWith(world, ['project-links:read']);
    expect((await world.partner('GET', '/installs/current', { token })).status).toBe(200);
    expect((await world.partner('GET', '/project-links', { token })).status).toBe(200);

    const gated: [string, string, string, unknown?][] = [
      ['POST', '/project-links', 'project-links:write', { externalProjectId: '1' }],
      ['DELETE', '/project-links/plk_x', 'project-links:write'],
      ['GET', '/contracts', 'contracts:read'],
      ['GET', '/contracts/ctr_x/budget', 'contracts:read'],
      ['GET', '/contracts/ctr_x/participants', 'participants:read'],
      ['POST', '/contracts/ctr_x/usage', 'usage:write', { entries: [{ workDate: '2026-06-12' }] }],
      ['POST', '/webhook-endpoints', 'webhooks:manage', { url: 'https://x.example', eventTypes: ['contract.started'] }],
      ['GET', '/webhook-endpoints', 'webhooks:manage'],
      ['PATCH', '/webhook-endpoints/wep_x', 'webhooks:manage', {}],
      ['POST', '/webhook-endpoints/wep_x/redeliver', 'webhooks:manage', {}],
    ];
    for (const [method, path, scope, body] of gated) {
      const refused = await world.partner(method, path, { token, body });
      expect([refused.status, refused.body.details], `${method} ${path}`).toEqual([
        403,
        { requiredScopes: [scope], grantedScopes: ['project-links:read'] },
      ]);
    }
  });

  it('lets project-links:write cover reads', async () => {
    const world = await partnerWorld();
    const token = await installWith(world, ['project-links:write']);
    expect((await world.partner('GET', '/project-links', { token })).status).toBe(200);
    const install = await world.partner('GET', '/installs/current', { token });
    expect(install.body.install).toMatchObject({ scopes: ['project-links:write'], piiConsent: true });
  });
});

describe('the control plane for installs', () => {
  it('connects an app over HTTP with chosen scopes and consent, refusing unknown scopes and accounts', async () => {
    const world = await partnerWorld();
    const control = (path: string, body: unknown) =>
      world.sandbox.fetch(
        new Request(`http://sandbox.test/_sandbox${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );

    const created = await control('/partner/installs', {
      accountId: world.accountId,
      scopes: ['contracts:read'],
      piiConsent: false,
      app: { slug: 'tagtool', name: 'TagTool' },
    });
    expect(created.status).toBe(201);
    const install = await created.json();
    expect(install).toMatchObject({
      scopes: ['contracts:read'],
      piiConsent: false,
      token: expect.stringMatching(/^ot_ptk_/),
    });
    const current = await world.partner('GET', '/installs/current', { token: install.token });
    expect(current.body.install.partnerApp).toMatchObject({ slug: 'tagtool', name: 'TagTool' });

    const badScope = await control('/partner/installs', { accountId: world.accountId, scopes: ['jobs:read'] });
    expect(badScope.status).toBe(400);
    expect((await badScope.json()).details).toMatchObject({ field: 'scopes', allowedValues: PARTNER_SCOPES });
    expect((await control('/partner/installs', { accountId: world.accountId, scopes: [] })).status).toBe(400);
    expect((await control('/partner/installs', { accountId: 'org_missing' })).status).toBe(404);

    const revoked = await control(`/partner/installs/${install.installId}/revoke`, {});
    expect(await revoked.json()).toEqual({ installId: install.installId, status: 'REVOKED' });
    expect((await world.partner('GET', '/installs/current', { token: install.token })).status).toBe(401);
  });
});
