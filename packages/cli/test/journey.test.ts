import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cliWorld, type Json } from './support.js';

const JOB_TEXT = 'We need people to label cats in images.';

describe('the agent journey', () => {
  it('registers, drafts, publishes, gets claimed, reviews and hires, with tokens never shown', async () => {
    const world = await cliWorld();
    const { run } = world;

    // Register: the tokens land in the credentials file (0600) and are masked in every output.
    const registered = await run(['auth', 'register', '--agent-name', 'Test agent', '--org-name', 'Acme Research']);
    expect(registered.code).toBe(0);
    expect(registered.stdout).toContain('API token ot_pat_***, claim token ot_clm_***');
    expect(registered.stdout).toContain('opentrain auth claim --email');
    expect((await stat(world.credentialsPath)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(world.credentialsPath, 'utf8'));
    expect(saved).toEqual({
      apiToken: expect.stringMatching(/^ot_pat_/),
      claimToken: expect.stringMatching(/^ot_clm_/),
      baseUrl: world.url,
    });
    const secrets: string[] = [saved.apiToken, saved.claimToken];

    const again = await run(['auth', 'register']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Pass --force to replace them');

    // Draft from text: every missing field with its question, type, allowed values and key.
    const draft = await run(['jobs', 'draft', 'create', '--description', JOB_TEXT]);
    expect(draft.code).toBe(0);
    const jobId = draft.stdout.match(/Draft (job_\w+) created/)?.[1] ?? '';
    expect(draft.stdout).toContain('Publish ready: no.');
    expect(draft.stdout).toContain('  experienceLevel (enum: EXPERT, ENTRY_LEVEL, INTERMEDIATE, ANY_EXPERIENCE_LEVEL)');
    expect(draft.stdout).toContain('    ask: How many AI trainers do you want to hire?');
    expect(draft.stdout).toContain('  headcount (integer)');
    expect(draft.stdout).toContain('    set with: --set headcount=<value>');

    // Answer with --set; each value is parsed by its field's schema.
    const updated = await run([
      ...['jobs', 'draft', 'update', '--job-id', jobId],
      ...['--set', 'headcount=2', '--set', 'experienceLevel=INTERMEDIATE', '--set', 'paymentType=PAY_PER_LABEL'],
      ...['--set', 'pricePerLabel=0.05', '--set', 'dataVolumeUnit=NUMBER_OF_FILES', '--set', 'dataVolume=1000'],
      ...['--set', 'languages=English,Spanish'],
    ]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('Publish ready: yes.');
    const sent = JSON.parse((await world.requests.at(-1)?.text()) ?? '{}');
    expect(sent).toMatchObject({
      headcount: 2,
      pricePerLabel: 0.05,
      dataVolume: 1000,
      languages: ['English', 'Spanish'],
    });

    const published = await run(['jobs', 'publish', '--job-id', jobId]);
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/^status: +OPEN$/m);

    const listed = await run(['jobs', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID +TITLE +STATUS +PROPOSALS +CREATED AT$/m);
    expect(listed.stdout).toMatch(new RegExp(`^${jobId} .* OPEN `, 'm'));

    // Claim: the human completes it (control plane) while claim-status --wait polls.
    const claim = await run(['auth', 'claim', '--email', 'owner@example.com']);
    expect(claim.code).toBe(0);
    expect(claim.stdout).toMatch(/The human opens: +http:\/\/127\.0\.0\.1:\d+\/claim\?token=ot_cat_/);
    expect(claim.stdout).toMatch(/enters code: +\d{6}/);

    const pending = await run(['auth', 'claim-status']);
    expect(pending.code).toBe(8);
    expect(pending.stdout).toContain('Claim pending');

    let polls = 0;
    world.whenSleeping(async () => {
      polls += 1;
      if (polls === 2) await world.control.completeClaim(saved.claimToken);
    });
    const claimed = await run(['auth', 'claim-status', '--wait']);
    expect(claimed.code).toBe(0);
    expect(claimed.stdout).toContain('Claimed: a human now owns this account.');
    expect(claimed.stdout).toContain('proposals:write');
    const upgraded = JSON.parse(await readFile(world.credentialsPath, 'utf8'));
    expect(upgraded.apiToken).toMatch(/^ot_pat_/);
    expect(upgraded.apiToken).not.toBe(saved.apiToken);
    expect(upgraded.claimToken).toBeUndefined();
    secrets.push(upgraded.apiToken);
    world.whenSleeping(async () => {});

    // Proposals from simulated AI trainers.
    await world.control.applyTrainer({ jobId });
    const proposals = await run(['proposals', 'list', '--job-id', jobId]);
    expect(proposals.code).toBe(0);
    expect(proposals.stdout).toMatch(/^ID +CANDIDATE +STATUS +BID USD/m);
    const proposalId = proposals.stdout.match(/^(prp_\w+)/m)?.[1] ?? '';
    expect(proposalId).not.toBe('');

    // A conversation with the candidate: `messages read` lists conversations, or one conversation's messages.
    const conversation: Json = await world.json(['proposals', 'conversation', '--proposal-id', proposalId]);
    const conversationId: string = conversation.conversationId;
    expect(conversationId).toEqual(expect.any(String));
    const message = ['--conversation-id', conversationId, '--content', 'Welcome aboard'];
    const sentMessage = await run(['messages', 'send', ...message]);
    expect(sentMessage.code).toBe(0);
    const thread = await run(['messages', 'read', '--conversation-id', conversationId, '--all']);
    expect(thread.code).toBe(0);
    expect(thread.stdout).toContain('Welcome aboard');
    const threadJson = await run(['messages', 'read', '--conversation-id', conversationId, '--all', '--json']);
    const contents = threadJson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).content);
    expect(contents).toContain('Welcome aboard');

    // Hiring moves money, so it records an approval a human must confirm: exit 8 with the approval URL.
    const me: Json = await world.json(['auth', 'status']);
    await world.controlCall('POST', `/accounts/${me.account.organizationId}/payment-method`);
    const hireArgs = ['proposals', 'hire', '--proposal-id', proposalId, '--milestone-name', 'First batch'];
    const hire = await run([...hireArgs, '--milestone-amount', '120']);
    expect(hire.code).toBe(8);
    const approvalId = hire.stdout.match(/Approval id: +(apr_\w+)/)?.[1] ?? '';
    expect(hire.stdout).toContain(`Approval URL: ${world.url}/approvals/${approvalId}`);

    // With --wait it polls until the human confirms (here through the control plane) and exits 0.
    world.whenSleeping(async () => {
      await world.control.confirmApproval(approvalId);
    });
    const hired = await run([...hireArgs, '--milestone-amount', '120', '--wait']);
    expect(hired.stderr).toContain(`Approval URL: ${world.url}/approvals/${approvalId}`);
    expect(hired.stdout).toContain(`Approval ${approvalId} confirmed.`);
    expect(hired.stdout).toMatch(/^result\.contractId: +ctr_\w+$/m);
    expect(hired.code).toBe(0);

    // No secret value was ever printed.
    const everything = world.transcript.join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret.slice('ot_pat_'.length));
    expect(everything).not.toMatch(/ot_(pat|clm)_[A-Za-z0-9]/);

    // Logout removes the file; the next call needs a token again.
    const logout = await run(['auth', 'logout']);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain(`Removed ${world.credentialsPath}.`);
    await expect(stat(world.credentialsPath)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await run(['jobs', 'list'])).code).toBe(4);
  });

  it('logs in with a token minted in the app after checking it, and refuses a bad one without saving', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer', tokenInEnv: false });
    const token = world.seeded?.token ?? '';

    const refused = await world.run(['auth', 'login', '--api-key', 'ot_pat_unknown_0000000000000000']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('nothing was saved');
    await expect(stat(world.credentialsPath)).rejects.toMatchObject({ code: 'ENOENT' });

    const login = await world.run(['auth', 'login', '--token', token]);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('Logged in as Mira Chen <owner@example.com>');
    expect(JSON.parse(await readFile(world.credentialsPath, 'utf8'))).toEqual({ apiToken: token, baseUrl: world.url });

    const status = await world.run(['whoami']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^actor\.email: +owner@example\.com$/m);
    expect(world.transcript.join('\n')).not.toContain(token.slice('ot_pat_'.length));
  });
});
