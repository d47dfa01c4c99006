import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, test } from 'vitest';
import { createServer, ToolSelectionError } from '../src/index.js';
import { parseCommandLine, UsageError } from '../src/options.js';
import { mcpWorld } from './support.js';

describe('read-only mode', () => {
  test('lists only read-only tools and refuses the others without sending anything', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env', server: { readOnly: true } });
    const { tools } = await world.client.listTools();
    expect(tools).toHaveLength(20);
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((tool) => tool.name)).not.toContain('opentrain_register_agent');

    const refused = await world.call('opentrain_close_job', { jobId: 'job_1' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('read-only mode');
    expect(refused.structured.error).toMatchObject({ type: 'tool_disabled', tool: 'opentrain_close_job' });
    expect(world.apiRequests()).toHaveLength(0);

    const allowed = await world.call('opentrain_list_jobs');
    expect(allowed.isError).toBe(false);
  });

  test('a tool list narrows the set, and read-only removes writes from it', async () => {
    const world = await mcpWorld({
      server: { readOnly: true, tools: ['opentrain_search_jobs', 'opentrain_publish_job'] },
    });
    const { tools } = await world.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['opentrain_search_jobs']);
    const other = await world.call('opentrain_get_team');
    expect(other.isError).toBe(true);
    expect(other.text).toContain('--tools list');
  });

  test('a name that is no tool at all is a protocol error', async () => {
    const world = await mcpWorld();
    await expect(world.client.callTool({ name: 'opentrain_launch_rocket', arguments: {} })).rejects.toThrow(McpError);
  });

  test('unknown names in the tool list stop the server from starting', () => {
    expect(() => createServer({ tools: ['opentrain_list_jobs', 'opentrain_fly', 'list_jobs'] })).toThrow(
      ToolSelectionError,
    );
    expect(() => createServer({ tools: ['opentrain_fly', 'list_jobs'] })).toThrow(
      'Unknown tool names in the tool list: opentrain_fly, list_jobs.',
    );
  });
});

describe('command line', () => {
  test('reads --read-only, --tools and --help', () => {
    expect(parseCommandLine([], {})).toEqual({ help: false, readOnly: false, tools: undefined });
    expect(parseCommandLine(['--read-only'], {}).readOnly).toBe(true);
    expect(parseCommandLine(['--tools', 'opentrain_list_jobs, opentrain_get_job'], {}).tools).toEqual([
      'opentrain_list_jobs',
      'opentrain_get_job',
    ]);
    expect(parseCommandLine(['--tools=opentrain_list_jobs'], {}).tools).toEqual(['opentrain_list_jobs']);
    expect(parseCommandLine(['-h'], {}).help).toBe(true);
  });

  test('OPENTRAIN_MCP_READ_ONLY=1 turns read-only mode on', () => {
    expect(parseCommandLine([], { OPENTRAIN_MCP_READ_ONLY: '1' }).readOnly).toBe(true);
    expect(parseCommandLine([], { OPENTRAIN_MCP_READ_ONLY: 'true' }).readOnly).toBe(true);
    expect(parseCommandLine([], { OPENTRAIN_MCP_READ_ONLY: '0' }).readOnly).toBe(false);
  });

  test('mistakes are usage errors that say what was wrong', () => {
    expect(() => parseCommandLine(['--read-onyl'], {})).toThrow(UsageError);
    expect(() => parseCommandLine(['--read-onyl'], {})).toThrow("'--read-onyl'");
    expect(() => parseCommandLine(['--tools', ' , '], {})).toThrow('--tools needs a comma-separated list');
    expect(() => parseCommandLine(['--tools'], {})).toThrow(UsageError);
  });
});

describe('credentials', () => {
  test('OPENTRAIN_PERSONAL_API_TOKEN wins outright: the credentials file is not even read', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    await mkdir(dirname(world.credentialsFile), { recursive: true });
    await writeFile(world.credentialsFile, 'not json at all');
    const me = await world.call('opentrain_auth_status');
    expect(me.isError).toBe(false);
    expect(world.apiRequests().at(-1)?.authorization).toBe(`Bearer ${world.seeded.token}`);
  });

  test('without the variable, an unreadable credentials file is reported with its path', async () => {
    const world = await mcpWorld();
    await mkdir(dirname(world.credentialsFile), { recursive: true });
    await writeFile(world.credentialsFile, 'not json at all');
    const me = await world.call('opentrain_auth_status');
    expect(me.isError).toBe(true);
    expect(me.structured.error).toMatchObject({ type: 'credentials_file_error', path: world.credentialsFile });
    expect(me.text).toContain('is not valid JSON');
  });

  test('registering with the variable set still saves the file, but calls keep using the variable', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env' });
    const registered = await world.call('opentrain_register_agent', { agentName: 'Second agent' });
    expect(registered.isError).toBe(false);
    expect(registered.text).toContain('OPENTRAIN_PERSONAL_API_TOKEN is set, so the tools keep using that token');
    const saved = await world.savedCredentials();
    expect(saved.apiToken).toMatch(/^ot_pat_./);
    expect(saved.apiToken).not.toBe(world.seeded.token);

    await world.call('opentrain_auth_status');
    expect(world.apiRequests().at(-1)?.authorization).toBe(`Bearer ${world.seeded.token}`);
  });

  test('registering again is refused while credentials are saved, and force replaces them', async () => {
    const world = await mcpWorld();
    await world.call('opentrain_register_agent', {});
    const first = await world.savedCredentials();

    const refused = await world.call('opentrain_register_agent', { agentName: 'Again' });
    expect(refused.isError).toBe(true);
    expect(refused.structured.error).toMatchObject({
      type: 'credentials_exist',
      credentialsPath: world.credentialsFile,
    });
    expect(refused.text).toContain('force: true');
    expect(await world.savedCredentials()).toEqual(first);
    expect(world.apiRequests()).toHaveLength(1);

    const replaced = await world.call('opentrain_register_agent', { force: true });
    expect(replaced.isError).toBe(false);
    expect(replaced.text).toContain('replacing the credentials saved before');
    const second = await world.savedCredentials();
    expect(second.apiToken).not.toBe(first.apiToken);
    expect(second.claimToken).not.toBe(first.claimToken);
  });

  test('OPENTRAIN_LOG in the server environment sets the log level, and the log lines carry no token', async () => {
    const quiet = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'env', env: { OPENTRAIN_LOG: 'off' } });
    await quiet.call('opentrain_auth_status');
    expect(quiet.logs).toHaveLength(0);

    const chatty = await mcpWorld({
      scenario: 'claimed-employer',
      scenarioToken: 'env',
      env: { OPENTRAIN_LOG: 'debug' },
    });
    await chatty.call('opentrain_auth_status');
    expect(chatty.logs.map((line) => line.message).join('\n')).toContain('/api/public/v1/auth/me');
    expect(JSON.stringify(chatty.logs)).not.toContain(chatty.seeded.token);
  });

  test('the claim tools need a claim token, saved or given', async () => {
    const world = await mcpWorld({ scenario: 'claimed-employer', scenarioToken: 'file' });
    const status = await world.call('opentrain_claim_status');
    expect(status.isError).toBe(true);
    expect(status.structured.error).toMatchObject({ type: 'missing_claim_token' });
    expect(status.text).toContain('opentrain_auth_status');
    expect(world.apiRequests()).toHaveLength(0);
  });
});
