// The claim ceremony from the agent's side: every way it can stall says what to call next, and an odd answer from
// the server never turns a saved token into a reported failure.
import { expect, test } from 'vitest';
import { mcpWorld } from './support.js';

const UNMASKED_SECRET = /(ot_pat_|ot_clm_)[A-Za-z0-9]/;

/** A fetch that answers `path` with `body` (HTTP 200) and sends everything else to the real sandbox. */
function answering(path: string, body: unknown) {
  return async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname !== path) return fetch(request);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

test('a claim that cannot finish as it stands says what to call next', async () => {
  const world = await mcpWorld();
  await world.call('opentrain_register_agent', {});
  const { claimToken } = await world.savedCredentials();

  const notStarted = await world.call('opentrain_claim_status');
  expect(notStarted.isError).toBe(true);
  expect(notStarted.structured.error).toMatchObject({ status: 400, code: 'invalid_request' });
  expect(notStarted.text).toContain('start one with opentrain_claim_account');
  expect(notStarted.structured.error.nextStep).toContain('opentrain_claim_account');

  await world.call('opentrain_claim_account', { email: 'owner@example.com' });
  await world.control('POST', '/clock/advance', { seconds: 31 * 60 });
  const expired = await world.call('opentrain_claim_status');
  expect(expired.structured.error).toMatchObject({ code: 'expired_token' });
  expect(expired.text).toContain('start it again with opentrain_claim_account');

  await world.call('opentrain_claim_account', { email: 'owner@example.com' });
  await world.control('POST', '/claims/complete', { token: claimToken });
  expect((await world.call('opentrain_claim_status')).structured).toMatchObject({ claimed: true });
  // The saved claim token is gone after the claim; the old one, given again, was already exchanged.
  const again = await world.call('opentrain_claim_status', { claimToken });
  expect(again.structured.error).toMatchObject({ code: 'invalid_grant' });
  expect(again.text).toContain('check with opentrain_auth_status');
  for (const outcome of world.outcomes) expect(outcome.text).not.toMatch(UNMASKED_SECRET);
});

test('a claim start answered without the link and code is a failure, not a message with blanks', async () => {
  const world = await mcpWorld({ server: { fetch: answering('/api/agent/identity/claim', {}) } });
  const started = await world.call('opentrain_claim_account', {
    email: 'owner@example.com',
    claimToken: 'ot_clm_fromanotherclient',
  });
  expect(started.isError).toBe(true);
  expect(started.structured.error).toMatchObject({ type: 'malformed_response' });
  expect(started.text).toContain('without the claim link and code');
  expect(started.text).not.toContain('undefined');
});

test('a claim answered without scopes still saves the token and reports success', async () => {
  const token = 'ot_pat_postclaimtoken123';
  const world = await mcpWorld({
    server: { fetch: answering('/api/agent/oauth/token', { access_token: token, token_type: 'bearer' }) },
  });
  const claimed = await world.call('opentrain_claim_status', { claimToken: 'ot_clm_fromanotherclient' });
  expect(claimed.isError, claimed.text).toBe(false);
  expect(claimed.structured).toMatchObject({ claimed: true, access_token: 'ot_pat_***' });
  expect(claimed.text).toContain('Scopes: not listed in the answer.');
  expect((await world.savedCredentials()).apiToken).toBe(token);
});

test('a registration answered without scopes or dates still reports the saved account', async () => {
  const world = await mcpWorld({
    server: {
      fetch: answering('/api/agent/identity', {
        access_token: 'ot_pat_newagent123',
        claim_token: 'ot_clm_newagent123',
      }),
    },
  });
  const registered = await world.call('opentrain_register_agent', {});
  expect(registered.isError, registered.text).toBe(false);
  expect(registered.text).not.toContain('undefined');
  expect(registered.text).toContain('call opentrain_claim_account.');
  expect(await world.savedCredentials()).toMatchObject({ apiToken: 'ot_pat_newagent123' });
});
