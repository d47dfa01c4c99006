import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandbox, fixedClock, type Sandbox, type SandboxOptions } from '../src/index.js';
import { createApproval } from '../src/state/approvals.js';
import { appendEvent } from '../src/state/events.js';
import { callJson, START, startTestSandbox } from './support.js';
import { call, type Json, type Receiver, seedEmployer, startReceiver } from './sync-support.js';

const START_SECONDS = Date.parse(START) / 1000;
const MINUTE = 60_000;

async function subscribedEmployer(receiver: Receiver, eventTypes: string[], options: SandboxOptions = {}) {
  const sandbox = createSandbox({ clock: fixedClock(START), ...options });
  const { accountId, token } = await seedEmployer(sandbox);
  const created = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
    token,
    body: { url: receiver.url, eventTypes },
  });
  expect(created.status).toBe(201);
  return {
    sandbox,
    accountId,
    token,
    webhookId: created.body.webhook.id as string,
    secret: created.body.secret as string,
  };
}

function proposalReceived(sandbox: Sandbox, accountId: string, proposalId = 'prop_1') {
  return sandbox.control.mutate((state, now) =>
    appendEvent(
      state,
      {
        accountId,
        type: 'proposal.received',
        resourceId: proposalId,
        jobId: 'job_1',
        data: { proposalId, jobId: 'job_1' },
      },
      now,
    ),
  );
}

/** Verifies `X-OpenTrain-Signature` the way a receiver would: HMAC-SHA256 keyed with the whole `whsec_…` string. */
function verifySignature(secret: string, header: string, rawBody: string): { valid: boolean; timestamp: number } {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return {
    valid: given.length === expected.length && timingSafeEqual(given, expected),
    timestamp: Number(parts.t),
  };
}

