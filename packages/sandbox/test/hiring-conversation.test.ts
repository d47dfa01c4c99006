import { describe, expect, it } from 'vitest';
import {
  hiringWorld,
  jobWithApplicants,
  MINUTE,
  ORIGIN,
  otherEmployer,
  publishJob,
  START,
  tokenWith,
} from './hiring-support.js';

describe('POST /proposals/{proposalId}/conversation', () => {
  it('gets or creates the one pre-hire thread of a proposal', async () => {
    const world = await hiringWorld();
    const { job, proposals } = await jobWithApplicants(world);
    const path = `/api/public/v1/proposals/${proposals[0].id}/conversation`;

    const first = await world.call('POST', path);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ok: true,
      conversationId: expect.stringMatching(/^cnv_/),
      proposalId: proposals[0].id,
      jobId: job.id,
      created: true,
    });
    const again = await world.call('POST', path);
    expect(again.body).toEqual({ ...first.body, created: false });
    const other = await world.call('POST', `/api/public/v1/proposals/${proposals[1].id}/conversation`);
    expect(other.body.conversationId).not.toBe(first.body.conversationId);

    const threads = await world.call('GET', '/api/public/v1/messages?filter=proposal');
    expect(threads.body.conversations.map((c: { id: string }) => c.id).sort()).toEqual(
      [first.body.conversationId, other.body.conversationId].sort(),
    );
    expect(threads.body.conversations.find((c: { id: string }) => c.id === first.body.conversationId)).toEqual({
      id: first.body.conversationId,
      type: 'DIRECT_MESSAGE',
      bucket: 'proposal',
      jobId: null,
      proposalId: proposals[0].id,
      channelName: null,
      updatedAt: new Date(Date.parse(START) + 60 * MINUTE * 1000).toISOString(),
      lastMessage: null,
      unreadCount: 0,
      needsReplyCount: 0,
    });
  });

  it('is employer-first: the trainer never writes before the employer does', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const { conversationId } = (await world.call('POST', `/api/public/v1/proposals/${proposals[0].id}/conversation`))
      .body;
    await world.advance(24 * 60 * MINUTE);
    const read = await world.call('GET', `/api/public/v1/messages?conversationId=${conversationId}`);
    expect(read.body).toEqual({ messages: [], nextCursor: null });
  });

  it('needs messages:write, messaging writes and a claimed account', async () => {
    const world = await hiringWorld();
    const { proposals } = await jobWithApplicants(world);
    const path = `/api/public/v1/proposals/${proposals[0].id}/conversation`;

    const readOnly = await tokenWith(world.sandbox, world.accountId, ['proposals:read', 'messages:read']);
    const scoped = await world.call('POST', path, { token: readOnly });
    expect(scoped.status).toBe(403);
    expect(scoped.body.details.requiredScopes).toEqual(['messages:write']);

    await world.sandbox.control.setFeatures(world.accountId, { public_api_messaging_writes: false });
    const featureOff = await world.call('POST', path);
    expect(featureOff.status).toBe(403);
    expect(featureOff.body.details).toEqual({ featureKey: 'public_api_messaging_writes', mode: 'OFF' });

    const agent = await hiringWorld({}, 'unclaimed-agent');
    await publishJob(agent.sandbox, agent.accountId);
    await agent.advance(60 * MINUTE);
    const proposalId = Object.keys(agent.sandbox.state.proposals)[0];
    // Pre-claim tokens never hold messages:write; one that does still meets the claim gate.
    const wideToken = await tokenWith(agent.sandbox, agent.accountId);
    const unclaimed = await agent.call('POST', `/api/public/v1/proposals/${proposalId}/conversation`, {
      token: wideToken,
    });
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.body.details).toEqual({
      reason: 'account_claim_required',
      action: 'send messages',
      claimUrl: `${ORIGIN}/claim`,
    });
  });

  it("refuses another account's proposal, an unknown one, and one whose job is gone", async () => {
    const world = await hiringWorld();
    const { job, proposals } = await jobWithApplicants(world);
    const stranger = await otherEmployer(world.sandbox);
    const foreign = await world.call('POST', `/api/public/v1/proposals/${proposals[0].id}/conversation`, {
      token: stranger,
    });
    expect(foreign.status).toBe(403);
    expect((await world.call('POST', '/api/public/v1/proposals/prp_missing/conversation')).status).toBe(404);

    await world.sandbox.control.mutate((state) => {
      delete state.jobs[job.id];
    });
    const orphan = await world.call('POST', `/api/public/v1/proposals/${proposals[1].id}/conversation`);
    expect(orphan.status).toBe(409);
    expect(orphan.body.details).toEqual({ reason: 'proposal_not_ready_for_messaging', proposalId: proposals[1].id });
  });
});
