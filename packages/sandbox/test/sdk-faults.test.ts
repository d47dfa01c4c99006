import {
  type APIError,
  ConnectionError,
  InternalServerError,
  type OpenTrain,
  RateLimitError,
  RequestAbortedError,
  TimeoutError,
} from '@opentrain-ai/sdk';
import { describe, expect, it } from 'vitest';
import { hangUntilClientGivesUp, sdkWorld } from './sdk-support.js';
import { callJson } from './support.js';

const ME = '/api/public/v1/auth/me';
const MY_JOBS = '/api/public/v1/jobs/mine';
const MESSAGES = '/api/public/v1/messages';
const JOB_DRAFTS = '/api/public/v1/job-drafts';

/** The SDK's backoff before retry `n` (1-based): 0.5 s doubling, with up to 25% taken off. */
const backoffBefore = (retry: number) => {
  const base = 500 * 2 ** (retry - 1);
  return expect.toSatisfy((ms: number) => ms >= base * 0.75 && ms <= base);
};

/** The error a call fails with; a call that succeeds fails the test. */
async function failureOf(promise: PromiseLike<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A trainer applies to the seeded job and the employer opens the pre-hire thread with them. */
async function openConversation(url: string, jobId: string, ot: OpenTrain): Promise<string> {
  const applied = await callJson(url, 'POST', '/_sandbox/trainers/apply', { body: { jobId } });
  expect(applied.status).toBe(201);
  const { conversationId } = await ot.proposals.startConversation(applied.body.proposalId);
  return conversationId;
}

async function messagesIn(ot: OpenTrain, conversationId: string): Promise<string[]> {
  const page = await ot.messages.list({ conversationId });
  return 'messages' in page ? page.messages.map((message) => message.content ?? '') : [];
}

describe('rate limits', () => {
  it('waits exactly the Retry-After the sandbox asked for and succeeds on the retry', async () => {
    const world = await sdkWorld('claimed-employer');
    await world.injectFault({ path: ME, method: 'GET', fault: { kind: 'rate_limit', retryAfterSeconds: 3 } });

    const me = await world.client({ maxRetries: 2 }).auth.me();

    expect(me.actor.email).toBe('owner@example.com');
    expect(world.sentTo('GET', ME)).toHaveLength(2);
    expect(world.waits).toEqual([3000]);
    expect(await world.pendingFaults()).toEqual([]);
  });

  it('hands a Retry-After beyond the client cap to the caller as RateLimitError, without retrying', async () => {
    const world = await sdkWorld('open-job');
    await world.injectFault({ path: MY_JOBS, method: 'GET', fault: { kind: 'rate_limit', retryAfterSeconds: 30 } });
    const ot = world.client({ maxRetries: 3, maxRetryAfterMs: 10_000 });

    const error = await failureOf(ot.jobs.listMine());

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfter: 30 });
    expect(world.sentTo('GET', MY_JOBS)).toHaveLength(1);
    expect(world.waits).toEqual([]);
    // The caller decides when to come back; the next call goes through.
    expect((await ot.jobs.listMine()).jobs.map((job) => job.id)).toEqual([world.jobId]);
  });
});

