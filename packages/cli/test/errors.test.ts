import { describe, expect, it } from 'vitest';
import { cliWorld, type Json } from './support.js';

describe('usage errors (exit 2, nothing sent)', () => {
  it('names the flag and what was expected', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });

    const badEnum = await world.run(['jobs', 'list', '--status', 'LIVE']);
    expect(badEnum.code).toBe(2);
    expect(badEnum.stderr).toBe(
      "Usage error: option '--status <value>' argument 'LIVE' is invalid. Allowed choices are DRAFT, OPEN, ONGOING, COMPLETED, ARCHIVED, PENDING_APPROVAL.\n",
    );

    const badInteger = await world.run(['jobs', 'list', '--limit', 'ten']);
    expect(badInteger.code).toBe(2);
    expect(badInteger.stderr).toBe(
      "Usage error: option '--limit <number>' argument 'ten' is invalid. Expected an integer from 1 to 100.\n",
    );

    const missing = await world.run(['proposals', 'hire']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'Usage error: missing required flags --proposal-id <id>, --milestone <json> (or --milestone-name, --milestone-description, --milestone-amount, --milestone-due-date)\n',
    );

    const badSet = await world.run(['jobs', 'draft', 'update', '--job-id', 'job_1', '--set', 'headcount=many']);
    expect([badSet.code, badSet.stderr]).toEqual([
      2,
      'Usage error: --set headcount=many: Expected an integer of at least 1.\n',
    ]);

    const unknownKey = await world.run(['jobs', 'update', '--job-id', 'job_1', '--set', 'salary=5']);
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toMatch(
      /^Usage error: --set salary: not a field that can be set; expected one of: jobTitle, /,
    );

    const badList = await world.run([
      'webhooks',
      'create',
      '--url',
      'https://example.com/h',
      '--event-types',
      'job.sold',
    ]);
    expect(badList.code).toBe(2);
    expect(badList.stderr).toContain("option '--event-types <values>' argument 'job.sold' is invalid. Expected a");
    expect(badList.stderr).toContain('proposal.received');

    const badJson = await world.run(['proposals', 'hire', '--proposal-id', 'prp_1', '--milestone', '{name']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain("option '--milestone <json>' argument '{name' is invalid. Expected a JSON object");

    expect(world.requests).toHaveLength(0);
  });

  it('reports a value the request schema refuses under the flag that carried it', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    const { proposalId } = await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });

    const dueDate = await world.run(['proposals', 'hire', '--proposal-id', proposalId, '--milestone-due-date', 'soon']);
    expect(dueDate.code).toBe(2);
    expect(dueDate.stderr).toMatch(/^Usage error: .*--milestone-due-date: /);

    const nameless = await world.run(['proposals', 'hire', '--proposal-id', proposalId, '--milestone', '{"amount":5}']);
    expect(nameless.code).toBe(2);
    expect(nameless.stderr).toMatch(/^Usage error: --milestone: /);

    const email = await world.run(['team', 'invite', '--email', 'not-an-address']);
    expect(email.code).toBe(2);
    expect(email.stderr).toMatch(/^Usage error: --email: /);

    // One complaint per flag, even when several checks refuse the same value.
    const empty = await world.run(['jobs', 'close', '--job-id', '']);
    expect([empty.code, empty.stderr]).toEqual([2, 'Usage error: --job-id: expected a non-empty string\n']);

    const claimToken = await world.run(['auth', 'claim-status', '--claim-token', 'not-a-claim-token']);
    expect(claimToken.code).toBe(2);
    expect(claimToken.stderr).toMatch(/^Usage error: --claim-token: .*ot_clm_/);

    const description = await world.run(['jobs', 'draft', 'create']);
    expect(description.code).toBe(2);
    expect(description.stderr).toContain('missing required flag --description <text>');
    expect(world.requests).toHaveLength(0);
  });
});

