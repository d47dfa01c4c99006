import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import * as agentAuth from '../src/agent-auth/index.js';
import { OAuthError, OpenTrain, WaitTimeoutError } from '../src/index.js';
import { BASE_URL, fakeClock, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();
const CLAIM_TOKEN = 'ot_clm_claim123';

function client() {
  const clock = fakeClock();
  const api = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, sleep: clock.sleep, now: clock.now, logLevel: 'off' });
  return { api, transport: api.transport, clock };
}

interface Seen {
  contentType: string | null;
  authorization: string | null;
  body: unknown;
}

function record(path: string, respond: (seen: Seen, index: number) => Response) {
  const seen: Seen[] = [];
  server.use(
    http.post(`${BASE_URL}${path}`, async ({ request }) => {
      const contentType = request.headers.get('content-type');
      const text = await request.text();
      const body = contentType?.includes('json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
      const entry = { contentType, authorization: request.headers.get('authorization'), body };
      seen.push(entry);
      return respond(entry, seen.length - 1);
    }),
  );
  return seen;
}

const pending = (error: string, description?: string) => () =>
  HttpResponse.json({ error, ...(description ? { error_description: description } : {}) }, { status: 400 });
const granted = () =>
  HttpResponse.json({
    access_token: 'ot_pat_post_claim',
    token_type: 'bearer',
    scopes: ['jobs:read', 'proposals:write'],
  });

describe('agent.register, agent.startClaim, agent.revoke', () => {
  it('registers anonymously without a bearer token', async () => {
    const seen = record('/api/agent/identity', () =>
      HttpResponse.json({ access_token: 'ot_pat_new', claim_token: CLAIM_TOKEN, token_type: 'bearer' }),
    );
    const { api } = client();
    const registration = await api.agent.register({
      identity_type: 'anonymous',
      agent_name: 'Claude Code',
      organization_name: 'Acme',
    });
    expect(registration).toMatchObject({ access_token: 'ot_pat_new', claim_token: CLAIM_TOKEN });
    expect(seen).toEqual([
      {
        contentType: 'application/json',
        authorization: null,
        body: { identity_type: 'anonymous', agent_name: 'Claude Code', organization_name: 'Acme' },
      },
    ]);
  });

  it('sends an empty JSON object when registering with no fields at all', async () => {
    const seen = record('/api/agent/identity', () =>
      HttpResponse.json({ access_token: 'ot_pat_new', claim_token: CLAIM_TOKEN, token_type: 'bearer' }),
    );
    await client().api.agent.register();
    expect(seen).toEqual([{ contentType: 'application/json', authorization: null, body: {} }]);
  });

  it('starts the claim with the claim token and email', async () => {
    const seen = record('/api/agent/identity/claim', () =>
      HttpResponse.json({
        user_code: '439218',
        verification_uri: 'https://app.opentrain.ai/claim?token=ot_cat_x',
        expires_in: 1800,
        interval: 5,
        email_sent: true,
      }),
    );
    const { api } = client();
    const claim = await api.agent.startClaim({ claim_token: CLAIM_TOKEN, email: 'owner@example.com' });
    expect(claim.user_code).toBe('439218');
    expect(seen[0]?.body).toEqual({ claim_token: CLAIM_TOKEN, email: 'owner@example.com' });
    expect(seen[0]?.authorization).toBeNull();
  });

  it('revokes with a form-encoded body', async () => {
    const seen = record('/api/agent/oauth/revoke', () => HttpResponse.json({}));
    const { api } = client();
    await expect(api.agent.revoke({ token: 'ot_pat_old' })).resolves.toEqual({});
    expect(seen[0]).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      authorization: null,
      body: { token: 'ot_pat_old' },
    });
  });
});

describe('exchangeClaim (one poll)', () => {
  it('posts the grant as a form and returns the post-claim token', async () => {
    const seen = record('/api/agent/oauth/token', granted);
    const { transport } = client();
    await expect(agentAuth.exchangeClaim(transport, { claimToken: CLAIM_TOKEN })).resolves.toMatchObject({
      access_token: 'ot_pat_post_claim',
    });
    expect(seen[0]).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      authorization: null,
      body: { grant_type: 'urn:opentrain:agent-auth:grant-type:claim', claim_token: CLAIM_TOKEN },
    });
  });

  it('rejects with OAuthError while the human has not finished', async () => {
    record('/api/agent/oauth/token', pending('authorization_pending'));
    const { transport } = client();
    await expect(agentAuth.exchangeClaim(transport, { claimToken: CLAIM_TOKEN })).rejects.toMatchObject({
      name: 'OAuthError',
      error: 'authorization_pending',
    });
  });
});

describe('waitForClaim', () => {
  it('waits the interval, adds 5 s on slow_down, and resolves with the token', async () => {
    const answers = [pending('authorization_pending'), pending('slow_down'), pending('authorization_pending'), granted];
    const seen = record('/api/agent/oauth/token', (_, index) => (answers[index] ?? granted)());
    const { transport, clock } = client();
    const polls: unknown[] = [];
    const token = await agentAuth.waitForClaim(transport, {
      claimToken: CLAIM_TOKEN,
      interval: 5,
      onPoll: (poll) => polls.push(poll),
    });
    expect(token.access_token).toBe('ot_pat_post_claim');
    expect(seen).toHaveLength(4);
    expect(clock.sleeps).toEqual([5_000, 5_000, 10_000, 10_000]);
    expect(polls).toEqual([
      { status: 'authorization_pending', attempt: 1, intervalSec: 5 },
      { status: 'slow_down', attempt: 2, intervalSec: 10 },
      { status: 'authorization_pending', attempt: 3, intervalSec: 10 },
    ]);
  });

  it.each(['expired_token', 'access_denied', 'invalid_grant', 'unsupported_grant_type'])(
    'stops at %s with an OAuthError',
    async (code) => {
      const answers = [pending('authorization_pending'), pending(code, `because ${code}`)];
      const seen = record('/api/agent/oauth/token', (_, index) => (answers[index] ?? granted)());
      const { transport } = client();
      const error = await agentAuth
        .waitForClaim(transport, { claimToken: CLAIM_TOKEN })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OAuthError);
      expect(error).toMatchObject({ error: code, errorDescription: `because ${code}`, status: 400 });
      expect(seen).toHaveLength(2);
    },
  );

  it('rejects with WaitTimeoutError at the deadline', async () => {
    const seen = record('/api/agent/oauth/token', pending('authorization_pending'));
    const { transport, clock } = client();
    const error = await agentAuth
      .waitForClaim(transport, { claimToken: CLAIM_TOKEN, interval: 5, timeoutMs: 12_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'authorization_pending' });
    expect(clock.sleeps).toEqual([5_000, 5_000, 2_000]);
    expect(seen).toHaveLength(3);
  });
});
