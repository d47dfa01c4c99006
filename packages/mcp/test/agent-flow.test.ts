import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { type McpWorld, mcpWorld, type ToolOutcome } from './support.js';

const JOB_DESCRIPTION = 'We need 5 Spanish speakers to transcribe 200 hours of call-center audio. Pay $18 per hour.';

// A secret is exposed when its prefix is followed by secret characters instead of the mask.
const UNMASKED_SECRET = /(ot_pat_|ot_clm_|whsec_)[A-Za-z0-9]/;

function expectOk(outcome: ToolOutcome): void {
  expect(outcome.isError, outcome.text).toBe(false);
}

async function fileMode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

function expectNoSecrets(world: McpWorld, secrets: string[]): void {
  for (const outcome of world.outcomes) {
    const shown = `${outcome.text}\n${JSON.stringify(outcome.structured)}`;
    expect(shown).not.toMatch(UNMASKED_SECRET);
    for (const secret of secrets) expect(shown).not.toContain(secret);
  }
}

test('an agent registers, drafts and publishes a job, gets claimed, and hires with a human approval', async () => {
  const world = await mcpWorld();

  // No credentials yet: API tools explain how to get some.
  const before = await world.call('opentrain_auth_status');
  expect(before.isError).toBe(true);
  expect(before.text).toContain('opentrain_register_agent');
  expect(world.apiRequests()).toHaveLength(0);

  // Register: the tokens go to the shared credentials file (0600) and appear only masked.
  const registered = await world.call('opentrain_register_agent', {
    agentName: 'Claude Code',
    organizationName: 'Acme Labs',
  });
  expectOk(registered);
  const registration = world.apiRequests().at(-1);
  expect(registration?.path).toBe('/api/agent/identity');
  expect(JSON.parse(registration?.body ?? '{}')).toEqual({
    identity_type: 'anonymous',
    agent_name: 'Claude Code',
    organization_name: 'Acme Labs',
  });
  const preClaim = await world.savedCredentials();
  expect(preClaim).toEqual({
    apiToken: expect.stringMatching(/^ot_pat_./),
    baseUrl: world.url,
    claimToken: expect.stringMatching(/^ot_clm_./),
  });
  expect(await fileMode(world.credentialsFile)).toBe(0o600);
  expect(registered.structured.access_token).toBe('ot_pat_***');
  expect(registered.structured.claim_token).toBe('ot_clm_***');
  expect(registered.structured.credentialsPath).toBe(world.credentialsFile);
  expect(registered.text).toContain('ot_pat_***');
  expect(registered.text).toContain(world.credentialsFile);

  // Draft, fill in what is missing, publish: the saved token is used without a restart.
  const draft = await world.call('opentrain_create_job_draft', {
    jobDescription: JOB_DESCRIPTION,
    idempotencyKey: 'draft-spanish-audio',
  });
  expectOk(draft);
  expect(world.apiRequests().at(-1)?.authorization).toBe(`Bearer ${preClaim.apiToken}`);
  const jobId: string = draft.structured.jobId;
  expect(draft.structured.status).toBe('DRAFT');
  expect(draft.text).toContain('Still missing before publishing: experienceLevel');

  const updated = await world.call('opentrain_update_job_draft_fields', { jobId, experienceLevel: 'INTERMEDIATE' });
  expectOk(updated);
  expect(updated.structured.validation.publishReady).toBe(true);
  const patch = world.apiRequests().at(-1);
  expect(patch).toMatchObject({ method: 'PATCH', path: `/api/public/v1/job-drafts/${jobId}` });
  expect(JSON.parse(patch?.body ?? '{}')).toEqual({ experienceLevel: 'INTERMEDIATE' });

  const published = await world.call('opentrain_publish_job', { jobId });
  expectOk(published);
  expect(published.structured.status).toBe('OPEN');

  const jobs = await world.call('opentrain_list_jobs', { limit: 10 });
  expectOk(jobs);
  expect(jobs.structured.jobs.map((job: { id: string }) => job.id)).toEqual([jobId]);
  expect(jobs.structured.nextCursor).toBeNull();
  expect(jobs.text).toContain('1 jobs on this page. This is the last page.');
  expect(world.apiRequests().at(-1)?.path).toBe('/api/public/v1/jobs/mine');

  // The claim: started with the saved claim token, pending until the human finishes it.
  const claim = await world.call('opentrain_claim_account', { email: 'owner@example.com' });
  expectOk(claim);
  expect(JSON.parse(world.apiRequests().at(-1)?.body ?? '{}')).toEqual({
    claim_token: preClaim.claimToken,
    email: 'owner@example.com',
  });
  expect(claim.text).toContain(claim.structured.verification_uri);
  expect(claim.text).toContain(claim.structured.user_code);
  expect(claim.text).toContain('opentrain_claim_status');

  const pending = await world.call('opentrain_claim_status');
  expectOk(pending);
  expect(pending.structured).toMatchObject({ status: 'authorization_pending', claimed: false });

  const { accountId } = await world.control('POST', '/claims/complete', { token: preClaim.claimToken });
  await world.control('POST', '/clock/advance', { seconds: 10 });
  const claimed = await world.call('opentrain_claim_status');
  expectOk(claimed);
  expect(claimed.structured).toMatchObject({ status: 'claimed', claimed: true, access_token: 'ot_pat_***' });
  const postClaim = await world.savedCredentials();
  expect(postClaim).toEqual({ apiToken: expect.stringMatching(/^ot_pat_./), baseUrl: world.url });
  expect(postClaim.apiToken).not.toBe(preClaim.apiToken);
  expect(await fileMode(world.credentialsFile)).toBe(0o600);

  // The next call already uses the post-claim token.
  const me = await world.call('opentrain_auth_status');
  expectOk(me);
  expect(me.structured.account.claimed).toBe(true);
  expect(world.apiRequests().at(-1)?.authorization).toBe(`Bearer ${postClaim.apiToken}`);

  // A trainer applies; the agent reviews and asks to hire.
  await world.control('POST', '/trainers/apply', { jobId });
  const proposals = await world.call('opentrain_list_proposals', { jobId });
  expectOk(proposals);
  expect(proposals.structured.proposals).toHaveLength(1);
  const proposalId: string = proposals.structured.proposals[0].id;
  const milestone = { name: 'Batch 1', description: 'The first 20 hours', amount: 360 };

  const noCard = await world.call('opentrain_hire_proposal', { proposalId, milestone });
  expect(noCard.isError).toBe(true);
  expect(noCard.structured.error).toMatchObject({ status: 409, reason: 'payment_method_required' });
  expect(noCard.text).toContain(noCard.structured.error.details.billingUrl);

  await world.control('POST', `/accounts/${accountId}/payment-method`);
  const hire = await world.call('opentrain_hire_proposal', { proposalId, milestone });
  expectOk(hire);
  const approval = hire.structured.approval;
  expect(approval).toMatchObject({ type: 'proposal_hire', status: 'pending' });
  expect(hire.text).toContain(approval.approvalUrl);
  expect(hire.text).toContain('a human must open');
  expect(hire.text).toContain(`opentrain_get_approval (approvalId "${approval.id}")`);

  await world.control('POST', `/approvals/${approval.id}/confirm`);
  const confirmed = await world.call('opentrain_get_approval', { approvalId: approval.id });
  expectOk(confirmed);
  expect(confirmed.structured.approval).toMatchObject({ id: approval.id, status: 'confirmed' });
  expect(confirmed.text).toContain('approval.status: confirmed');

  expectNoSecrets(world, [preClaim.apiToken, preClaim.claimToken, postClaim.apiToken]);
});