describe('server errors', () => {
  it('retries a 500, a 502 gateway page and a 503 gateway page, then returns the answer', async () => {
    const world = await sdkWorld('open-job');
    for (const status of [500, 502, 503] as const) {
      await world.injectFault({ path: MY_JOBS, method: 'GET', fault: { kind: 'error', status } });
    }

    const page = await world.client({ maxRetries: 3 }).jobs.listMine();

    expect(page.jobs.map((job) => job.id)).toEqual([world.jobId]);
    expect(world.sentTo('GET', MY_JOBS)).toHaveLength(4);
    expect(world.waits).toEqual([backoffBefore(1), backoffBefore(2), backoffBefore(3)]);
    expect(world.logs.map((line) => line.fields?.status)).toEqual([500, 502, 503, 200]);
  });

  it.each([
    { status: 500 as const, message: /^500 INTERNAL_ERROR: The server hit an unexpected error\. \(GET \/api/ },
    { status: 502 as const, message: /^502: the server sent an HTML page instead of JSON .*: 502 Bad Gateway \(GET / },
    {
      status: 503 as const,
      message: /^503: the server sent an HTML page instead of JSON .*: 503 Service Temporarily Unavailable \(GET /,
    },
  ])(
    'reports $status answers that outlast maxRetries as a readable InternalServerError',
    async ({ status, message }) => {
      const world = await sdkWorld('open-job');
      await world.injectFault({ path: MY_JOBS, method: 'GET', times: 3, fault: { kind: 'error', status } });

      const error = await failureOf(world.client({ maxRetries: 2 }).jobs.listMine());

      expect(error).toBeInstanceOf(InternalServerError);
      expect(error).toMatchObject({ status, requestId: expect.any(String) });
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`GET ${MY_JOBS}, request id ${(error as APIError).requestId}`);
      // A gateway page is summed up by its title, never quoted as markup.
      expect(error.message).not.toMatch(/[<>]/);
      expect(world.sentTo('GET', MY_JOBS)).toHaveLength(3);
      expect(world.waits).toEqual([backoffBefore(1), backoffBefore(2)]);
    },
  );
});

describe('dropped connections', () => {
  it('retries a GET whose connection dropped and returns the answer', async () => {
    const world = await sdkWorld('claimed-employer');
    await world.injectFault({ path: ME, method: 'GET', fault: { kind: 'drop' } });

    const me = await world.client({ maxRetries: 2 }).auth.me();

    expect(me.actor.email).toBe('owner@example.com');
    expect(world.sentTo('GET', ME)).toHaveLength(2);
    expect(world.waits).toEqual([backoffBefore(1)]);
    expect(world.logs[0]?.fields).toMatchObject({ attempt: 1, status: 'ConnectionError' });
  });

  it('does not resend a message whose connection dropped after the sandbox took it', async () => {
    const world = await sdkWorld('open-job');
    const ot = world.client({ maxRetries: 3 });
    const conversationId = await openConversation(world.url, world.jobId ?? '', ot);
    await world.injectFault({ path: MESSAGES, method: 'POST', fault: { kind: 'drop', afterHandling: true } });

    const error = await failureOf(ot.messages.send({ conversationId, content: 'Can you start on Monday?' }));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/^POST \/api\/public\/v1\/messages failed: lost the connection to http:\/\/127/);
    expect(world.sentTo('POST', MESSAGES)).toHaveLength(1);
    expect(world.waits).toEqual([]);
    // The message did go out, once: a blind resend would have sent it twice.
    expect(await messagesIn(ot, conversationId)).toEqual(['Can you start on Monday?']);
  });

  it('resends a dropped draft creation with the same idempotency key, leaving exactly one draft', async () => {
    const world = await sdkWorld('claimed-employer');
    await world.injectFault({ path: JOB_DRAFTS, method: 'POST', fault: { kind: 'drop', afterHandling: true } });
    const ot = world.client({ maxRetries: 2 });

    const { data: draft, response } = await ot.jobDrafts
      .create({ rawJobDescription: 'We need 3 annotators to draw bounding boxes on 2,000 street photos.' })
      .withResponse();

    const attempts = world.sentTo('POST', JOB_DRAFTS).map((request) => JSON.parse(request.body).idempotencyKey);
    expect(attempts).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), attempts[0]]);
    expect(world.waits).toEqual([backoffBefore(1)]);
    // 200, not 201: the sandbox recognised the key and answered with the draft the first attempt made.
    expect(response.status).toBe(200);
    expect(draft.status).toBe('DRAFT');
    const mine = await ot.jobs.listMine();
    expect(mine.jobs.map((job) => job.id)).toEqual([draft.jobId]);
  });
});

