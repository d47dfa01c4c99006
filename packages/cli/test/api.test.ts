import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliWorld, cliWorld, type Json } from './support.js';

const jsonLines = (text: string): Json[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const sentBody = async (world: CliWorld): Promise<Json> => JSON.parse((await world.requests.at(-1)?.text()) ?? 'null');

describe('opentrain api: calls', () => {
  it('reads a tokenless operation without sending the token, and takes a path under the Public API for short', async () => {
    const world = await cliWorld({ scenario: 'open-job' });

    const facets = await world.run(['api', '/api/public/v1/jobs/facets']);
    expect(facets.code).toBe(0);
    const body: Json = JSON.parse(facets.stdout);
    expect(body).toEqual(expect.any(Object));
    expect(Object.keys(body).length).toBeGreaterThan(0);
    const request = world.requests.at(-1);
    expect(`${request?.method} ${new URL(request?.url ?? '').pathname}`).toBe('GET /api/public/v1/jobs/facets');
    expect(request?.headers.get('authorization')).toBeNull();

    const short = await world.run(['api', 'jobs/facets']);
    expect([short.code, JSON.parse(short.stdout)]).toEqual([0, body]);
  });

  it('sends -f fields of a GET as the query string, typed as the operation declares them', async () => {
    const world = await cliWorld({ scenario: 'open-job' });

    const search = await world.run(['api', '-X', 'GET', '/api/public/v1/jobs', '-f', 'q=Spanish', '-f', 'limit=1']);
    expect(search.code).toBe(0);
    const url = new URL(world.requests.at(-1)?.url ?? '');
    expect(url.pathname).toBe('/api/public/v1/jobs');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'Spanish', limit: '1' });
    const page: Json = JSON.parse(search.stdout);
    expect(page.jobs).toHaveLength(1);
    expect(page.jobs[0].id).toBe(world.seeded?.jobId);

    // A full URL on the base URL is the same call; its query string joins the fields.
    const full = await world.run(['api', `${world.url}/api/public/v1/jobs?q=Spanish`, '-X', 'GET', '-F', 'limit=1']);
    expect([full.code, JSON.parse(full.stdout).jobs[0].id]).toEqual([0, world.seeded?.jobId]);

    const badLimit = await world.run(['api', '-X', 'GET', '/api/public/v1/jobs', '-f', 'limit=lots']);
    expect([badLimit.code, badLimit.stderr]).toEqual([
      2,
      'Usage error: query parameter limit=lots: Expected an integer from 1 to 100.\n',
    ]);
  });

  it('creates a token from typed and nested fields, and never prints its value', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });

    const created = await world.run([
      ...['api', '-X', 'POST', '/api/public/v1/tokens'],
      ...['-F', 'name=ci', '-f', 'scopes[]=jobs:read', '-F', 'scopes[]=proposals:read'],
    ]);
    expect(created.code).toBe(0);
    expect(await sentBody(world)).toEqual({ name: 'ci', scopes: ['jobs:read', 'proposals:read'] });
    const answer: Json = JSON.parse(created.stdout);
    expect(answer.token).toBe('ot_pat_***');
    expect(answer.metadata).toMatchObject({ name: 'ci', scopes: ['jobs:read', 'proposals:read'] });
    expect(world.transcript.join('\n')).not.toMatch(/ot_pat_[A-Za-z0-9]/);

    // The token is real: it is listed, under the name it was given.
    const listed: Json = JSON.parse((await world.run(['api', '/api/public/v1/tokens'])).stdout);
    expect(listed.tokens.map((token: Json) => token.name)).toContain('ci');
  });

  it('takes the whole body from standard input or a file with --input, defaulting to POST', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });

    const stdin = JSON.stringify({ name: 'from stdin', scopes: ['jobs:read'] });
    const piped = await world.run(['api', '/api/public/v1/tokens', '--input', '-'], { readStdin: async () => stdin });
    expect(piped.code).toBe(0);
    expect(world.requests.at(-1)?.method).toBe('POST');
    expect(await sentBody(world)).toEqual({ name: 'from stdin', scopes: ['jobs:read'] });
    expect(JSON.parse(piped.stdout).metadata.name).toBe('from stdin');

    const folder = await mkdtemp(join(tmpdir(), 'opentrain-api-'));
    const file = join(folder, 'token.json');
    await writeFile(file, '{"name":"from a file"}');
    const fromFile = await world.run(['api', '/api/public/v1/tokens', '--input', file]);
    expect([fromFile.code, JSON.parse(fromFile.stdout).metadata.name]).toEqual([0, 'from a file']);

    const notJson = await world.run(['api', '/api/public/v1/tokens', '--input', '-'], {
      readStdin: async () => 'name=ci',
    });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^Usage error: --input: standard input is not valid JSON/);
  });

  it('fills path parameters from the path', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    const { proposalId } = await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });

    const interview = await world.run(['api', `/api/public/v1/proposals/${proposalId}/interview`]);
    expect(interview.code).toBe(0);
    expect(JSON.parse(interview.stdout)).toHaveProperty('interview');
    expect(new URL(world.requests.at(-1)?.url ?? '').pathname).toBe(`/api/public/v1/proposals/${proposalId}/interview`);

    const job = await world.run(['api', `/api/public/v1/jobs/${world.seeded?.jobId}`]);
    expect([job.code, JSON.parse(job.stdout).id]).toEqual([0, world.seeded?.jobId]);
  });

  it('walks every page with --paginate, one JSON item per line', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    const jobId = world.seeded?.jobId ?? '';
    const first = await world.control.applyTrainer({ jobId });
    const second = await world.control.applyTrainer({ jobId });

    const all = await world.run(['api', `/api/public/v1/jobs/${jobId}/proposals`, '-F', 'limit=1', '--paginate']);
    expect(all.code).toBe(0);
    const ids = jsonLines(all.stdout).map((proposal) => proposal.id);
    expect(ids.sort()).toEqual([first.proposalId, second.proposalId].sort());
    const urls = world.requests.map((request) => new URL(request.url));
    expect(urls.length).toBeGreaterThanOrEqual(2);
    expect(urls[1]?.searchParams.get('cursor')).toEqual(expect.any(String));
    expect(urls.every((url) => url.searchParams.get('limit') === '1')).toBe(true);

    const single = await world.run(['api', '/api/public/v1/jobs/facets', '--paginate']);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('--paginate: GET /api/public/v1/jobs/facets is not a paginated list');
  });

  it('prints the status line and headers to stderr with --include', async () => {
    const world = await cliWorld();
    const included = await world.run(['api', '/api/public/v1/jobs/facets', '-i']);
    expect(included.code).toBe(0);
    expect(included.stderr).toMatch(/^HTTP 200 OK\n/);
    expect(included.stderr).toMatch(/^content-type: application\/json/m);
    expect(included.stderr).toMatch(/^x-request-id: \S+$/m);
    expect(JSON.parse(included.stdout)).toEqual(expect.any(Object));
  });

  it('ends a money movement at its pending approval with exit 8 and the approval URL', async () => {
    const world = await cliWorld({ scenario: 'open-job' });
    const { proposalId } = await world.control.applyTrainer({ jobId: world.seeded?.jobId ?? '' });

    const hire = await world.run([
      ...['api', '-X', 'POST', `/api/public/v1/proposals/${proposalId}/hire`],
      ...['-f', 'milestone[name]=First batch', '-F', 'milestone.amount=120'],
    ]);
    expect(hire.code).toBe(8);
    expect(await sentBody(world)).toEqual({ milestone: { name: 'First batch', amount: 120 } });
    const answer: Json = JSON.parse(hire.stdout);
    expect(answer.approval.status).toBe('pending');
    expect(hire.stderr).toContain(`Approval URL: ${world.url}/approvals/${answer.approval.id}`);
  });
});

