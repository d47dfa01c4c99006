import { describe, expect, it } from 'vitest';
import { createSandbox, fixedClock, type Sandbox } from '../src/index.js';
import { createAccount } from '../src/state/accounts.js';
import { createApproval } from '../src/state/approvals.js';
import { appendEvent, type NewEvent } from '../src/state/events.js';
import { START } from './support.js';
import { call, type Json } from './sync-support.js';

const proposalReceived = (accountId: string, n: number): NewEvent => ({
  accountId,
  type: 'proposal.received',
  resourceId: `prop_${n}`,
  jobId: 'job_1',
  data: { proposalId: `prop_${n}`, jobId: 'job_1' },
});
const messageReceived = (accountId: string, n: number): NewEvent => ({
  accountId,
  type: 'message.received',
  resourceId: `msg_${n}`,
  jobId: null,
  data: { conversationId: 'conv_1', messageId: `msg_${n}` },
});
const paymentPending = (accountId: string, n: number): NewEvent => ({
  accountId,
  type: 'payment.pending',
  resourceId: `inv_${n}`,
  jobId: 'job_1',
  data: { invoiceId: `inv_${n}`, milestoneId: 'ms_1', contractId: 'ctr_1' },
});

async function employerWithEvents(events: ((accountId: string, n: number) => NewEvent)[]) {
  const sandbox = createSandbox({ clock: fixedClock(START) });
  const { accountId, token } = (await sandbox.control.seed('claimed-employer')) as { accountId: string; token: string };
  const ids = await sandbox.control.mutate((state, now) => {
    // Another account's events never show up on this feed.
    const other = createAccount(state, { claimed: true, organizationName: 'Elsewhere' }, now);
    appendEvent(state, proposalReceived(other.account.id, 0), now);
    return events.map((make, n) => appendEvent(state, make(accountId, n + 1), now).id);
  });
  return { sandbox, accountId, token, ids };
}

async function tokenWith(sandbox: Sandbox, token: string, scopes: string[]): Promise<string> {
  const minted = await call(sandbox, 'POST', '/api/public/v1/tokens', { token, body: { scopes } });
  expect(minted.status).toBe(201);
  return minted.body.token;
}

