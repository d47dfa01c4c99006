import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fixedClock, startSandbox } from '@opentrain-ai/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** The real binary, as a separate process: the streams, environment and exit code of bin.ts. */
async function opentrain(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      'npx',
      ['tsx', '--tsconfig', 'tsconfig.json', 'packages/cli/src/bin.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the opentrain binary', () => {
  let configHome = '';
  beforeAll(async () => {
    configHome = await mkdtemp(join(tmpdir(), 'opentrain-bin-'));
  });
  afterAll(async () => {
    await rm(configHome, { recursive: true, force: true });
  });

  it('prints its version', async () => {
    const result = await opentrain(['--version'], { XDG_CONFIG_HOME: configHome });
    expect(result).toEqual({ code: 0, stdout: '0.0.0\n', stderr: '' });
  });

  it('calls the API and exits with the documented code', async () => {
    const running = await startSandbox({ clock: fixedClock('2026-06-12T10:00:00.000Z') });
    try {
      await running.sandbox.control.seed('open-job');
      const env = {
        XDG_CONFIG_HOME: configHome,
        OPENTRAIN_API_BASE_URL: running.url,
        OPENTRAIN_API_TOKEN: 'ot_pat_revoked_Zx81nQ6dVtB0Lm2p',
      };
      const result = await opentrain(['jobs', 'list'], env);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^Error: 401 UNAUTHORIZED: .+GET \/api\/public\/v1\/jobs\/mine/);
      expect(result.stderr).not.toContain('Zx81nQ6dVtB0Lm2p');
    } finally {
      await running.close();
    }
  });

  // In process, a test injects the stop request; here bin.ts turns the real signals into it.
  it.each(['SIGINT', 'SIGTERM'] as const)('runs the sandbox until %s, then stops it and exits 0', async (signal) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/bin.ts', 'sandbox', '--port', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TSX_TSCONFIG_PATH: 'tsconfig.json' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // The prompt is printed once the signals are listened to.
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          if (stderr.includes('Press Ctrl+C to stop.')) resolve();
        });
        child.on('exit', () => reject(new Error(`opentrain sandbox exited early: ${stderr}`)));
      });
      const url = stdout.trim();
      const facets = await fetch(`${url}/api/public/v1/jobs/facets`);
      expect(facets.status).toBe(200);

      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stderr.trimEnd().split('\n').at(-1)).toBe('Sandbox stopped.');
      await expect(fetch(`${url}/api/public/v1/jobs/facets`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
