import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { callJson, register, startTestSandbox } from './support.js';

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

const stateDir = () => mkdtemp(join(tmpdir(), 'opentrain-sandbox-'));

describe('--state persistence', () => {
  it('keeps accounts, tokens and the id sequence across a restart', async () => {
    const file = join(await stateDir(), 'state.json');
    const first = await startTestSandbox({ stateFile: file });
    const { access_token, claim_token } = await register(first.url);
    await first.close();

    const second = await startTestSandbox({ stateFile: file });
    const me = await callJson(second.url, 'GET', '/api/public/v1/auth/me', { token: access_token });
    expect(me.status).toBe(200);
    const claim = await callJson(second.url, 'POST', '/api/agent/identity/claim', {
      body: { claim_token, email: 'owner@example.com' },
    });
    expect(claim.status).toBe(200);

    // A sandbox that never restarted produces exactly the same next ids and secrets.
    const control = await startTestSandbox();
    await register(control.url);
    const sameClaim = await callJson(control.url, 'POST', '/api/agent/identity/claim', {
      body: { claim_token, email: 'owner@example.com' },
    });
    expect(sameClaim.body.user_code).toBe(claim.body.user_code);
  });

  it('writes the file atomically, readable only by its owner, and leaves no temporary files', async () => {
    const dir = await stateDir();
    const file = join(dir, 'state.json');
    const running = await startTestSandbox({ stateFile: file });
    await Promise.all([register(running.url), register(running.url), register(running.url)]);

    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(saved.accounts)).toHaveLength(3);
    expect(await readdir(dir)).toEqual(['state.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('does not rewrite the file for requests that change nothing', async () => {
    const file = join(await stateDir(), 'state.json');
    const running = await startTestSandbox({ stateFile: file });
    await register(running.url);
    const before = await stat(file);
    await callJson(running.url, 'GET', '/.well-known/oauth-protected-resource');
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('refuses a corrupt state file with a message naming the file', async () => {
    const file = join(await stateDir(), 'state.json');
    await writeFile(file, '{"version": 1, "seed": ');
    await expect(startSandbox({ stateFile: file })).rejects.toThrow(`The sandbox state file ${file} is not a valid`);
    await writeFile(file, '{"version": 99}');
    await expect(startSandbox({ stateFile: file })).rejects.toThrow('expected "version": 1, got 99');
  });
});

describe('the opentrain-sandbox bin', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function launch(args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const firstLine = new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, firstLine, exited, stderr: () => stderr };
  }

  it('prints the base URL and serves the state file across a restart', async () => {
    const file = join(await stateDir(), 'state.json');
    const first = launch(['--port', '0', '--state', file]);
    const url = await first.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { access_token } = await register(url);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = launch(['--port', '0', '--state', file]);
    const secondUrl = await second.firstLine;
    const me = await callJson(secondUrl, 'GET', '/api/public/v1/auth/me', { token: access_token });
    expect(me.status).toBe(200);
    expect(second.stderr()).toContain(`state in ${file}`);
    expect(second.stderr()).not.toContain('ot_pat_');
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('rejects a bad flag with exit code 2 and a message naming it', async () => {
    const run = launch(['--port', 'eighty']);
    await expect(run.firstLine).rejects.toThrow('--port must be a whole number from 0 to 65535, got "eighty"');
    expect(await run.exited).toBe(2);
  });
});