test('a webhook signing secret is saved to a 0600 file and only masked in the result', async () => {
  const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
  const created = await world.call('opentrain_create_webhook', {
    url: 'http://localhost:8080/hooks/opentrain',
    eventTypes: ['proposal.received'],
  });
  expectOk(created);
  expect(created.structured.secret).toBe('whsec_***');
  const secretFile: string = created.structured.secretFile;
  expect(secretFile).toBe(
    join(world.configHome, 'opentrain', 'webhook-secrets', `${created.structured.webhook.id}.secret`),
  );
  expect(created.text).toContain(`saved to ${secretFile}`);
  const secret = (await readFile(secretFile, 'utf8')).trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9]/);
  expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
  expect(created.text).not.toContain(secret);
  const listed = await world.call('opentrain_list_webhooks');
  expectOk(listed);
  expect(listed.structured.webhooks).toHaveLength(1);
  expectNoSecrets(world, [world.seeded.token ?? 'missing token']);
});

test('a webhook whose secret cannot be saved is reported as created, with how to start over', async () => {
  const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
  // A file where the secrets folder should be: the secret cannot be written.
  await mkdir(join(world.configHome, 'opentrain'), { recursive: true });
  await writeFile(join(world.configHome, 'opentrain', 'webhook-secrets'), 'in the way');
  const created = await world.call('opentrain_create_webhook', {
    url: 'https://example.com/hooks/opentrain',
    eventTypes: ['proposal.received'],
  });
  expect(created.isError, created.text).toBe(false);
  expect(created.structured).toMatchObject({ secret: 'whsec_***', secretSaved: false });
  expect(created.text).toContain(`The webhook ${created.structured.webhook.id} was created`);
  expect(created.text).toContain('opentrain_delete_webhook');
  expectNoSecrets(world, [world.seeded.token ?? 'missing token']);
});

test('paginated tools return one page and say how to get the next', async () => {
  const world = await mcpWorld({ scenario: 'open-job', scenarioToken: 'file' });
  const jobId = world.seeded.jobId;
  await world.control('POST', '/trainers/apply', { jobId });
  await world.control('POST', '/trainers/apply', { jobId });

  const first = await world.call('opentrain_list_proposals', { jobId, limit: 1 });
  expectOk(first);
  expect(first.structured.proposals).toHaveLength(1);
  const cursor: string = first.structured.nextCursor;
  expect(cursor).toEqual(expect.any(String));
  expect(first.text).toContain(`call opentrain_list_proposals again with cursor "${cursor}"`);

  const second = await world.call('opentrain_list_proposals', { jobId, limit: 1, cursor });
  expectOk(second);
  expect(second.structured.proposals[0].id).not.toBe(first.structured.proposals[0].id);
  expect(world.apiRequests().at(-1)?.path).toBe(`/api/public/v1/jobs/${jobId}/proposals`);
});
