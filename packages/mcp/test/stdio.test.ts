import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fixedClock, startSandbox } from '@opentrain-ai/sandbox';
import { afterEach, expect, test } from 'vitest';
import { START } from './support.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = ['tsx', '--tsconfig', 'tsconfig.json', 'packages/mcp/src/bin.ts'];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** The parent's environment without any OpenTrain token, plus the given variables. */
function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('OPENTRAIN_') && !name.startsWith('OT_')) env[name] = value;
  }
  return { ...env, ...extra };
}

test('the stdio server lists the tools and runs a call', async () => {
  const sandbox = await startSandbox({ clock: fixedClock(START) });
  const configHome = await mkdtemp(join(tmpdir(), 'opentrain-mcp-stdio-'));
  const transport = new StdioClientTransport({
    command: 'npx',
    args: BIN,
    cwd: REPO_ROOT,
    env: childEnv({ XDG_CONFIG_HOME: configHome, OPENTRAIN_API_BASE_URL: sandbox.url }),
    stderr: 'pipe',
  });
  const client = new Client({ name: 'opentrain-mcp-stdio-test', version: '1.0.0' });
  cleanups.push(async () => {
    await client.close();
    await sandbox.close();
    await rm(configHome, { recursive: true, force: true });
  });
  await client.connect(transport);

  expect(client.getServerVersion()?.name).toBe('opentrain');
  const { tools } = await client.listTools();
  expect(tools).toHaveLength(41);

  const registered = await client.callTool({ name: 'opentrain_register_agent', arguments: { agentName: 'Stdio' } });
  expect(registered.isError).toBeFalsy();
  const saved = JSON.parse(await readFile(join(configHome, 'opentrain', 'cli.json'), 'utf8'));
  expect(saved.baseUrl).toBe(sandbox.url);
  expect(JSON.stringify(registered)).not.toContain(saved.apiToken);

  const me = await client.callTool({ name: 'opentrain_auth_status', arguments: {} });
  expect(me.isError).toBeFalsy();
  expect((me.structuredContent as { account: { claimed: boolean } }).account.claimed).toBe(false);
});

test('an unknown name in --tools stops the server at start with the name in the message', async () => {
  const run = promisify(execFile)('npx', [...BIN, '--tools', 'opentrain_list_jobs,opentrain_fly'], {
    cwd: REPO_ROOT,
    env: childEnv({}),
  });
  const failure = await run.then(
    () => undefined,
    (error: { code?: number; stderr?: string }) => error,
  );
  expect(failure?.code).toBe(2);
  expect(failure?.stderr).toContain('Unknown tool name in the tool list: opentrain_fly.');
});