describe('opentrain api: the Platform API', () => {
  it('calls /api/partner/v1 with the platform token from the environment only', async () => {
    const world = await cliWorld({ scenario: 'annotation-platform' });
    const partnerToken = (world.seeded as Json).partnerToken as string;

    const missing = await world.run(['api', '/api/partner/v1/installs/current']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('needs an ot_ptk_… platform token');
    expect(missing.stderr).toContain('OPENTRAIN_PARTNER_TOKEN');
    expect(world.requests).toHaveLength(0);

    world.env.OPENTRAIN_PARTNER_TOKEN = partnerToken;
    const install = await world.run(['api', '/api/partner/v1/installs/current']);
    expect(install.code).toBe(0);
    expect(JSON.parse(install.stdout)).toEqual(expect.any(Object));
    expect(world.requests.at(-1)?.headers.get('authorization')).toBe(`Bearer ${partnerToken}`);

    const link = await world.run([
      ...['api', '-X', 'POST', '/api/partner/v1/project-links'],
      ...['-f', 'externalProjectId=proj-42', '-f', `jobId=${world.seeded?.jobId}`],
    ]);
    expect(link.code).toBe(0);
    expect(await sentBody(world)).toEqual({ externalProjectId: 'proj-42', jobId: world.seeded?.jobId });
    expect(link.stdout).toContain('proj-42');

    world.env.OPENTRAIN_PARTNER_TOKEN = 'ot_ptk_revoked_000000000000';
    const refused = await world.run(['api', '/api/partner/v1/installs/current']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^Error: 401 UNAUTHORIZED/);
    expect(refused.stderr).toContain('the API refused the platform token');

    expect(world.transcript.join('\n')).not.toContain(partnerToken.slice('ot_ptk_'.length));
  });

  it('saves the signing secret of a webhook it creates, since the API shows it only once', async () => {
    const world = await cliWorld({ scenario: 'annotation-platform' });
    world.env.OPENTRAIN_PARTNER_TOKEN = (world.seeded as Json).partnerToken as string;
    const created = await world.run([
      ...['api', '-X', 'POST', '/api/partner/v1/webhook-endpoints'],
      ...['-f', 'url=https://platform.example.com/hooks', '-f', 'eventTypes[]=contract.started'],
    ]);
    expect(created.code).toBe(0);
    const body: Json = JSON.parse(created.stdout);
    expect(body.secret).toBe('whsec_***');
    const file = join(world.configHome, 'opentrain', 'webhook-secrets', `${body.webhookEndpoint.id}.secret`);
    expect(created.stderr).toContain(`Signing secret saved to ${file} (the API shows it only once).`);
    const secret = (await readFile(file, 'utf8')).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9]/);
    expect(world.transcript.join('\n')).not.toContain(secret);

    const publicHook = await world.run([
      ...['api', '-X', 'POST', 'webhooks', '-f', 'url=https://example.com/hook', '-f', 'eventTypes[]=payment.pending'],
    ]);
    const hookId: string = JSON.parse(publicHook.stdout).webhook.id;
    expect(publicHook.stderr).toContain(`webhook-secrets/${hookId}.secret`);
  });
});