describe('--base-url', () => {
  it('refuses a base URL with a password or a query string without repeating it (exit 2, nothing sent)', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    const withPassword = `http://agent:hunter2@${new URL(world.url).host}`;
    const password = await world.run(['jobs', 'list', '--base-url', withPassword]);
    expect(password.code).toBe(2);
    expect(password.stderr).toMatch(/^Usage error: --base-url: expected a URL without a user name or password/);
    expect(password.stderr).not.toContain('hunter2');

    // The same check for a base URL from the environment (or the saved file), naming where it came from.
    world.env.OPENTRAIN_API_BASE_URL = withPassword;
    const fromEnv = await world.run(['jobs', 'list']);
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/^Usage error: OPENTRAIN_API_BASE_URL: expected a URL without a user name/);
    expect(fromEnv.stderr).not.toContain('hunter2');
    world.env.OPENTRAIN_API_BASE_URL = world.url;

    const query = await world.run(['jobs', 'list', '--base-url', `${world.url}/?region=eu`]);
    expect([query.code, query.stderr]).toEqual([
      2,
      'Usage error: --base-url: expected a base URL without a query string or fragment\n',
    ]);
    expect(world.requests).toHaveLength(0);
  });
});

describe('authentication (exit 4)', () => {
  it('asks for a token when none is set or saved', async () => {
    const world = await cliWorld();
    const result = await world.run(['jobs', 'list']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('Authentication needed: no API token is set or saved.');
    expect(result.stderr).toContain('opentrain auth register');
  });

  it('exits 4 on a 401 without printing the token', async () => {
    const world = await cliWorld();
    world.env.OPENTRAIN_API_TOKEN = 'ot_pat_revoked_Zx81nQ6dVtB0Lm2p';
    const result = await world.run(['jobs', 'list']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^Error: 401 UNAUTHORIZED/);
    expect(result.stderr).toContain('Authentication needed: the API refused the token.');
    expect(result.stderr + result.stdout).not.toContain('Zx81nQ6dVtB0Lm2p');
  });

  it('works without a token for the tokenless marketplace search', async () => {
    const world = await cliWorld({ scenario: 'open-job', tokenInEnv: false });
    const result = await world.run(['jobs', 'search', '--q', 'Spanish']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ID +TITLE +COMPANY NAME +PAY +LANGUAGES$/m);
    expect(result.stdout).toContain('Spanish Sentiment Labeling');
  });
});

describe('API errors (exit 1)', () => {
  it('says where to claim an unclaimed account', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    await world.control.mutate((state) => {
      const account = state.accounts[world.seeded?.accountId ?? ''];
      if (account) account.claimed = false;
    });
    const result = await world.run(['credits', 'top-up', 'create', '--amount-usd', '100']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^Error: 403 FORBIDDEN account_claim_required: .+ \(POST \/api\/public\/v1\/credits\/top-ups, request id [\w-]+\)$/,
    );
    expect(lines[1]).toBe(
      `Details: {"reason":"account_claim_required","action":"buy credits","claimUrl":"${world.url}/claim"}`,
    );
    expect(lines[2]).toContain(`This account must be claimed by a human first (claim page: ${world.url}/claim)`);
    expect(lines[2]).toContain("'opentrain auth claim --email <owner email>'");
  });

  it('names the missing scopes of a 403', async () => {
    const world = await cliWorld();
    expect((await world.run(['auth', 'register'])).code).toBe(0);
    const result = await world.run(['webhooks', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The token lacks the scope webhooks:manage');
  });

  it('prints a clear error when the sandbox keeps answering 500', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    world.control.injectFault({
      path: '/api/public/v1/jobs/mine',
      method: 'GET',
      times: 3,
      fault: { kind: 'error', status: 500 },
    });
    const result = await world.run(['jobs', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: 500 INTERNAL_ERROR: .+GET \/api\/public\/v1\/jobs\/mine, request id/m);
    // The GET was retried twice (3 attempts), each retry announced, before giving up.
    expect(world.control.faults()).toHaveLength(0);
    expect(result.stderr.match(/retrying in/g)).toHaveLength(2);
  });

  it('prints a clear error when the connection drops', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    // Drafts carry an idempotency key, so the SDK may retry them; every attempt is dropped.
    world.control.injectFault({ path: '/api/public/v1/job-drafts', method: 'POST', times: 3, fault: { kind: 'drop' } });
    const result = await world.run(['jobs', 'draft', 'create', '--description', 'Label cats in images.']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: POST \/api\/public\/v1\/job-drafts failed: lost the connection to http:\/\/127\.0\.0\.1:\d+/m,
    );
    expect(result.stdout).toBe('');
    expect(world.control.faults()).toHaveLength(0);
  });

  it('exits 1 and says so when a human declines the approval being waited for', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    const { proposalId } = await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });
    let approvalId = '';
    world.whenSleeping(async () => {
      await world.control.declineApproval(approvalId);
    });
    const first = await world.run(['proposals', 'hire', '--proposal-id', proposalId, '--milestone-name', 'Batch']);
    expect(first.code).toBe(8);
    approvalId = first.stdout.match(/Approval id: +(apr_\w+)/)?.[1] ?? '';

    const waited = await world.run([
      ...['proposals', 'hire', '--proposal-id', proposalId, '--milestone-name', 'Batch'],
      ...['--wait', '--interval', '2'],
    ]);
    expect(waited.code).toBe(1);
    expect(waited.stderr).toContain(`Error: approval ${approvalId} was declined by a human; nothing was done.`);
    expect(world.sleeps).toEqual([2000]);
  });

  it('exits 8 when the human has not decided by the timeout', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    const { proposalId } = await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });
    const args = ['proposals', 'hire', '--proposal-id', proposalId, '--milestone-name', 'Batch', '--wait'];
    const result = await world.run([...args, '--timeout', '30', '--interval', '10']);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/Still pending: Approval apr_\w+ is still pending after waiting 30000 ms/);
    expect(world.sleeps).toEqual([10_000, 10_000, 10_000]);

    // With --json the approval as last seen is still printed, so a script can read its id and URL.
    const json = await world.run([...args, '--timeout', '10', '--json']);
    expect(json.code).toBe(8);
    expect(JSON.parse(json.stdout)).toMatchObject({
      approval: { id: expect.stringMatching(/^apr_/), status: 'pending', approvalUrl: expect.any(String) },
    });
  });
});