describe('webhook deliveries', () => {
  it('posts the exact feed record, signed with the subscription secret, to a real receiver', async () => {
    const receiver = await startReceiver();
    const sandbox = createSandbox({ clock: fixedClock(START) });
    const { accountId, token } = await seedEmployer(sandbox);
    // Before the subscription exists: never delivered (no backfill).
    await proposalReceived(sandbox, accountId, 'prop_0');
    const created = await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: receiver.url, eventTypes: ['proposal.received', 'approval.confirmed'] },
    });
    const { secret } = created.body;

    const event = await proposalReceived(sandbox, accountId);
    await sandbox.control.mutate((state, now) =>
      appendEvent(
        state,
        {
          accountId,
          type: 'message.received',
          resourceId: 'msg_1',
          jobId: null,
          data: { conversationId: 'c', messageId: 'msg_1' },
        },
        now,
      ),
    );
    const flushed = await sandbox.control.flushWebhooks();
    expect(flushed.map((delivery) => delivery.eventId)).toEqual([event.id]);

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received as [(typeof receiver.received)[0]];
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks');
    const [delivery] = sandbox.control.webhookDeliveries(accountId);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'OpenTrain-Webhooks/1.0',
      'x-opentrain-event': 'proposal.received',
      'x-opentrain-delivery': delivery?.id,
    });
    const signature = verifySignature(secret, String(request.headers['x-opentrain-signature']), request.rawBody);
    expect(signature).toEqual({ valid: true, timestamp: START_SECONDS });
    expect(
      verifySignature('whsec_wrong', String(request.headers['x-opentrain-signature']), request.rawBody).valid,
    ).toBe(false);

    const feed = await call(sandbox, 'GET', `/api/public/v1/updates?cursor=${Number(event.id) - 1}&limit=1`, { token });
    expect(JSON.parse(request.rawBody)).toEqual(feed.body.events[0]);

    expect(delivery).toMatchObject({
      webhookId: created.body.webhook.id,
      eventId: event.id,
      eventType: 'proposal.received',
      url: receiver.url,
      status: 'succeeded',
      attempts: [{ at: START, status: 200, error: null }],
      nextAttemptAt: null,
    });
  });

  it('signs the spec’s reference record with the spec’s reference signature', async () => {
    const receiver = await startReceiver();
    const { sandbox, accountId, webhookId } = await subscribedEmployer(receiver, ['proposal.received']);
    await sandbox.control.mutate((state) => {
      const webhook = state.webhooks[webhookId];
      if (webhook) webhook.secret = 'whsec_test_secret_123';
      state.counters.event = 1042;
    });
    await proposalReceived(sandbox, accountId);
    await sandbox.control.flushWebhooks();

    expect(receiver.received[0]?.rawBody).toBe(
      '{"id":"1042","type":"proposal.received","apiVersion":"v1","createdAt":"2026-06-12T10:00:00.000Z","resourceId":"prop_1","jobId":"job_1","data":{"proposalId":"prop_1","jobId":"job_1"}}',
    );
    expect(receiver.received[0]?.headers['x-opentrain-signature']).toBe(
      't=1781258400,v1=d7de56078ba09c4c2e9f6c6c147575ba37a63da1c60aca4798bd528bb7f1656a',
    );
  });

  it('sends on its own once the request that caused the event has been answered', async () => {
    let release: () => void = () => {};
    const held = new Promise<number>((resolve) => {
      release = () => resolve(200);
    });
    const receiver = await startReceiver(() => held);
    const running = await startTestSandbox();
    const { accountId, token } = await seedEmployer(running.sandbox);
    await callJson(running.url, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: receiver.url, eventTypes: ['approval.confirmed'] },
    });
    const approval = await running.sandbox.control.mutate((state, now) =>
      createApproval(state, { accountId, requestedByTokenId: null, type: 'contract_end', summary: 'End' }, now),
    );

    // The receiver holds its answer, yet the request that caused the event is answered.
    const declined = await callJson(running.url, 'POST', `/_sandbox/approvals/${approval.id}/decline`);
    expect(declined.status).toBe(200);
    await receiver.waitFor(1);
    expect(JSON.parse(receiver.received[0]?.rawBody ?? '{}')).toMatchObject({
      type: 'approval.confirmed',
      data: { approvalId: approval.id, status: 'declined' },
    });
    expect(running.sandbox.control.webhookDeliveries(accountId)[0]).toMatchObject({ status: 'pending', attempts: [] });

    release();
    const flushed = await callJson(running.url, 'POST', '/_sandbox/webhooks/flush');
    expect(flushed.status).toBe(200);
    const listed = await callJson(running.url, 'GET', `/_sandbox/webhook-deliveries?accountId=${accountId}`);
    expect(listed.body.deliveries).toEqual([
      expect.objectContaining({ status: 'succeeded', attempts: [{ at: START, status: 200, error: null }] }),
    ]);
  });

  it('retries on the 1, 5, 30 and 120 minute schedule of sandbox time, then disables the subscription', async () => {
    const receiver = await startReceiver(() => 500);
    const { sandbox, accountId, token, webhookId } = await subscribedEmployer(receiver, ['proposal.received']);
    await proposalReceived(sandbox, accountId);
    await sandbox.control.flushWebhooks();
    expect(receiver.received).toHaveLength(1);

    const attemptsAfter = async (advanceMs: number) => {
      await sandbox.control.advanceClock(advanceMs);
      await sandbox.control.flushWebhooks();
      return receiver.received.length;
    };
    expect(await attemptsAfter(MINUTE - 1000)).toBe(1);
    expect(await attemptsAfter(1000)).toBe(2);
    expect(await attemptsAfter(5 * MINUTE - 1)).toBe(2);
    expect(await attemptsAfter(1)).toBe(3);
    expect(await attemptsAfter(30 * MINUTE)).toBe(4);
    expect((await call(sandbox, 'GET', `/api/public/v1/webhooks/${webhookId}`, { token })).body.webhook.status).toBe(
      'ACTIVE',
    );
    expect(await attemptsAfter(120 * MINUTE)).toBe(5);

    const at = (minutes: number) => new Date(Date.parse(START) + minutes * MINUTE).toISOString();
    const [delivery] = sandbox.control.webhookDeliveries(accountId);
    expect(delivery).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(delivery?.attempts).toEqual(
      [0, 1, 6, 36, 156].map((minutes) => ({ at: at(minutes), status: 500, error: 'The receiver answered HTTP 500.' })),
    );
    // Every retry reuses the delivery id.
    expect(new Set(receiver.received.map((request) => request.headers['x-opentrain-delivery']))).toEqual(
      new Set([delivery?.id]),
    );

    const health = await call(sandbox, 'GET', `/api/public/v1/webhooks/${webhookId}`, { token });
    expect(health.body.webhook).toMatchObject({
      status: 'DISABLED',
      disabledAt: at(156),
      disabledReason: 'Disabled after repeated delivery failures',
    });
    expect((await call(sandbox, 'GET', '/api/public/v1/webhooks', { token })).body.webhooks[0].status).toBe('DISABLED');

    // A disabled subscription gets nothing new.
    await proposalReceived(sandbox, accountId, 'prop_2');
    expect(await attemptsAfter(24 * 60 * MINUTE)).toBe(5);
    expect(sandbox.control.webhookDeliveries(accountId)).toHaveLength(1);
  });

  it('scales the retry schedule: at 0 a flush runs every retry, reusing the delivery id until one succeeds', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? 503 : 204));
    const { sandbox, accountId } = await subscribedEmployer(receiver, ['proposal.received'], { webhookRetryScale: 0 });
    await proposalReceived(sandbox, accountId);
    await sandbox.control.flushWebhooks();

    expect(receiver.received.map((request) => request.headers['x-opentrain-delivery'])).toEqual([
      expect.stringMatching(/^dlv_/),
      receiver.received[0]?.headers['x-opentrain-delivery'],
      receiver.received[0]?.headers['x-opentrain-delivery'],
    ]);
    expect(sandbox.control.webhookDeliveries(accountId)[0]).toMatchObject({
      status: 'succeeded',
      attempts: [{ status: 503 }, { status: 503 }, { status: 204, error: null }],
    });
    expect(() => createSandbox({ webhookRetryScale: -1 })).toThrow(/webhookRetryScale/);
  });

  it('wakes up by itself for a retry once a moving clock reaches it', async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    let now = Date.parse(START);
    const { sandbox, accountId } = await subscribedEmployer(receiver, ['proposal.received'], {
      clock: () => now,
      // The first retry waits 60 ms of real time instead of a minute.
      webhookRetryScale: 0.001,
    });
    await proposalReceived(sandbox, accountId);
    await sandbox.control.flushWebhooks();
    expect(receiver.received).toHaveLength(1);

    now += 60;
    await receiver.waitFor(2);
    await sandbox.control.flushWebhooks();
    expect(sandbox.control.webhookDeliveries(accountId)[0]).toMatchObject({
      status: 'succeeded',
      attempts: [{ status: 500 }, { status: 200 }],
    });
  });

  it('counts a 4xx, a redirect and a dropped connection as failures', async () => {
    const answers: (number | 'drop')[] = [404, 302, 'drop'];
    const receiver = await startReceiver((n) => answers[n - 1] ?? 200);
    const { sandbox, accountId } = await subscribedEmployer(receiver, ['proposal.received'], { webhookRetryScale: 0 });
    await proposalReceived(sandbox, accountId);
    await sandbox.control.flushWebhooks();

    const [delivery] = sandbox.control.webhookDeliveries(accountId);
    expect(delivery?.attempts).toEqual([
      { at: START, status: 404, error: 'The receiver answered HTTP 404.' },
      { at: START, status: 302, error: 'The receiver answered HTTP 302.' },
      { at: START, status: null, error: expect.stringMatching(/^The request failed \(.+\)\.$/) },
      { at: START, status: 200, error: null },
    ]);
  });

  it('sends through an injected fetch, and records a receiver that never answers as a timeout', async () => {
    const captured: Request[] = [];
    const webhookFetch: SandboxOptions['webhookFetch'] = async (url, init) => {
      captured.push(new Request(url, init));
      throw new DOMException('The operation timed out.', 'TimeoutError');
    };
    const receiver = { url: 'https://hooks.example.com/in' } as Receiver;
    const { sandbox, accountId, secret } = await subscribedEmployer(receiver, ['proposal.received'], { webhookFetch });
    await proposalReceived(sandbox, accountId);
    await sandbox.control.flushWebhooks();

    expect(captured).toHaveLength(1);
    const [request] = captured as [Request];
    expect(request.url).toBe('https://hooks.example.com/in');
    const rawBody = await request.text();
    expect(verifySignature(secret, request.headers.get('x-opentrain-signature') ?? '', rawBody).valid).toBe(true);
    expect(sandbox.control.webhookDeliveries(accountId)[0]?.attempts).toEqual([
      { at: START, status: null, error: 'No answer within 10 seconds.' },
    ]);
    expect(JSON.stringify(sandbox.control.webhookDeliveries(accountId))).not.toContain(secret);
  });

  it('never sends a body that breaks the spec, and reports it as a sandbox bug', async () => {
    const receiver = await startReceiver();
    const reported: unknown[] = [];
    const { sandbox, accountId } = await subscribedEmployer(receiver, ['proposal.received'], {
      onUnexpectedError: (error) => reported.push(error),
    });
    await sandbox.control.mutate((state, now) =>
      appendEvent(
        state,
        { accountId, type: 'proposal.received', resourceId: 'prop_1', jobId: 'job_1', data: { proposalId: 'prop_1' } },
        now,
      ),
    );
    await sandbox.control.flushWebhooks();

    expect(receiver.received).toHaveLength(0);
    expect(String(reported[0])).toContain('Sandbox contract violation');
    expect(sandbox.control.webhookDeliveries(accountId)[0]?.attempts[0]?.error).toMatch(/data\.jobId/);
  });

  it('stops at once when the subscription is deleted, pending retries included', async () => {
    const receiver = await startReceiver(() => 500);
    const { sandbox, accountId, token, webhookId } = await subscribedEmployer(receiver, ['proposal.received']);
    await proposalReceived(sandbox, accountId);
    await sandbox.control.flushWebhooks();
    expect(sandbox.control.webhookDeliveries(accountId)).toEqual([
      expect.objectContaining({ status: 'pending', nextAttemptAt: '2026-06-12T10:01:00.000Z' }),
    ]);

    await call(sandbox, 'DELETE', `/api/public/v1/webhooks/${webhookId}`, { token });
    expect(sandbox.control.webhookDeliveries(accountId)).toEqual([]);

    await proposalReceived(sandbox, accountId, 'prop_2');
    await sandbox.control.advanceClock(10 * MINUTE);
    expect(await sandbox.control.flushWebhooks()).toEqual([]);
    expect(receiver.received).toHaveLength(1);
  });

  it('delivers each event to every subscription listening to its type', async () => {
    const first = await startReceiver();
    const second = await startReceiver();
    const { sandbox, accountId, token } = await subscribedEmployer(first, ['proposal.received']);
    await call(sandbox, 'POST', '/api/public/v1/webhooks', {
      token,
      body: { url: second.url, eventTypes: ['payment.pending', 'proposal.received'] },
    });
    await proposalReceived(sandbox, accountId, 'prop_1');
    await proposalReceived(sandbox, accountId, 'prop_2');
    await sandbox.control.flushWebhooks();

    const resources = (receiver: Receiver) =>
      receiver.received.map((request) => (JSON.parse(request.rawBody) as Json).resourceId);
    expect(resources(first)).toEqual(['prop_1', 'prop_2']);
    expect(resources(second)).toEqual(['prop_1', 'prop_2']);
    expect(first.received[0]?.headers['x-opentrain-delivery']).not.toBe(
      second.received[0]?.headers['x-opentrain-delivery'],
    );
  });
});
