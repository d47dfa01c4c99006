import { describe, expect, it } from 'vitest';
import {
  eventsOf,
  type HiringWorld,
  hiringWorld,
  jobWithApplicants,
  MINUTE,
  otherEmployer,
  publishJob,
  START,
  tokenWith,
} from './hiring-support.js';

/** A job with applicants and the pre-hire thread of its newest proposal. */
async function openThread(world: HiringWorld) {
  const { job, proposals } = await jobWithApplicants(world);
  const proposal = proposals[0];
  const opened = await world.call('POST', `/api/public/v1/proposals/${proposal.id}/conversation`);
  return { job, proposal, conversationId: opened.body.conversationId as string };
}

const send = (world: HiringWorld, conversationId: string, content: string, token?: string) =>
  world.call('POST', '/api/public/v1/messages', { body: { conversationId, content }, token });

const read = (world: HiringWorld, query: string) => world.call('GET', `/api/public/v1/messages?${query}`);

describe('POST /messages', () => {
  it('sends a message in your conversation and answers 201 with it', async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    const ownerId = world.sandbox.state.accounts[world.accountId]?.ownerUserId;

    const sent = await send(
      world,
      conversationId,
      'Hi, your interview looked great. Could you start with a 5,000-post batch by 2026-07-01?',
    );
    expect(sent.status).toBe(201);
    const sentAt = new Date(Date.parse(START) + 60 * MINUTE * 1000).toISOString();
    expect(sent.body).toEqual({
      ok: true,
      message: {
        id: expect.stringMatching(/^msg_/),
        createdAt: sentAt,
        updatedAt: sentAt,
        conversationId,
        jobId: null,
        senderUserId: ownerId,
        isFromViewer: true,
        content: 'Hi, your interview looked great. Could you start with a 5,000-post batch by 2026-07-01?',
        messageType: null,
        system: false,
        hasUnreadFlag: false,
        attachmentCount: 0,
        hasAudio: false,
        editedAt: null,
        reactionCount: 0,
      },
    });
    // Your own messages are not "received" events.
    expect(eventsOf(world.sandbox, 'message.received')).toEqual([]);
  });

  it('accepts 1 to 10,000 characters', async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    expect((await send(world, conversationId, 'x'.repeat(10_000))).status).toBe(201);
    for (const content of ['', 'x'.repeat(10_001)]) {
      const refused = await send(world, conversationId, content);
      expect(refused.status).toBe(400);
      expect(refused.body.details.field).toBe('content');
    }
  });

  it('blocks contact details and off-platform payment by policy (403 message_policy_blocked)', async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    const cases: [string, string][] = [
      ['Email me at lead@acme.example so we can talk', 'contact_info'],
      ['Call me on +1 415 555 0134 tomorrow', 'contact_info'],
      ['Can we move this to WhatsApp?', 'contact_info'],
      ['I would rather pay you directly over PayPal', 'off_platform_payment'],
    ];
    for (const [content, policy] of cases) {
      const refused = await send(world, conversationId, content);
      expect(refused.status).toBe(403);
      expect(refused.body.details).toEqual({ reason: 'message_policy_blocked', policy });
    }
    const read_ = await read(world, `conversationId=${conversationId}`);
    expect(read_.body.messages).toEqual([]);
  });

  it('refuses blocked (409 message_blocked) and read-only (409 read_only_conversation) conversations', async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    await world.sandbox.control.mutate((state, now) => {
      const conversation = state.conversations[conversationId];
      if (conversation) conversation.blockedAt = new Date(now).toISOString();
    });
    const blocked = await send(world, conversationId, 'Are you still available?');
    expect(blocked.status).toBe(409);
    expect(blocked.body.details).toEqual({ reason: 'message_blocked' });

    // A job thread goes read-only once its contract has ended.
    const proposalId = world.sandbox.state.conversations[conversationId]?.proposalId ?? '';
    const approval = (
      await world.call('POST', `/api/public/v1/proposals/${proposalId}/hire`, {
        body: { milestone: { name: 'Batch 1', amount: 100 } },
      })
    ).body.approval;
    await world.sandbox.control.confirmApproval(approval.id);
    const contractId = world.sandbox.state.approvals[approval.id]?.contractId ?? '';
    const jobThread = world.sandbox.state.contracts[contractId]?.jobDmConversationId ?? '';
    expect((await send(world, jobThread, 'Welcome aboard!')).status).toBe(201);
    await world.sandbox.control.mutate((state) => {
      const contract = state.contracts[contractId];
      if (contract) contract.status = 'ended';
    });
    const readOnly = await send(world, jobThread, 'One more thing');
    expect(readOnly.status).toBe(409);
    expect(readOnly.body.details).toEqual({ reason: 'read_only_conversation' });
  });

  it("answers 404 for an unknown conversation and 403 for someone else's", async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    const missing = await send(world, 'cnv_missing', 'Hello');
    expect(missing.status).toBe(404);
    expect(missing.body.details).toEqual({ resource: 'conversations', conversationId: 'cnv_missing' });

    const stranger = await otherEmployer(world.sandbox);
    expect((await send(world, conversationId, 'Hello', stranger)).status).toBe(403);
    const peek = await world.call('GET', `/api/public/v1/messages?conversationId=${conversationId}`, {
      token: stranger,
    });
    expect(peek.status).toBe(403);
    expect(peek.body.error).toBe('You are not a participant in this conversation.');
  });

  it('needs messages:write, messaging writes and a claimed account; reading needs only messages:read', async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    const reader = await tokenWith(world.sandbox, world.accountId, ['messages:read']);
    const scoped = await send(world, conversationId, 'Hello', reader);
    expect(scoped.status).toBe(403);
    expect(scoped.body.details.requiredScopes).toEqual(['messages:write']);
    expect((await world.call('GET', '/api/public/v1/messages', { token: reader })).status).toBe(200);

    await world.sandbox.control.setFeatures(world.accountId, { public_api_messaging_writes: false });
    const featureOff = await send(world, conversationId, 'Hello');
    expect(featureOff.status).toBe(403);
    expect(featureOff.body.details.featureKey).toBe('public_api_messaging_writes');

    const agent = await hiringWorld({}, 'unclaimed-agent');
    await publishJob(agent.sandbox, agent.accountId);
    const wideToken = await tokenWith(agent.sandbox, agent.accountId);
    const unclaimed = await send(agent, 'cnv_any', 'Hello', wideToken);
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.body.details).toMatchObject({
      reason: 'account_claim_required',
      action: 'send messages',
    });
    const listed = await agent.call('GET', '/api/public/v1/messages');
    expect(listed.status).toBe(200);
  });
});