describe('opentrain api: refusals', () => {
  it('refuses a path no operation has, naming the closest operations (exit 2, nothing sent)', async () => {
    const world = await cliWorld();

    const unknown = await world.run(['api', '/api/public/v1/job/facets']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^Usage error: no operation of the API has the path \/api\/public\/v1\/job\/facets\./,
    );
    expect(unknown.stderr).toContain('Closest operations:');
    expect(unknown.stderr).toMatch(/^ {2}GET +\/api\/public\/v1\/jobs\/facets +Count open jobs by facet$/m);

    const wrongMethod = await world.run(['api', '-X', 'DELETE', '/api/public/v1/jobs/facets']);
    expect(wrongMethod.code).toBe(2);
    expect(wrongMethod.stderr).toContain('/api/public/v1/jobs/facets has no DELETE operation; pass -X with one of:');

    const noBody = await world.run(['api', '/api/public/v1/jobs/job_1/publish', '-f', 'now=true']);
    expect(noBody.code).toBe(2);
    expect(noBody.stderr).toContain('POST /api/public/v1/jobs/{jobId}/publish takes no request body');

    const badMethod = await world.run(['api', '-X', 'FETCH', '/api/public/v1/jobs/facets']);
    expect(badMethod.code).toBe(2);
    expect(badMethod.stderr).toContain('Expected one of: GET, POST, PUT, PATCH, DELETE.');

    const badField = await world.run(['api', '-X', 'POST', '/api/public/v1/tokens', '-f', 'name']);
    expect([badField.code, badField.stderr]).toEqual([
      2,
      'Usage error: -f name: expected key=value, e.g. -f name=ci\n',
    ]);

    expect(world.requests).toHaveLength(0);
  });

  it('refuses a full URL on another origin and a token in a header (exit 2, nothing sent)', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });

    const foreign = await world.run(['api', 'https://elsewhere.example.com/api/public/v1/jobs/facets']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain(
      `Usage error: https://elsewhere.example.com/api/public/v1/jobs/facets is not on the API's base URL ${world.url}`,
    );

    const header = await world.run(['api', '/api/public/v1/auth/me', '-H', 'Authorization: Bearer ot_pat_abc123']);
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('The token is never given on the command line');
    expect(header.stderr).not.toContain('abc123');

    expect(world.requests).toHaveLength(0);
  });

  it('names the field the request schema refuses (exit 2, nothing sent)', async () => {
    const world = await cliWorld({ scenario: 'claimed-employer' });

    const badScope = await world.run(['api', '-X', 'POST', '/api/public/v1/tokens', '-f', 'scopes[]=jobs:delete']);
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toMatch(/^Usage error: body\.scopes\.0: .*jobs:read/);

    // -F makes 123 a number, which a name is not.
    const typedName = await world.run(['api', '-X', 'POST', '/api/public/v1/tokens', '-F', 'name=123']);
    expect(typedName.code).toBe(2);
    expect(typedName.stderr).toMatch(/^Usage error: body\.name: /);

    expect(world.requests).toHaveLength(0);
  });

  it('reports a 404 like every command: exit 1 with the status, code and request id', async () => {
    const world = await cliWorld({ scenario: 'open-job' });

    const missing = await world.run(['api', '/api/public/v1/proposals/prp_missing/interview']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(
      /^Error: 404 NOT_FOUND: .*\(GET \/api\/public\/v1\/proposals\/prp_missing\/interview, request id \S+\)$/m,
    );
  });
});