describe('output', () => {
  it('prints the exact API response with --json', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });
    const cli = await world.json(['proposals', 'list', '--job-id', world.seeded?.jobId ?? '']);
    const direct = await fetch(`${world.url}/api/public/v1/jobs/${world.seeded?.jobId}/proposals`, {
      headers: { authorization: `Bearer ${world.seeded?.token}` },
    });
    expect(cli).toEqual(await direct.json());
  });

  it('pages with --limit and --cursor, hints at the next cursor, and walks every page with --all', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    for (const text of ['Label cats in images.', 'Transcribe Spanish audio.', 'Rate chatbot answers.']) {
      expect((await world.run(['jobs', 'draft', 'create', '--description', text])).code).toBe(0);
    }
    const first = await world.run(['jobs', 'list', '--limit', '2']);
    expect(first.code).toBe(0);
    expect(first.stdout.trimEnd().split('\n')).toHaveLength(3);
    const cursor = first.stderr.match(/pass --cursor (\S+) for the next page, or --all for every page/)?.[1] ?? '';
    expect(cursor).not.toBe('');

    const second = await world.run(['jobs', 'list', '--limit', '2', '--cursor', cursor]);
    expect(second.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(second.stderr).toBe('');

    world.requests.length = 0;
    const all = await world.run(['jobs', 'list', '--limit', '1', '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(world.requests).toHaveLength(3);

    const lines = await world.run(['jobs', 'list', '--limit', '2', '--all', '--json']);
    const items = lines.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(items.map((item) => item.status)).toEqual(['DRAFT', 'DRAFT', 'DRAFT']);
  });

  it('never passes control characters from the API to the terminal, and never cuts a character in half', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    const { proposalId } = await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });
    const { conversationId } = await world.json(['proposals', 'conversation', '--proposal-id', proposalId]);
    const hostile = 'Hi\u001b]0;owned\u0007\u001b[2J\rthere\r\nbye';
    const long = `${'a'.repeat(58)}😀tail`;
    for (const content of [hostile, long]) {
      expect(
        (await world.run(['messages', 'send', '--conversation-id', conversationId, '--content', content])).code,
      ).toBe(0);
    }

    const read = await world.run(['messages', 'read', '--conversation-id', conversationId]);
    expect(read.code).toBe(0);
    for (const control of ['\u001b', '\u0007', '\r']) expect(read.stdout).not.toContain(control);
    expect(read.stdout).toContain('Hi\uFFFD]0;owned\uFFFD\uFFFD[2J there bye');
    expect(read.stdout).toContain(`${'a'.repeat(58)}😀…`);

    // JSON escapes control characters itself, so --json still gives the exact text.
    const json = await world.json(['messages', 'read', '--conversation-id', conversationId]);
    expect(json.messages.map((message: Json) => message.content)).toEqual(expect.arrayContaining([hostile, long]));
  });

  it('copes with answers that lack the fields their summary reads: plain lines, or a clear error', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    const draftWithoutValidation = {
      fetch: async () => Response.json({ jobId: 'job_1', status: 'DRAFT' }, { status: 201 }),
    };
    const draft = await world.run(['jobs', 'draft', 'create', '--description', 'Label cats.'], draftWithoutValidation);
    expect([draft.code, draft.stdout, draft.stderr]).toEqual([0, 'jobId:  job_1\nstatus: DRAFT\n', '']);

    const empty = await world.run(['jobs', 'close', '--job-id', 'job_1'], {
      fetch: async () => Response.json({}, { status: 200 }),
    });
    expect([empty.code, empty.stdout]).toEqual([0, 'Done.\n']);

    const emptyAnswer = { fetch: async () => Response.json({}, { status: 200 }) };
    const login = await world.run(['auth', 'login', '--api-key', world.seeded?.token ?? ''], emptyAnswer);
    expect([login.code, login.stdout.split('\n')[0]]).toEqual([0, 'Logged in as an unnamed user with the token "-".']);

    const claim = await world.run(
      ['auth', 'claim', '--email', 'a@example.com', '--claim-token', 'ot_clm_x'],
      emptyAnswer,
    );
    expect([claim.code, claim.stderr]).toEqual([
      1,
      "Error: the API's answer has no claim link or code to give the human; run this command again.\n",
    ]);
  });

  it('ends a walk through the updates feed with the cursor to poll from next time', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    for (let trainer = 0; trainer < 2; trainer++)
      await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });
    const events = await world.run(['updates', 'poll', '--all', '--limit', '1', '--json']);
    expect(events.code).toBe(0);
    const ids = events.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).id);
    expect(ids.length).toBeGreaterThan(1);
    expect(events.stderr).toBe(`Up to date. Pass --cursor ${ids.at(-1)} next time to get only what is newer.\n`);
  });

  it('says an empty list is empty and exits 0', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    const result = await world.run(['contracts', 'list']);
    expect([result.code, result.stdout]).toEqual([0, 'No contracts found.\n']);
  });

  it('sends a switch as true and a repeated list flag as one list', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    expect((await world.run(['messages', 'read', '--unread-only', '--filter', 'job'])).code).toBe(0);
    const query = new URL(world.requests[0]?.url ?? '').searchParams;
    expect([query.get('unreadOnly'), query.get('filter')]).toEqual(['true', 'job']);

    const created = await world.run([
      ...['webhooks', 'create', '--url', 'https://example.com/hook'],
      ...['--event-types', 'proposal.received,contract.created', '--event-types', 'payment.pending'],
    ]);
    expect(created.code).toBe(0);
    const body = JSON.parse((await world.requests[1]?.text()) ?? '{}');
    expect(body.eventTypes).toEqual(['proposal.received', 'contract.created', 'payment.pending']);
  });
});
