import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWorld } from './support.js';

describe('token and base URL precedence', () => {
  it('uses --base-url over OPENTRAIN_API_BASE_URL', async () => {
    const world = await cliWorld({ scenario: 'open-job', tokenInEnv: false });
    world.env.OPENTRAIN_API_BASE_URL = 'http://127.0.0.1:9';
    const result = await world.run(['jobs', 'search', '--base-url', world.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Spanish Sentiment Labeling');
  });

  it('lets OPENTRAIN_API_TOKEN win over the saved token, and says so when registering', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    const registered = await world.run(['auth', 'register', '--name', 'Second agent']);
    expect(registered.code).toBe(0);
    expect(registered.stderr).toContain('Note: OPENTRAIN_API_TOKEN is set, so commands keep using it');
    // The seeded employer's token is still the one in use, not the new agent's.
    const me = await world.json(['auth', 'status']);
    expect(me.actor.email).toBe('owner@example.com');
    expect(me.token.label).toBe('Sandbox full access');

    world.env.OPENTRAIN_API_TOKEN = undefined;
    world.env.OT_API_TOKEN = undefined;
    const agent = await world.json(['whoami']);
    expect(agent.token.label).toBe('Second agent');
  });

  it('reports an unreadable credentials file by its path, without its contents', async () => {
    const world = await cliWorld();
    await mkdir(dirname(world.credentialsPath), { recursive: true });
    await writeFile(world.credentialsPath, '{"apiToken": "ot_pat_half_written');
    const result = await world.run(['jobs', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Error: Credentials file ${world.credentialsPath} is not valid JSON; fix it, or delete it and log in again\n`,
    );
  });
});

describe('auth commands', () => {
  it('prints the structured register result with --json, tokens masked', async () => {
    const world = await cliWorld();
    const result = await world.json(['auth', 'register', '--agent-name', 'Json agent', '--organization-name', 'Org']);
    expect(result).toMatchObject({
      identity_type: 'anonymous',
      access_token: 'ot_pat_***',
      claim_token: 'ot_clm_***',
      token_type: 'bearer',
      credentialsPath: world.credentialsPath,
    });
    const me = await world.json(['whoami']);
    expect(me.token.label).toBe('Json agent');
  });

  it('replaces saved credentials with --force', async () => {
    const world = await cliWorld();
    await world.run(['auth', 'register']);
    const first = JSON.parse(await readFile(world.credentialsPath, 'utf8'));
    const forced = await world.run(['auth', 'register', '--force']);
    expect(forced.code).toBe(0);
    const second = JSON.parse(await readFile(world.credentialsPath, 'utf8'));
    expect(second.apiToken).not.toBe(first.apiToken);
  });

  it('asks for a claim token when none is saved', async () => {
    const world = await cliWorld();
    const result = await world.run(['auth', 'claim', '--email', 'owner@example.com']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage error: no claim token: pass --claim-token');
  });

  it('stops waiting for a claim at --timeout with exit 8', async () => {
    const world = await cliWorld();
    await world.run(['auth', 'register']);
    await world.run(['auth', 'claim', '--email', 'owner@example.com']);
    const result = await world.run(['auth', 'claim-status', '--wait', '--timeout', '12']);
    expect(result.code).toBe(8);
    expect(result.stderr).toContain('Still pending: The claim was not completed within 12000 ms');
    expect(world.sleeps.reduce((total, ms) => total + ms, 0)).toBe(12_000);

    // With --json a script still gets the claim's status on stdout.
    const json = await world.run(['auth', 'claim-status', '--wait', '--timeout', '12', '--json']);
    expect(json.code).toBe(8);
    expect(JSON.parse(json.stdout)).toEqual({
      claimed: false,
      status: expect.stringMatching(/^(authorization_pending|slow_down)$/),
    });
  });

  it('tells a check made too soon apart from a claim the human has not finished', async () => {
    const world = await cliWorld();
    await world.run(['auth', 'register']);
    await world.run(['auth', 'claim', '--email', 'owner@example.com']);
    const first = await world.run(['auth', 'claim-status']);
    expect([first.code, first.stdout]).toEqual([
      8,
      'Claim pending: the human has not finished yet. Run again with --wait to wait.\n',
    ]);
    // The sandbox clock has not moved, so the second check comes before the interval the server asks for.
    const tooSoon = await world.run(['auth', 'claim-status']);
    expect(tooSoon.code).toBe(8);
    expect(tooSoon.stdout).toContain('Not checked: the last check was too recent');
    expect(tooSoon.stdout).not.toContain('has not finished');
  });

  it('keeps the saved credentials when an answer that should carry a token has none', async () => {
    const world = await cliWorld();
    await world.run(['auth', 'register']);
    const before = await readFile(world.credentialsPath, 'utf8');
    const empty = { fetch: async () => Response.json({}, { status: 200 }) };

    const register = await world.run(['auth', 'register', '--force'], empty);
    expect(register.code).toBe(1);
    expect(register.stderr).toContain(
      "Error: the API's answer to the registration has no access token; nothing was saved",
    );

    const claimed = await world.run(['auth', 'claim-status'], empty);
    expect(claimed.code).toBe(1);
    expect(claimed.stderr).toContain(
      `the API confirmed the claim but sent no token; ${world.credentialsPath} was left as it was.`,
    );
    expect(await readFile(world.credentialsPath, 'utf8')).toBe(before);
  });

  it('says when there is nothing to log out of', async () => {
    const world = await cliWorld();
    const result = await world.run(['auth', 'logout']);
    expect([result.code, result.stdout]).toEqual([0, `No saved credentials at ${world.credentialsPath}.\n`]);
  });
});

describe('jobs draft create', () => {
  it('reads the description from a file or from standard input', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    const file = join(world.configHome, 'job.txt');
    await writeFile(file, 'We need 3 annotators to label sentiment in 2,000 Spanish tweets. Pay is $0.05 per label.');
    const fromFile = await world.json(['jobs', 'draft', 'create', '--description-file', file]);
    expect(fromFile.normalizedFields).toMatchObject({ headcount: 3, pricePerLabel: 0.05 });

    const stdin = await world.run(['jobs', 'draft', 'create', '--description-file', '-', '--external-id', 'ext-1'], {
      readStdin: async () => 'Transcribe 40 hours of Spanish audio. We need 2 people.',
    });
    expect(stdin.code).toBe(0);
    expect(JSON.parse((await world.requests.at(-1)?.text()) ?? '{}')).toMatchObject({
      rawJobDescription: 'Transcribe 40 hours of Spanish audio. We need 2 people.',
      externalId: 'ext-1',
    });

    const missing = await world.run(['jobs', 'draft', 'create', '--description-file', join(world.configHome, 'no')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--description-file: cannot read');
    expect(missing.stderr).toContain('(ENOENT)');

    const both = await world.run(['jobs', 'draft', 'create', '--description', 'a', '--text', 'b']);
    expect([both.code, both.stderr]).toEqual([
      2,
      'Usage error: give only one of --description, --text and --description-file\n',
    ]);
  });
});

describe('webhooks create', () => {
  it('saves the signing secret to a 0600 file and never prints it', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    const secretFile = join(world.configHome, 'hook.secret');
    const result = await world.run([
      ...['webhooks', 'create', '--url', 'https://example.com/hook', '--event-types', 'proposal.received'],
      ...['--secret-file', secretFile, '--json'],
    ]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ secret: 'whsec_***', secretFile, webhook: { url: 'https://example.com/hook' } });
    const secret = (await readFile(secretFile, 'utf8')).trim();
    expect(secret).toMatch(/^whsec_\w{8,}/);
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
    expect(world.transcript.join('\n')).not.toContain(secret);

    const human = await world.run([
      'webhooks',
      'create',
      '--url',
      'https://example.com/other',
      '--event-types',
      'payment.pending',
    ]);
    const id = human.stdout.match(/^id: +(\S+)$/m)?.[1] ?? '';
    const saved = join(dirname(world.credentialsPath), 'webhook-secrets', `${id}.secret`);
    expect(human.stdout).toContain(`Signing secret saved to ${saved}`);
    expect((await readFile(saved, 'utf8')).trim()).toMatch(/^whsec_/);

    // An existing file may hold another webhook's secret: refused before anything is sent, the file untouched.
    const sent = world.requests.length;
    const reuse = await world.run([
      ...['webhooks', 'create', '--url', 'https://example.com/third', '--event-types', 'payment.pending'],
      ...['--secret-file', secretFile],
    ]);
    expect(reuse.code).toBe(2);
    expect(reuse.stderr).toContain(`${secretFile} already exists and may hold another webhook's signing secret`);
    expect(world.requests).toHaveLength(sent);
    expect((await readFile(secretFile, 'utf8')).trim()).toBe(secret);
  });

  it('says which webhook exists without a saved secret when the file cannot be written', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });
    const notADirectory = join(world.configHome, 'plain-file');
    await writeFile(notADirectory, 'x');
    const result = await world.run([
      ...['webhooks', 'create', '--url', 'https://example.com/hook', '--event-types', 'proposal.received'],
      ...['--secret-file', join(notADirectory, 'hook.secret')],
    ]);
    expect(result.code).toBe(1);
    const id = result.stderr.match(/webhook (whk_\w+) was created, but its signing secret could not be saved/)?.[1];
    expect(id).toEqual(expect.any(String));
    expect(result.stderr).toContain(`run opentrain webhooks delete --webhook-id ${id}, then create the webhook again.`);
    expect(result.stderr + result.stdout).not.toMatch(/whsec_[A-Za-z0-9]/);
  });
});
