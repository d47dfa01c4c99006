import { createServer } from 'node:net';
import { HttpResponse, http, passthrough } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  OpenTrain,
  RateLimitError,
} from '../src/index.js';
import {
  BASE_URL,
  captureLogger,
  createJobDraft,
  fakeClock,
  getMe,
  publishJob,
  sendMessage,
  TOKEN,
  useMockServer,
} from './helpers.js';

const server = useMockServer();

/** Answers with the given responses in order, counting the calls. */
function sequence(method: 'get' | 'post', path: string, responses: Array<() => Response>) {
  const seen: Request[] = [];
  server.use(
    http[method](`${BASE_URL}${path}`, ({ request }) => {
      seen.push(request.clone());
      const next = responses[Math.min(seen.length - 1, responses.length - 1)];
      return next ? next() : HttpResponse.json({});
    }),
  );
  return seen;
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json(
      { error: 'try later', code: code === 429 ? 'RATE_LIMITED' : 'INTERNAL_ERROR', requestId: 'r' },
      { status: code, headers },
    );
const ok =
  (body: unknown = { ok: true }) =>
  () =>
    HttpResponse.json(body as Record<string, unknown>);

function client(clock = fakeClock(), extra: Partial<ConstructorParameters<typeof OpenTrain>[0]> = {}) {
  const { logger, lines } = captureLogger();
  const api = new OpenTrain({
    apiKey: TOKEN,
    baseUrl: BASE_URL,
    sleep: clock.sleep,
    now: clock.now,
    logger,
    logLevel: 'debug',
    ...extra,
  });
  return { api, clock, lines };
}

describe('which failures are retried', () => {
  it('retries 5xx with exponential backoff and jitter, then succeeds', async () => {
    const seen = sequence('get', '/api/public/v1/auth/me', [status(503), status(500), ok()]);
    const { api, clock, lines } = client();
    await expect(api.request(getMe)).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(375);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(500);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(750);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(1000);
    expect(lines.map((line) => [line.level, line.fields?.attempt, line.fields?.status])).toEqual([
      ['warn', 1, 503],
      ['warn', 2, 500],
      ['info', 3, 200],
    ]);
  });

  it('retries 408 and 429 too', async () => {
    const seen = sequence('get', '/api/public/v1/auth/me', [status(408), status(429), ok()]);
    const { api } = client();
    await expect(api.request(getMe)).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(3);
  });

  it('retries a GET whose connection failed', async () => {
    const seen = sequence('get', '/api/public/v1/auth/me', [() => HttpResponse.error(), ok()]);
    const { api } = client();
    await expect(api.request(getMe)).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(2);
  });

  it.each([
    [400, 'BadRequestError'],
    [404, NotFoundError.name],
    [409, ConflictError.name],
  ])('does not retry %i', async (code, name) => {
    const seen = sequence('get', '/api/public/v1/auth/me', [
      () => HttpResponse.json({ error: 'no', code: 'X', requestId: 'r' }, { status: code }),
    ]);
    const { api, clock } = client();
    await expect(api.request(getMe)).rejects.toMatchObject({ name, status: code });
    expect(seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up after maxRetries (2 by default) with the last error', async () => {
    const seen = sequence('get', '/api/public/v1/auth/me', [status(502)]);
    const { api } = client();
    await expect(api.request(getMe)).rejects.toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(3);
  });

  it('takes maxRetries per client and per request', async () => {
    const seen = sequence('get', '/api/public/v1/auth/me', [status(503)]);
    const { api } = client(fakeClock(), { maxRetries: 4 });
    await expect(api.request(getMe)).rejects.toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(5);
    await expect(api.request(getMe, {}, { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(6);
  });
});

describe('Retry-After', () => {
  it('waits the number of seconds the server asks for', async () => {
    sequence('get', '/api/public/v1/auth/me', [status(429, { 'Retry-After': '3' }), ok()]);
    const { api, clock } = client();
    await api.request(getMe);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('waits until an HTTP date', async () => {
    const clock = fakeClock();
    const at = new Date(clock.now() + 7000).toUTCString();
    sequence('get', '/api/public/v1/auth/me', [status(503, { 'Retry-After': at }), ok()]);
    const { api } = client(clock);
    await api.request(getMe);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('does not wait out a Retry-After above the cap; the caller gets retryAfter', async () => {
    const seen = sequence('get', '/api/public/v1/auth/me', [status(429, { 'Retry-After': '120' })]);
    const { api, clock } = client();
    const error = await api.request(getMe).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops retrying when the next wait would overrun the total time budget', async () => {
    const seen = sequence('get', '/api/public/v1/auth/me', [status(503, { 'Retry-After': '1.5' })]);
    const { api, clock } = client(fakeClock(), { maxRetries: 10, totalTimeoutMs: 4000 });
    await expect(api.request(getMe)).rejects.toBeInstanceOf(InternalServerError);
    // 1.5 s + 1.5 s fit in 4 s; a third wait would end at 4.5 s.
    expect(clock.sleeps).toEqual([1500, 1500]);
    expect(seen).toHaveLength(3);
  });
});

describe('writes', () => {
  it('does not repeat a non-idempotent write that reached the server', async () => {
    const seen = sequence('post', '/api/public/v1/messages', [status(503), ok()]);
    const { api } = client();
    await expect(api.request(sendMessage, { body: { conversationId: 'c1', content: 'hi' } })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(seen).toHaveLength(1);
  });

  it('does not repeat a non-idempotent write whose connection dropped (it may have arrived)', async () => {
    const seen = sequence('post', '/api/public/v1/messages', [() => HttpResponse.error(), ok()]);
    const { api } = client();
    await expect(api.request(sendMessage, { body: { conversationId: 'c1', content: 'hi' } })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(seen).toHaveLength(1);
  });

  it('repeats a non-idempotent write whose connection was refused (it never left)', async () => {
    const seen = sequence('post', '/api/public/v1/messages', [ok({ sent: true })]);
    let calls = 0;
    const { api, clock } = client(fakeClock(), {
      fetch: async (request) => {
        calls++;
        if (calls === 1) {
          const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
          throw new TypeError('fetch failed', { cause: refused });
        }
        return globalThis.fetch(request);
      },
    });
    await expect(api.request(sendMessage, { body: { conversationId: 'c1', content: 'hi' } })).resolves.toEqual({
      sent: true,
    });
    expect(calls).toBe(2);
    expect(seen).toHaveLength(1);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('recognises a real refused connection from Node', async () => {
    const port = await closedPort();
    const target = `http://127.0.0.1:${port}`;
    server.use(http.all(`${target}/*`, () => passthrough()));
    const { api, clock } = client(fakeClock(), { baseUrl: target });
    const error = await api
      .request(sendMessage, { body: { conversationId: 'c1', content: 'hi' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    // Refused every time: the write was retried twice, safely, then the error surfaced.
    expect(clock.sleeps).toHaveLength(2);
  });

  it('repeats an idempotent write (publish) after a 5xx', async () => {
    const seen = sequence('post', '/api/public/v1/jobs/j1/publish', [status(502), ok({ alreadyPublished: true })]);
    const { api } = client();
    await expect(api.request(publishJob, { path: { jobId: 'j1' } })).resolves.toEqual({ alreadyPublished: true });
    expect(seen).toHaveLength(2);
  });

  it('generates one idempotency key and sends it on every retry', async () => {
    const seen = sequence('post', '/api/public/v1/job-drafts', [status(503), status(500), ok({ job: { id: 'j1' } })]);
    const { api } = client();
    await expect(api.request(createJobDraft, { body: { rawJobDescription: 'Label 5,000 posts' } })).resolves.toEqual({
      job: { id: 'j1' },
    });
    const keys = await Promise.all(
      seen.map(async (request) => ((await request.json()) as { idempotencyKey: string }).idempotencyKey),
    );
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    await api.request(createJobDraft, { body: { rawJobDescription: 'another' } });
    const next = (await seen[3]?.json()) as { idempotencyKey: string };
    expect(next.idempotencyKey).not.toBe(keys[0]);
  });

  it("keeps the caller's key, from the option or the body", async () => {
    const seen = sequence('post', '/api/public/v1/job-drafts', [status(503), ok()]);
    const { api } = client();
    await api.request(createJobDraft, { body: { rawJobDescription: 'x' } }, { idempotencyKey: 'mine-1' });
    await api.request(createJobDraft, { body: { source: { type: 'text', text: 'x', idempotencyKey: 'nested-2' } } });
    const bodies = await Promise.all(seen.map((request) => request.json()));
    expect(bodies.map((body) => (body as { idempotencyKey: string }).idempotencyKey)).toEqual([
      'mine-1',
      'mine-1',
      'nested-2',
    ]);
  });
});

async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
