import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenTrain, redact, webhooks } from '../src/index.js';
import { BASE_URL, captureLogger, everyText, fakeClock, getMe, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function meAnswers(...responses: Array<() => Response>) {
  let index = 0;
  server.use(
    http.get(`${BASE_URL}/api/public/v1/auth/me`, () => {
      const next = responses[Math.min(index++, responses.length - 1)];
      return next ? next() : HttpResponse.json({});
    }),
  );
}

describe('log lines', () => {
  it('writes one line per attempt with method, path, status, duration, attempt and request id', async () => {
    vi.stubEnv('OPENTRAIN_LOG', 'info');
    meAnswers(
      () => HttpResponse.json({ error: 'busy', code: 'INTERNAL_ERROR', requestId: 'req-1' }, { status: 503 }),
      () => HttpResponse.json({ ok: true }, { headers: { 'x-request-id': 'req-2' } }),
    );
    const clock = fakeClock();
    const { logger, lines } = captureLogger();
    const api = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, logger, sleep: clock.sleep, now: clock.now });
    await api.request(getMe);
    expect(lines.map((line) => line.fields)).toEqual([
      {
        method: 'GET',
        path: '/api/public/v1/auth/me',
        status: 503,
        durationMs: 0,
        attempt: 1,
        requestId: 'req-1',
        retryInMs: clock.sleeps[0],
      },
      {
        method: 'GET',
        path: '/api/public/v1/auth/me',
        status: 200,
        durationMs: 0,
        attempt: 2,
        requestId: 'req-2',
        retryInMs: undefined,
      },
    ]);
    expect(lines[0]?.message).toBe(
      `[opentrain] GET /api/public/v1/auth/me → 503 in 0 ms (attempt 1, request id req-1); retrying in ${clock.sleeps[0]} ms`,
    );
    expect(lines.map((line) => line.level)).toEqual(['warn', 'info']);
  });

  it('shows only retries and failures at the default level', async () => {
    meAnswers(() => HttpResponse.json({ ok: true }));
    const { logger, lines } = captureLogger();
    await new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, logger }).request(getMe);
    expect(lines).toEqual([]);
  });

  it('is silent with OPENTRAIN_LOG=off, and the logLevel option wins over the variable', async () => {
    meAnswers(() => HttpResponse.json({ error: 'x', code: 'INTERNAL_ERROR', requestId: 'r' }, { status: 500 }));
    vi.stubEnv('OPENTRAIN_LOG', 'off');
    const quiet = captureLogger();
    const api = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      logger: quiet.logger,
      maxRetries: 1,
      sleep: fakeClock().sleep,
    });
    await api.request(getMe).catch(() => undefined);
    expect(quiet.lines).toEqual([]);

    const loud = captureLogger();
    const debug = new OpenTrain({
      apiKey: TOKEN,
      baseUrl: BASE_URL,
      logger: loud.logger,
      logLevel: 'info',
      maxRetries: 0,
    });
    await debug.request(getMe).catch(() => undefined);
    expect(loud.lines).toHaveLength(1);
  });

  it('writes to the console when no logger is given', async () => {
    vi.stubEnv('OPENTRAIN_LOG', 'info');
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    meAnswers(() => HttpResponse.json({ ok: true }));
    await new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL }).request(getMe);
    expect(info).toHaveBeenCalledWith(
      expect.stringMatching(/^\[opentrain\] GET \/api\/public\/v1\/auth\/me → 200 in \d+ ms \(attempt 1\)$/),
    );
  });
});

describe('redaction', () => {
  it.each([
    ['ot_pat_8f2a_abcdef', 'ot_pat_***'],
    ['ot_clm_abc-def', 'ot_clm_***'],
    ['https://app.opentrain.ai/claim?token=ot_cat_XYZ', 'https://app.opentrain.ai/claim?token=ot_cat_***'],
    ['ot_ptk_partner1', 'ot_ptk_***'],
    ['secret whsec_0123abc', 'secret whsec_***'],
    ['Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: Bearer ***'],
  ])('masks %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves a bare prefix alone: it names a kind of token, not a secret', () => {
    expect(redact('claimToken must match /^ot_clm_/')).toBe('claimToken must match /^ot_clm_/');
  });

  it('refuses a base URL with a user name or password, without repeating it', () => {
    const withPassword = () => new OpenTrain({ apiKey: TOKEN, baseUrl: 'https://agent:hunter2@app.opentrain.ai' });
    expect(withPassword).toThrow('baseUrl must not contain a user name or password');
    expect(withPassword).not.toThrow(/hunter2/);
  });

  it('keeps secrets out of every log line and error message of a whole onboarding run', async () => {
    vi.stubEnv('OPENTRAIN_LOG', 'debug');
    const secrets = ['s3cretvalue', 'fresh_secret', 'claim_secret', 'post_claim_secret', 'hook_secret'];
    server.use(
      http.post(`${BASE_URL}/api/agent/identity`, () =>
        HttpResponse.json({ access_token: 'ot_pat_fresh_secret', claim_token: 'ot_clm_claim_secret' }),
      ),
      http.post(`${BASE_URL}/api/agent/oauth/token`, () =>
        HttpResponse.json(
          { error: 'invalid_grant', error_description: 'claim token ot_clm_claim_secret already used' },
          { status: 400 },
        ),
      ),
      http.get(`${BASE_URL}/api/public/v1/auth/me`, () =>
        HttpResponse.json({ error: `token ${TOKEN} revoked`, code: 'UNAUTHORIZED', requestId: 'r' }, { status: 401 }),
      ),
    );
    const clock = fakeClock();
    const { logger, lines } = captureLogger();
    const api = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, logger, sleep: clock.sleep, now: clock.now });
    const errors: unknown[] = [];
    const registration = await api.agent.register();
    await api.agent
      .waitForClaim({ claimToken: registration.claim_token })
      .catch((error: unknown) => errors.push(error));
    await api.request(getMe).catch((error: unknown) => errors.push(error));
    await webhooks.verify('{}', 't=1,v1=00', 'whsec_hook_secret').catch((error: unknown) => errors.push(error));
    await webhooks
      .verify('{}', `t=1,v1=${'0'.repeat(64)}`, 'whsec_hook_secret')
      .catch((error: unknown) => errors.push(error));

    expect(errors).toHaveLength(4);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const text = everyText(lines, errors);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('ot_clm_***');
  });
});