describe('GET /updates', () => {
  it('pages through the account feed oldest first, with the last event id as the cursor', async () => {
    const { sandbox, token, ids } = await employerWithEvents([
      proposalReceived,
      messageReceived,
      paymentPending,
      proposalReceived,
      messageReceived,
    ]);

    const first = await call(sandbox, 'GET', '/api/public/v1/updates?limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      events: [
        {
          id: ids[0],
          type: 'proposal.received',
          apiVersion: 'v1',
          createdAt: START,
          resourceId: 'prop_1',
          jobId: 'job_1',
          data: { proposalId: 'prop_1', jobId: 'job_1' },
        },
        {
          id: ids[1],
          type: 'message.received',
          apiVersion: 'v1',
          createdAt: START,
          resourceId: 'msg_2',
          jobId: null,
          data: { conversationId: 'conv_1', messageId: 'msg_2' },
        },
      ],
      nextCursor: ids[1],
      hasMore: true,
    });

    const second = await call(sandbox, 'GET', `/api/public/v1/updates?limit=2&cursor=${first.body.nextCursor}`, {
      token,
    });
    expect(second.body.events.map((event: Json) => event.id)).toEqual([ids[2], ids[3]]);
    expect([second.body.nextCursor, second.body.hasMore]).toEqual([ids[3], true]);

    const third = await call(sandbox, 'GET', `/api/public/v1/updates?limit=2&cursor=${second.body.nextCursor}`, {
      token,
    });
    expect(third.body.events.map((event: Json) => event.id)).toEqual([ids[4]]);
    expect([third.body.nextCursor, third.body.hasMore]).toEqual([ids[4], false]);

    // Nothing new: the cursor is echoed so the caller can persist it every time.
    const caughtUp = await call(sandbox, 'GET', `/api/public/v1/updates?cursor=${ids[4]}`, { token });
    expect(caughtUp.body).toEqual({ events: [], nextCursor: ids[4], hasMore: false });
  });

  it('returns 50 events by default and at most 200', async () => {
    const { sandbox, token, ids } = await employerWithEvents(Array.from({ length: 205 }, () => proposalReceived));
    const byDefault = await call(sandbox, 'GET', '/api/public/v1/updates', { token });
    expect(byDefault.body.events).toHaveLength(50);
    expect([byDefault.body.nextCursor, byDefault.body.hasMore]).toEqual([ids[49], true]);

    const largest = await call(sandbox, 'GET', '/api/public/v1/updates?limit=200', { token });
    expect(largest.body.events).toHaveLength(200);

    for (const limit of ['0', '201', 'ten']) {
      const refused = await call(sandbox, 'GET', `/api/public/v1/updates?limit=${limit}`, { token });
      expect([refused.status, refused.body.details.field]).toEqual([400, 'limit']);
    }
    const badCursor = await call(sandbox, 'GET', '/api/public/v1/updates?cursor=abc', { token });
    expect([badCursor.status, badCursor.body.details]).toEqual([400, { field: 'cursor' }]);
  });

  it('answers a first poll of an empty feed with a null cursor', async () => {
    const { sandbox, token } = await employerWithEvents([]);
    const empty = await call(sandbox, 'GET', '/api/public/v1/updates', { token });
    expect(empty.body).toEqual({ events: [], nextCursor: null, hasMore: false });
  });

  it('silently leaves out event types the token cannot read', async () => {
    const { sandbox, token, ids } = await employerWithEvents([
      proposalReceived,
      messageReceived,
      paymentPending,
      messageReceived,
    ]);
    const typesSeenBy = async (scopes: string[]) => {
      const scoped = await tokenWith(sandbox, token, scopes);
      const page = await call(sandbox, 'GET', '/api/public/v1/updates', { token: scoped });
      return page.body.events.map((event: Json) => `${event.id} ${event.type}`);
    };

    expect(await typesSeenBy(['messages:read'])).toEqual([`${ids[1]} message.received`, `${ids[3]} message.received`]);
    // A :write scope covers its :read.
    expect(await typesSeenBy(['proposals:write', 'payments:read'])).toEqual([
      `${ids[0]} proposal.received`,
      `${ids[2]} payment.pending`,
    ]);

    // Pagination counts readable events only.
    const messagesOnly = await tokenWith(sandbox, token, ['messages:read']);
    const page = await call(sandbox, 'GET', '/api/public/v1/updates?limit=1', { token: messagesOnly });
    expect([page.body.nextCursor, page.body.hasMore]).toEqual([ids[1], true]);
  });

  it('refuses a token that can read no event type, naming the scopes that would do', async () => {
    const { sandbox, token } = await employerWithEvents([proposalReceived]);
    const jobsOnly = await tokenWith(sandbox, token, ['jobs:read', 'team:read']);
    const refused = await call(sandbox, 'GET', '/api/public/v1/updates', { token: jobsOnly });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      details: {
        requiredScopes: ['proposals:read', 'messages:read', 'payments:read'],
        grantedScopes: ['jobs:read', 'team:read'],
      },
    });
    expect((await call(sandbox, 'GET', '/api/public/v1/updates')).status).toBe(401);
  });

  it('carries the events other parts of the sandbox record, such as a decided approval', async () => {
    const { sandbox, accountId, token } = await employerWithEvents([]);
    const approval = await sandbox.control.mutate((state, now) =>
      createApproval(state, { accountId, requestedByTokenId: null, type: 'contract_end', summary: 'End' }, now),
    );
    await sandbox.control.declineApproval(approval.id);

    const feed = await call(sandbox, 'GET', '/api/public/v1/updates', { token });
    expect(feed.body.events).toEqual([
      expect.objectContaining({
        type: 'approval.confirmed',
        resourceId: approval.id,
        data: { approvalId: approval.id, status: 'declined' },
      }),
    ]);
  });
});