describe('truncated bodies', () => {
  it('retries a GET whose body was cut off and returns the whole answer', async () => {
    const world = await sdkWorld('claimed-employer');
    await world.injectFault({ path: ME, method: 'GET', fault: { kind: 'truncate' } });

    const me = await world.client({ maxRetries: 2 }).auth.me();

    expect(me.actor.email).toBe('owner@example.com');
    expect(world.sentTo('GET', ME)).toHaveLength(2);
    expect(world.waits).toEqual([backoffBefore(1)]);
    expect(world.logs[0]?.fields).toMatchObject({ attempt: 1, status: 'ConnectionError' });
  });

  it('reports a cut-off answer to a message with its status and request id, not a SyntaxError, and does not resend', async () => {
    const world = await sdkWorld('open-job');
    const ot = world.client({ maxRetries: 3 });
    const conversationId = await openConversation(world.url, world.jobId ?? '', ot);
    await world.injectFault({ path: MESSAGES, method: 'POST', fault: { kind: 'truncate' } });

    const error = await failureOf(ot.messages.send({ conversationId, content: 'Batch 2 is ready for you.' }));

    // The status line arrived but the connection closed mid-body: the error says the server answered (so the message
    // went out) and carries the status and request id, though the body with the message itself is lost.
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toMatchObject({ status: 201, requestId: expect.any(String) });
    expect(error.message).toBe(
      `POST ${MESSAGES} failed: the server answered 201, then the connection was cut off mid-body ` +
        `(UND_ERR_SOCKET, request id ${(error as ConnectionError).requestId})`,
    );
    expect(world.sentTo('POST', MESSAGES)).toHaveLength(1);
    expect(await messagesIn(ot, conversationId)).toEqual(['Batch 2 is ready for you.']);
  });
});

describe('slow answers and cancellation', () => {
  it('gives each attempt timeoutMs, retries the timed-out GET, then reports TimeoutError', async () => {
    const hold = hangUntilClientGivesUp();
    const world = await sdkWorld('claimed-employer', { sleep: hold.sleep });
    await world.injectFault({ path: ME, method: 'GET', times: 2, fault: { kind: 'delay', ms: 60_000 } });

    const error = await failureOf(world.client({ maxRetries: 1, timeoutMs: 200 }).auth.me());

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`GET ${ME} timed out after 200 ms`);
    expect(world.sentTo('GET', ME)).toHaveLength(2);
    expect(world.waits).toEqual([backoffBefore(1)]);
    // The sandbox saw both attempts hang up rather than wait out its delay.
    await hold.hangUps(2);
  });

  it('stops at once with RequestAbortedError when the caller aborts during a delay', async () => {
    const hold = hangUntilClientGivesUp();
    const world = await sdkWorld('claimed-employer', { sleep: hold.sleep });
    await world.injectFault({ path: ME, method: 'GET', fault: { kind: 'delay', ms: 60_000 } });
    const controller = new AbortController();

    // Neither the sandbox's delay nor the attempt timeout would end within the test's time limit: only the abort can.
    const call = world.client({ maxRetries: 2, timeoutMs: 120_000 }).auth.me({ signal: controller.signal });
    await hold.delayStarted;
    controller.abort();
    const error = await failureOf(call);

    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(world.sentTo('GET', ME)).toHaveLength(1);
    expect(world.waits).toEqual([]);
    await hold.hangUps(1);
  });
});

describe('logging', () => {
  it('logs one line per attempt with its number, and never the token', async () => {
    const world = await sdkWorld('open-job');
    await world.injectFault({
      path: MY_JOBS,
      method: 'GET',
      times: 2,
      fault: { kind: 'error', status: 503, retryAfterSeconds: 2 },
    });
    const ot = world.client({ maxRetries: 2 });

    await ot.jobs.listMine();
    await world.injectFault({ path: MY_JOBS, method: 'GET', times: 3, fault: { kind: 'error', status: 500 } });
    const error = await failureOf(ot.jobs.listMine());

    expect(world.logs.map(({ level, fields }) => [level, fields?.attempt, fields?.status])).toEqual([
      ['warn', 1, 503],
      ['warn', 2, 503],
      ['info', 3, 200],
      ['warn', 1, 500],
      ['warn', 2, 500],
      ['info', 3, 500],
    ]);
    expect(world.logs[0]?.message).toMatch(/^\[opentrain\] GET \/api\/public\/v1\/jobs\/mine → 503 .*\(attempt 1, /);
    expect(world.logs[0]?.message).toContain('retrying in 2000 ms');
    expect(world.waits.slice(0, 2)).toEqual([2000, 2000]);
    const everything = JSON.stringify(world.logs) + error.message;
    expect(world.token).toMatch(/^ot_pat_/);
    expect(everything).not.toContain(world.token);
    expect(everything).not.toMatch(/bearer/i);
  });
});
