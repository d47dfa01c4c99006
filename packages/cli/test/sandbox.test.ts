import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@opentrain-ai/sandbox';
import { OpenTrain } from '@opentrain-ai/sdk';
import { operationsById } from '@opentrain-ai/sdk/operations';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/io.js';
import { runCli } from '../src/run.js';
import { type CliRun, type Json, localContext } from './support.js';

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/**
 * Starts `opentrain sandbox` in process. It runs until the injected stop request, which the test makes with `stop()`;
 * `untilStopped` being called tells the test it is listening and has printed everything.
 */
async function startCliSandbox(args: string[]) {
  let listening: () => void = () => {};
  let requestStop: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    listening = resolve;
  });
  const stopRequested = new Promise<void>((resolve) => {
    requestStop = resolve;
  });
  const { ctx, stdout, stderr } = localContext({
    untilStopped: () => {
      listening();
      return stopRequested;
    },
  });
  const exit = runCli(['sandbox', ...args], ctx);
  const ended = await Promise.race([started.then(() => false), exit.then(() => true)]);
  if (ended) throw new Error(`opentrain sandbox ended early: ${stderr()}`);
  const stop = async (): Promise<CliRun> => {
    requestStop();
    return { code: await exit, stdout: stdout(), stderr: stderr() };
  };
  cleanups.push(stop);
  return { url: stdout().split('\n')[0] ?? '', stdout, stderr, stop };
}

/** A run that must end by itself (an error before the sandbox listens). */
async function runToEnd(args: string[], extra: Partial<CliContext> = {}): Promise<CliRun> {
  const { ctx, stdout, stderr } = localContext({
    untilStopped: () => Promise.reject(new Error('the sandbox started, but this run expected an error')),
    ...extra,
  });
  const code = await runCli(args, ctx);
  return { code, stdout: stdout(), stderr: stderr() };
}

async function temporaryFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'opentrain-sandbox-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

async function cli(args: string[]): Promise<CliRun> {
  const { ctx, stdout, stderr } = localContext();
  const code = await runCli(args, ctx);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('opentrain sandbox', () => {
  it('serves the API on the printed URL, says how to point the CLI at it, and stops when asked', async () => {
    const sandbox = await startCliSandbox(['--port', '0', '--scenario', 'open-job']);
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.stdout()).toBe(`${sandbox.url}\n`);
    expect(sandbox.stderr()).toContain(`--base-url ${sandbox.url}`);
    expect(sandbox.stderr()).toContain(`export OPENTRAIN_API_BASE_URL=${sandbox.url}`);
    expect(sandbox.stderr()).toMatch(/^Seeded open-job: accountId \S+, jobId job_\w+\.$/m);
    expect(sandbox.stderr()).toContain(`${sandbox.url}/employer-settings?tab=api-keys&accountId=`);
    // The scenario's token exists but is never printed, not even masked.
    expect(sandbox.stderr()).not.toContain('ot_pat_');

    const client = new OpenTrain({ baseUrl: sandbox.url, apiKey: 'ot_pat_unused' });
    const facets = await client.request(operationsById.getJobFacets, {});
    expect(facets).toMatchObject({ totalJobs: 1 });

    const jobId = sandbox.stderr().match(/jobId (job_\w+)/)?.[1];
    const search = await cli(['jobs', 'search', '--base-url', sandbox.url, '--json']);
    expect(search.code).toBe(0);
    expect((JSON.parse(search.stdout) as Json).jobs.map((job: Json) => job.id)).toEqual([jobId]);

    const stopped = await sandbox.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stderr.trimEnd().split('\n').at(-1)).toBe('Sandbox stopped.');
    await expect(fetch(`${sandbox.url}/api/public/v1/jobs/facets`)).rejects.toThrow();
  });

  it('keeps its state in the --state file across runs', async () => {
    const stateFile = join(await temporaryFolder(), 'sandbox-state.json');
    const first = await startCliSandbox(['--port', '0', '--state', stateFile, '--scenario', 'open-job']);
    expect(first.stderr()).toContain(`(state saved in ${stateFile})`);
    expect((await first.stop()).code).toBe(0);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toHaveProperty('jobs');

    const second = await startCliSandbox(['--port', '0', '--state', stateFile]);
    const search = await cli(['jobs', 'search', '--base-url', second.url, '--json']);
    expect((JSON.parse(search.stdout) as Json).jobs).toHaveLength(1);
    expect((await second.stop()).code).toBe(0);
  });

  it('reports a state file it cannot save on stderr and keeps serving', async () => {
    const folder = await temporaryFolder();
    const sandbox = await startCliSandbox(['--port', '0', '--state', join(folder, 'state.json')]);
    await rm(folder, { recursive: true, force: true });
    const seeded = await fetch(`${sandbox.url}/_sandbox/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'open-job' }),
    });
    expect(seeded.status).toBe(500);
    expect(sandbox.stderr()).toMatch(/^Sandbox error: ENOENT: no such file or directory, open '.*state\.json.*'$/m);

    const facets = await fetch(`${sandbox.url}/api/public/v1/jobs/facets`);
    expect(facets.status).toBe(200);
    expect((await sandbox.stop()).code).toBe(0);
  });

  it('refuses a bad --port, --scenario or --state as a usage error, before listening', async () => {
    const text = await runToEnd(['sandbox', '--port', 'http']);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("Usage error: option '--port <number>' argument 'http' is invalid.");

    // The range is the sandbox's own check.
    const range = await runToEnd(['sandbox', '--port', '70000']);
    expect([range.code, range.stderr]).toEqual([
      2,
      'Usage error: port must be an integer from 0 to 65535, got 70000\n',
    ]);

    const scenario = await runToEnd(['sandbox', '--scenario', 'busy-marketplace']);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toContain(
      "argument 'busy-marketplace' is invalid. Allowed choices are empty, unclaimed-agent",
    );

    const stateFile = join(await temporaryFolder(), 'broken.json');
    await writeFile(stateFile, '{"accounts": ');
    const state = await runToEnd(['sandbox', '--port', '0', '--state', stateFile]);
    expect(state.code).toBe(2);
    expect(state.stderr).toContain(`Usage error: The sandbox state file ${stateFile} is not a valid sandbox state`);
  });

  it('says so when the port is taken', async () => {
    const other = await startSandbox();
    cleanups.push(() => other.close());
    const port = new URL(other.url).port;
    const taken = await runToEnd(['sandbox', '--port', port]);
    expect([taken.code, taken.stderr]).toEqual([
      1,
      `Error: port ${port} is already in use; choose another with --port (0 picks a free one)\n`,
    ]);
  });
});

describe('opentrain sandbox without the sandbox package', () => {
  const notFound = (specifier: string) =>
    Object.assign(new Error(`Cannot find package '${specifier}' imported from /usr/lib/node_modules/cli/dist/bin.js`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });

  it('tells the user how to install it', async () => {
    const missing = await runToEnd(['sandbox'], {
      importSandbox: () => Promise.reject(notFound('@opentrain-ai/sandbox')),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      "Error: 'opentrain sandbox' runs the @opentrain-ai/sandbox package, which is not installed. " +
        'Install it with: npm install -g @opentrain-ai/sandbox\n',
    );
  });

  it('does not blame the sandbox package for a module missing inside it', async () => {
    const broken = await runToEnd(['sandbox'], { importSandbox: () => Promise.reject(notFound('hono')) });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("Error: Cannot find package 'hono'");
    expect(broken.stderr).not.toContain('npm install');
  });
});