describe('the trainer replies', () => {
  it('answers a few minutes after each employer message, announced with message.received', async () => {
    const world = await hiringWorld();
    const { conversationId, proposal } = await openThread(world);
    await send(world, conversationId, 'Could you start next week?');

    await world.advance(MINUTE);
    expect((await read(world, `conversationId=${conversationId}`)).body.messages).toHaveLength(1);
    await world.advance(10 * MINUTE);

    const listed = (await read(world, 'filter=proposal&unreadOnly=true')).body.conversations;
    expect(listed).toHaveLength(1);
    const reply = listed[0].lastMessage;
    expect(listed[0]).toMatchObject({ id: conversationId, unreadCount: 1, needsReplyCount: 1 });
    expect(reply).toMatchObject({ senderUserId: proposal.candidate.id, isFromViewer: false });
    expect(reply.content).toContain('Spanish sentiment labeling of social media posts');
    expect(listed[0].updatedAt).toBe(reply.createdAt);
    const replyDelay = Date.parse(reply.createdAt) - Date.parse(START) - 60 * MINUTE * 1000;
    expect(replyDelay).toBeGreaterThanOrEqual(2 * MINUTE * 1000);
    expect(replyDelay).toBeLessThanOrEqual(6 * MINUTE * 1000);

    expect(eventsOf(world.sandbox, 'message.received')).toEqual([
      expect.objectContaining({
        resourceId: reply.id,
        jobId: proposal.jobId,
        createdAt: reply.createdAt,
        data: { conversationId, messageId: reply.id },
      }),
    ]);

    // Reading the thread shows the reply as unread once, then it counts as read.
    const thread = (await read(world, `conversationId=${conversationId}`)).body.messages;
    expect(
      thread.map((m: { isFromViewer: boolean; hasUnreadFlag: boolean }) => [m.isFromViewer, m.hasUnreadFlag]),
    ).toEqual([
      [false, true],
      [true, false],
    ]);
    expect((await read(world, 'unreadOnly=1')).body.conversations).toEqual([]);
    expect((await read(world, 'filter=all')).body.conversations[0]).toMatchObject({
      unreadCount: 0,
      needsReplyCount: 1,
    });

    // Replying clears "needs reply"; the trainer answers again, never twice for one message.
    await send(world, conversationId, 'Great, I will send the guidelines.');
    expect((await read(world, 'filter=all')).body.conversations[0].needsReplyCount).toBe(0);
    await world.advance(60 * MINUTE);
    await world.advance(60 * MINUTE);
    expect(eventsOf(world.sandbox, 'message.received')).toHaveLength(2);
  });

  it('does not answer in a blocked conversation', async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    await send(world, conversationId, 'Are you available?');
    await world.sandbox.control.mutate((state, now) => {
      const conversation = state.conversations[conversationId];
      if (conversation) conversation.blockedAt = new Date(now).toISOString();
    });
    await world.advance(60 * MINUTE);
    expect(eventsOf(world.sandbox, 'message.received')).toEqual([]);
  });
});

