import { createServer } from 'node:net';
import { writeCredentials } from '@opentrain-ai/sdk/node';
import { describe, expect, test } from 'vitest';
import { mcpWorld } from './support.js';

describe('API refusals become tool errors with what the caller needs to act', () => {
  test('a missing scope names the scope and where it comes from', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'file' });
    // A token of the claimed account that may only read jobs, saved as a CLI login would.
    const minted = await fetch(`${world.url}/api/public/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.seeded.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['jobs:read'] }),
    });
    const { token } = (await minted.json()) as { token: string };
    await writeCredentials({ apiToken: token, baseUrl: world.url }, { path: world.credentialsFile });
    const refused = await world.call('opentrain_invite_freelancer', { jobId: 'job_1', freelancerId: 'usr_1' });
    expect(refused.isError).toBe(true);
    expect(refused.structured.error).toMatchObject({
      type: 'api_error',
      status: 403,
      code: 'FORBIDDEN',
      missingScopes: ['proposals:write'],
      requestId: expect.any(String),
    });
    expect(refused.text).toContain('403 FORBIDDEN');
    expect(refused.text).toContain(`Request id: ${refused.structured.error.requestId}`);
    expect(refused.text).toContain('The token lacks the scopes: proposals:write');
    expect(refused.text).toContain('opentrain_claim_account');
  });

  test('an unclaimed account gets the claim URL and the claim steps', async () => {
    const world = await mcpWorld();
    await world.call('opentrain_register_agent', { agentName: 'Claude Code' });
    const refused = await world.call('opentrain_invite_freelancer', { jobId: 'job_1', freelancerId: 'usr_1' });
    expect(refused.isError).toBe(true);
    expect(refused.structured.error).toMatchObject({
      status: 403,
      reason: 'account_claim_required',
      claimRequired: true,
      claimUrl: `${world.url}/claim`,
    });
    expect(refused.text).toContain('account_claim_required');
    expect(refused.text).toContain(`A human must claim this account first (${world.url}/claim)`);
  });

  test('a refused token is explained by where it came from', async () => {
    const fromEnv = await mcpWorld({ env: { OPENTRAIN_PERSONAL_API_TOKEN: 'ot_pat_revokedlongago' } });
    const envRefusal = await fromEnv.call('opentrain_auth_status');
    expect(envRefusal.structured.error).toMatchObject({ status: 401 });
    expect(envRefusal.text).toContain(
      'The token in OPENTRAIN_PERSONAL_API_TOKEN was refused (revoked, expired or mistyped): replace it in the MCP client configuration',
    );
    expect(envRefusal.text).not.toContain('register');

    const fromFile = await mcpWorld();
    await writeCredentials(
      { apiToken: 'ot_pat_revokedlongago', baseUrl: fromFile.url },
      { path: fromFile.credentialsFile },
    );
    const fileRefusal = await fromFile.call('opentrain_auth_status');
    expect(fileRefusal.structured.error).toMatchObject({ status: 401 });
    expect(fileRefusal.text).toContain(`The saved token in ${fromFile.credentialsFile} was refused`);
    expect(fileRefusal.text).toContain('opentrain_register_agent with force: true');
  });

  test('a feature flag that is off is named', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'file' });
    await world.control('PATCH', `/accounts/${world.seeded.accountId}/features`, { public_api_credits: false });
    const refused = await world.call('opentrain_get_credits');
    expect(refused.isError).toBe(true);
    expect(refused.structured.error).toMatchObject({ status: 403, featureKey: 'public_api_credits' });
    expect(refused.text).toContain('The feature public_api_credits is off for this account. No tool turns it on');
  });
});

describe('bad arguments are refused before anything is sent', () => {
  test('a validation error names the argument and what was expected', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    const tooMany = await world.call('opentrain_list_jobs', { limit: 500 });
    expect(tooMany.isError).toBe(true);
    expect(tooMany.structured.error).toMatchObject({ type: 'validation_error', field: 'limit' });
    expect(tooMany.text).toContain('invalid argument "limit"');
    expect(tooMany.text).toContain('100');

    const nested = await world.call('opentrain_hire_proposal', { proposalId: 'prp_1', milestone: { amount: 'lots' } });
    expect(nested.isError).toBe(true);
    expect(nested.structured.error.issues).toContainEqual({
      field: 'milestone.amount',
      expectation: expect.stringContaining('expected number'),
    });

    const missing = await world.call('opentrain_publish_job', {});
    expect(missing.structured.error).toMatchObject({ type: 'validation_error', field: 'jobId' });

    const noFields = await world.call('opentrain_update_job_draft_fields', { jobId: 'job_1' });
    expect(noFields.isError).toBe(true);
    expect(noFields.text).toContain('give at least one of jobTitle');

    expect(world.apiRequests()).toHaveLength(0);
  });

  test('a value that fits no branch of a choice is explained from the argument schema', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    const flag = await world.call('opentrain_read_messages', { unreadOnly: 'yes' });
    expect(flag.structured.error).toMatchObject({ type: 'validation_error', field: 'unreadOnly' });
    expect(flag.structured.error.expectation).toContain('expected true or false or "1"');

    const date = await world.call('opentrain_create_milestone', {
      contractId: 'ctr_1',
      description: 'd',
      dueDate: 'soon',
    });
    expect(date.structured.error.expectation).toContain('a string (date) or a string (date-time)');
    expect(date.text).toContain('YYYY-MM-DD');

    const milestone = await world.call('opentrain_hire_proposal', { proposalId: 'prp_1', milestone: { amount: 5 } });
    expect(milestone.structured.error).toMatchObject({ field: 'milestone' });
    expect(milestone.structured.error.expectation).toContain('an object, with name or with description');
    expect(world.apiRequests()).toHaveLength(0);
  });

  test('a body that is a choice of shapes names the shapes a call may take', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    const shapes = 'rawJobDescription; jobDescription; source; format with job; format with jsonLd; format with xml';
    for (const args of [{}, { idempotencyKey: 'draft-1', externalId: 'ext-1' }]) {
      const refused = await world.call('opentrain_create_job_draft', args);
      expect(refused.isError).toBe(true);
      expect(refused.structured.error).toMatchObject({ type: 'validation_error', field: 'arguments' });
      expect(refused.text).toContain(`give one of: ${shapes}`);
    }
    const wrongType = await world.call('opentrain_create_job_draft', { jobDescription: 42 });
    expect(wrongType.structured.error).toMatchObject({ field: 'arguments' });
    expect(wrongType.text).toContain(shapes);
    expect(world.apiRequests()).toHaveLength(0);

    const imported = await world.call('opentrain_create_job_draft', {
      format: 'opentrain_canonical',
      job: { title: 'Audio transcription', description: 'Transcribe 20 hours of Spanish call-center audio.' },
    });
    expect(imported.isError, imported.text).toBe(false);
    expect(imported.structured.status).toBe('DRAFT');
  });

  test('onboarding tools report their own argument names', async () => {
    const world = await mcpWorld();
    const badEmail = await world.call('opentrain_claim_account', { email: 'not-an-email', claimToken: 'ot_clm_abc' });
    expect(badEmail.structured.error).toMatchObject({ type: 'validation_error', field: 'email' });
    const badToken = await world.call('opentrain_claim_account', { email: 'owner@example.com', claimToken: 'abc' });
    expect(badToken.structured.error).toMatchObject({ type: 'validation_error', field: 'claimToken' });
    const badForce = await world.call('opentrain_register_agent', { force: 'yes' });
    expect(badForce.structured.error).toMatchObject({ field: 'force', expectation: 'expected true or false' });
    const badName = await world.call('opentrain_register_agent', { agentName: 42 });
    expect(badName.structured.error).toMatchObject({ field: 'agentName' });
    expect(world.apiRequests()).toHaveLength(0);
  });

  test('an unknown argument is refused, naming it and the accepted ones', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    const refused = await world.call('opentrain_publish_job', { jobId: 'job_1', force: true, dryRun: true });
    expect(refused.isError).toBe(true);
    expect(refused.structured.error).toEqual({
      type: 'unknown_arguments',
      arguments: ['force', 'dryRun'],
      accepted: ['jobId'],
    });
    expect(refused.text).toContain('"force", "dryRun"');
    const onboarding = await world.call('opentrain_claim_status', { wait: true });
    expect(onboarding.structured.error).toMatchObject({ type: 'unknown_arguments', arguments: ['wait'] });
    expect(world.apiRequests()).toHaveLength(0);
  });
});

describe('transport failures are tool errors, never crashes', () => {
  test('a server error that outlasts the retries', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    await world.control('POST', '/faults', {
      path: '/api/public/v1/jobs/mine',
      times: 3,
      fault: { kind: 'error', status: 500 },
    });
    const failed = await world.call('opentrain_list_jobs');
    expect(failed.isError).toBe(true);
    expect(failed.structured.error).toMatchObject({ type: 'api_error', status: 500 });
    expect(world.apiRequests()).toHaveLength(3);
    // The server keeps serving.
    const next = await world.call('opentrain_list_jobs');
    expect(next.isError).toBe(false);
  });

  test('a dropped connection', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    await world.control('POST', '/faults', { path: '/api/public/v1/auth/me', times: 3, fault: { kind: 'drop' } });
    const failed = await world.call('opentrain_auth_status');
    expect(failed.isError).toBe(true);
    expect(failed.structured.error).toMatchObject({ type: 'connection_error' });
    expect(failed.text).toContain('lost the connection');
  });

  test('a write whose connection drops warns that it may have happened', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    await world.control('POST', '/faults', {
      path: '/api/public/v1/job-drafts',
      method: 'POST',
      times: 3,
      fault: { kind: 'drop', afterHandling: true },
    });
    const failed = await world.call('opentrain_create_job_draft', { jobDescription: 'Label 500 street photos.' });
    expect(failed.isError).toBe(true);
    expect(failed.structured.error.type).toBe('connection_error');
    expect(failed.text).toContain('may have reached OpenTrain');
  });

  test('nothing listening at the base URL', async () => {
    const closedUrl = `http://127.0.0.1:${await closedPort()}`;
    const world = await mcpWorld({ env: { OPENTRAIN_API_BASE_URL: closedUrl } });
    const failed = await world.call('opentrain_search_jobs', { q: 'audio' });
    expect(failed.isError).toBe(true);
    expect(failed.structured.error.type).toBe('connection_error');
    expect(failed.text).toContain(`could not connect to ${closedUrl}`);
  });

  test('a request that never answers times out', async () => {
    const world = await mcpWorld({
      server: {
        timeoutMs: 5,
        // Never answers; gives up only when the attempt is aborted.
        fetch: (request) =>
          new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason))),
      },
    });
    const failed = await world.call('opentrain_search_jobs', { q: 'audio' });
    expect(failed.isError).toBe(true);
    expect(failed.structured.error.type).toBe('timeout');
    expect(failed.text).toContain('timed out');
  });
});

test('a call the client cancels stops its request, and the server keeps serving', async () => {
  let started!: () => void;
  const requestStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  let aborted!: () => void;
  const requestAborted = new Promise<void>((resolve) => {
    aborted = resolve;
  });
  let calls = 0;
  const world = await mcpWorld({
    server: {
      // The first request never answers until it is aborted; later ones reach the sandbox.
      fetch: (request) => {
        calls += 1;
        if (calls > 1) return fetch(request);
        started();
        return new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => {
            aborted();
            reject(request.signal.reason);
          }),
        );
      },
    },
  });
  const controller = new AbortController();
  const call = world.client.callTool({ name: 'opentrain_search_jobs', arguments: { q: 'audio' } }, undefined, {
    signal: controller.signal,
  });
  await requestStarted;
  controller.abort('the user changed their mind');
  await expect(call).rejects.toThrow('the user changed their mind');
  await requestAborted;

  const next = await world.call('opentrain_search_jobs', { q: 'audio' });
  expect(next.isError, next.text).toBe(false);
});

/** A loopback port nothing listens on: one the system just handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
