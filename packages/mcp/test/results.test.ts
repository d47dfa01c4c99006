// The summary line is what a model reads first: it must say what came back and what to call next, truthfully.
import { expect, test } from 'vitest';
import { mcpWorld, type ToolOutcome } from './support.js';

function expectOk(outcome: ToolOutcome): void {
  expect(outcome.isError, outcome.text).toBe(false);
}

test('reading one conversation counts its messages, not the conversations it does not list', async () => {
  const world = await mcpWorld({ scenario: 'open-job', scenarioToken: 'env' });
  const { proposalId } = await world.control('POST', '/trainers/apply', { jobId: world.seeded.jobId });
  const started = await world.call('opentrain_start_proposal_conversation', { proposalId });
  expectOk(started);
  expect(started.text).toContain('created: true');
  const conversationId: string = started.structured.conversationId;
  expectOk(await world.call('opentrain_send_message', { conversationId, content: 'Hello, are you available?' }));

  const thread = await world.call('opentrain_read_messages', { conversationId });
  expectOk(thread);
  expect(thread.structured.messages).toHaveLength(1);
  expect(thread.text).toContain('1 messages on this page.');
  expect(thread.text).not.toContain('0 conversations');
});

test('the update feed says whether to poll again now, later with the cursor, or later without one', async () => {
  const world = await mcpWorld();
  await world.call('opentrain_register_agent', {});
  const empty = await world.call('opentrain_poll_updates');
  expectOk(empty);
  expect(empty.structured).toMatchObject({ events: [], nextCursor: null, hasMore: false });
  expect(empty.text).toContain('Nothing new yet: call opentrain_poll_updates again later, still without cursor.');
  expect(empty.text).not.toContain('last page');

  const busy = await mcpWorld({ scenario: 'open-job', scenarioToken: 'env' });
  await busy.control('POST', '/trainers/apply', { jobId: busy.seeded.jobId });
  await busy.control('POST', '/trainers/apply', { jobId: busy.seeded.jobId });
  const first = await busy.call('opentrain_poll_updates', { limit: 1 });
  expectOk(first);
  expect(first.structured.hasMore).toBe(true);
  expect(first.text).toContain(
    `More are waiting: call opentrain_poll_updates now with cursor "${first.structured.nextCursor}".`,
  );
  const rest = await busy.call('opentrain_poll_updates', { cursor: first.structured.nextCursor, limit: 200 });
  expectOk(rest);
  expect(rest.structured.hasMore).toBe(false);
  expect(rest.text).toContain(`call opentrain_poll_updates later with cursor "${rest.structured.nextCursor}"`);
});

test('a deleted webhook reads as deleted, not only by the status it had', async () => {
  const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
  const created = await world.call('opentrain_create_webhook', {
    url: 'https://example.com/hooks/opentrain',
    eventTypes: ['proposal.received'],
  });
  expectOk(created);
  const deleted = await world.call('opentrain_delete_webhook', { webhookId: created.structured.webhook.id });
  expectOk(deleted);
  expect(deleted.text).toContain('Key facts: deleted: true');
});

test('a publish refused for missing fields names them and the tool that fills them in', async () => {
  const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
  const draft = await world.call('opentrain_create_job_draft', { jobDescription: 'Label 1,000 street photos.' });
  expectOk(draft);
  const refused = await world.call('opentrain_publish_job', { jobId: draft.structured.jobId });
  expect(refused.isError).toBe(true);
  expect(refused.structured.error).toMatchObject({ status: 400 });
  expect(refused.text).toMatch(/Still missing before publishing: [a-zA-Z, ]*experienceLevel/);
  expect(refused.text).toContain('send them with opentrain_update_job_draft_fields');
});

test('the JSON text is the structured content on one line', async () => {
  const world = await mcpWorld({ scenario: 'open-job', scenarioToken: 'env' });
  await world.control('POST', '/trainers/apply', { jobId: world.seeded.jobId });
  const result = await world.client.callTool({
    name: 'opentrain_list_proposals',
    arguments: { jobId: world.seeded.jobId },
  });
  const [, json] = result.content as { type: string; text: string }[];
  expect(json?.text).not.toContain('\n');
  expect(JSON.parse(json?.text ?? 'null')).toEqual(result.structuredContent);
});

test('a list answer of the wrong shape is not reported as an empty last page', async () => {
  const world = await mcpWorld({
    env: { OPENTRAIN_PERSONAL_API_TOKEN: 'ot_pat_testtoken' },
    server: {
      fetch: async () =>
        new Response(JSON.stringify({ jobs: 'not a list', nextCursor: 7 }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    },
  });
  const odd = await world.call('opentrain_list_jobs');
  expectOk(odd);
  expect(odd.text).toContain('The answer holds no jobs list');
  expect(odd.text).not.toContain('0 jobs');
  expect(odd.text).not.toContain('last page');
});