describe('GET /messages', () => {
  it('pages a conversation backwards (older, the default) and forwards (newer)', async () => {
    const world = await hiringWorld();
    const { conversationId } = await openThread(world);
    for (const question of ['First question?', 'Second question?', 'Third question?']) {
      await send(world, conversationId, question);
      await world.advance(10 * MINUTE);
    }
    const everything = (await read(world, `conversationId=${conversationId}&direction=newer`)).body.messages;
    expect(everything).toHaveLength(6);
    const oldestFirst = everything.map((m: { id: string }) => m.id);
    expect(
      everything.map((m: { content: string }) => m.content).filter((c: string) => c.endsWith('question?')),
    ).toEqual(['First question?', 'Second question?', 'Third question?']);

    const walk = async (direction: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { messages: { id: string }[]; nextCursor: string | null } } = await read(
          world,
          `conversationId=${conversationId}&limit=4${direction ? `&direction=${direction}` : ''}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        ids.push(...page.body.messages.map((m) => m.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await walk('')).toEqual([...oldestFirst].reverse());
    expect(await walk('newer')).toEqual(oldestFirst);

    // Tailing: nothing newer than the newest message until the next one arrives.
    const newest = oldestFirst.at(-1);
    expect((await read(world, `conversationId=${conversationId}&direction=newer&cursor=${newest}`)).body).toEqual({
      messages: [],
      nextCursor: null,
    });
    const badCursor = await read(world, `conversationId=${conversationId}&cursor=msg_unknown`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.details).toMatchObject({ field: 'cursor' });
  });

  it('lists conversations most recently active first, filtered by kind, with a cursor', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const threads: string[] = [];
    for (const proposal of proposals.slice(0, 3)) {
      threads.push(
        (await world.call('POST', `/api/public/v1/proposals/${proposal.id}/conversation`)).body.conversationId,
      );
    }
    await world.advance(MINUTE);
    await send(world, threads[0] ?? '', 'Hello first');
    await world.advance(MINUTE);
    await send(world, threads[2] ?? '', 'Hello third');

    const all = (await read(world, '')).body;
    expect(all.conversations.map((c: { id: string }) => c.id)).toEqual([threads[2], threads[0], threads[1]]);
    expect(all.nextCursor).toBeNull();

    const first = (await read(world, 'limit=2')).body;
    expect(first.conversations).toHaveLength(2);
    const second = (await read(world, `limit=2&cursor=${first.nextCursor}`)).body;
    expect(second).toEqual({ conversations: [expect.objectContaining({ id: threads[1] })], nextCursor: null });

    expect((await read(world, 'filter=job')).body.conversations).toEqual([]);
    expect((await read(world, 'filter=proposal')).body.conversations).toHaveLength(3);
    const refused = await read(world, 'filter=channels');
    expect(refused.status).toBe(400);
    expect(refused.body.details.field).toBe('filter');
  });

  it('answers 404 for an unknown conversation', async () => {
    const world = await hiringWorld();
    const missing = await read(world, 'conversationId=cnv_missing');
    expect(missing.status).toBe(404);
  });
});
