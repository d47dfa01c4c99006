import { describe, expect, it } from 'vitest';
import { createSandbox, fixedClock } from '../src/index.js';
import { createAccount } from '../src/state/accounts.js';
import { mintToken } from '../src/state/tokens.js';
import { START } from './support.js';
import { call, type Json, seedEmployer } from './sync-support.js';

const DAY = 24 * 60 * 60 * 1000;

async function employer() {
  const sandbox = createSandbox({ clock: fixedClock(START) });
  const seeded = await seedEmployer(sandbox);
  const ownerUserId = sandbox.state.accounts[seeded.accountId]?.ownerUserId;
  return { sandbox, ...seeded, ownerUserId };
}

const invite = (sandbox: ReturnType<typeof createSandbox>, token: string, email: string) =>
  call(sandbox, 'POST', '/api/public/v1/team/invites', { token, body: { email } });

describe('the employer team', () => {
  it('shows the organization with its owner as the first member', async () => {
    const { sandbox, token, accountId, ownerUserId } = await employer();
    const team = await call(sandbox, 'GET', '/api/public/v1/team', { token });
    expect(team.status).toBe(200);
    expect(team.body).toEqual({
      team: {
        organization: { id: accountId, name: 'Acme Research', ownerUserId, ownerName: 'Mira Chen' },
        members: [
          { userId: ownerUserId, role: 'OWNER', name: 'Mira Chen', email: 'owner@example.com', joinedAt: START },
        ],
        invites: [],
      },
    });
  });

  it('invites a new address once, and lists the invite for seven days', async () => {
    const { sandbox, token } = await employer();
    const created = await invite(sandbox, token, 'NewHire@Example.com');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ok: true, status: 'invite_created', email: 'newhire@example.com' });
    const expected = {
      id: expect.stringMatching(/^tmi_/),
      email: 'newhire@example.com',
      createdAt: START,
      expiresAt: new Date(Date.parse(START) + 7 * DAY).toISOString(),
    };
    expect(created.body.team.invites).toEqual([expected]);

    const repeated = await invite(sandbox, token, 'newhire@example.com');
    expect([repeated.status, repeated.body.status]).toEqual([201, 'invite_created']);
    expect(repeated.body.team.invites).toEqual(created.body.team.invites);
    expect((await call(sandbox, 'GET', '/api/public/v1/team', { token })).body.team.invites).toEqual([expected]);

    await sandbox.control.advanceClock(7 * DAY);
    expect((await call(sandbox, 'GET', '/api/public/v1/team', { token })).body.team.invites).toEqual([]);
  });

  it('adds an existing OpenTrain user directly, and changes nothing for people already on the team', async () => {
    const { sandbox, token } = await employer();
    await sandbox.control.advanceClock(DAY);
    const samId = await sandbox.control.mutate(
      (state, now) =>
        createAccount(
          state,
          { claimed: true, owner: { email: 'sam@example.com', firstName: 'Sam', lastName: 'Teammate' } },
          now,
        ).owner.id,
    );

    const added = await invite(sandbox, token, 'sam@example.com');
    expect([added.status, added.body.status]).toEqual([200, 'member_added']);
    expect(added.body.team.members.map((member: Json) => member.role)).toEqual(['OWNER', 'MEMBER']);
    expect(added.body.team.members[1]).toEqual({
      userId: samId,
      role: 'MEMBER',
      name: 'Sam Teammate',
      email: 'sam@example.com',
      joinedAt: new Date(Date.parse(START) + DAY).toISOString(),
    });
    expect(added.body.team.invites).toEqual([]);

    for (const email of ['SAM@example.com', 'owner@example.com']) {
      const again = await invite(sandbox, token, email);
      expect([again.status, again.body.status]).toEqual([200, 'already_member']);
      expect(again.body.team.members).toHaveLength(2);
    }
  });

  it('answers 409 invite_email_send_failed when the invitation email cannot be sent, and keeps the team as it was', async () => {
    const { sandbox, token } = await employer();
    const failed = await invite(sandbox, token, 'someone@fail.example');
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'invite_email_send_failed' } });
    expect((await call(sandbox, 'GET', '/api/public/v1/team', { token })).body.team.invites).toEqual([]);

    const invalid = await invite(sandbox, token, 'not-an-email');
    expect([invalid.status, invalid.body.details.field]).toEqual([400, 'email']);
  });

  it('reads the team before the claim, but invites only from a claimed account', async () => {
    const sandbox = createSandbox({ clock: fixedClock(START) });
    const { token } = (await sandbox.control.seed('unclaimed-agent')) as { token: string };
    const team = await call(sandbox, 'GET', '/api/public/v1/team', { token });
    expect(team.status).toBe(200);
    expect(team.body.team.organization).toMatchObject({ name: 'Acme Research', ownerName: 'Account owner' });
    expect(team.body.team.members[0]).not.toHaveProperty('email');

    // The claim gate comes first, for the pre-claim token (which also lacks team:write) and for one that has it.
    const preClaim = await invite(sandbox, token, 'newhire@example.com');
    expect(preClaim.status).toBe(403);
    expect(preClaim.body.details).toMatchObject({ reason: 'account_claim_required', action: 'invite team members' });
    const writer = await sandbox.control.mutate((state, now) => {
      const accountId = Object.keys(state.accounts)[0] ?? '';
      return mintToken(state, { accountId, name: 'team', scopes: ['team:write'] }, now).value;
    });
    const unclaimed = await invite(sandbox, writer, 'newhire@example.com');
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.body.details).toMatchObject({ reason: 'account_claim_required', action: 'invite team members' });
  });

  it('needs team:read or team:write and the public_api_team feature', async () => {
    const { sandbox, token, accountId } = await employer();
    const jobsOnly = (await call(sandbox, 'POST', '/api/public/v1/tokens', { token, body: { scopes: ['jobs:read'] } }))
      .body.token;
    const noRead = await call(sandbox, 'GET', '/api/public/v1/team', { token: jobsOnly });
    expect([noRead.status, noRead.body.details.requiredScopes]).toEqual([403, ['team:read']]);

    await sandbox.control.setFeatures(accountId, { public_api_team: false });
    const read = await call(sandbox, 'GET', '/api/public/v1/team', { token });
    const write = await invite(sandbox, token, 'newhire@example.com');
    for (const refused of [read, write]) {
      expect([refused.status, refused.body.details.featureKey]).toEqual([403, 'public_api_team']);
    }
  });
});
