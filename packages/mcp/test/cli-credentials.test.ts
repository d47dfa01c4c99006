// The CLI and the MCP server share one credentials file: an account registered with either is the other's too.
import { expect, test } from 'vitest';
import { runCli } from '../../cli/src/run.js';
import { type Json, mcpWorld } from './support.js';

/** Runs the CLI in process with the MCP world's environment; returns its exit code and stdout. */
async function cli(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string }> {
  const stdout: string[] = [];
  const code = await runCli(args, {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: () => {} },
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => '',
  });
  return { code, stdout: stdout.join('') };
}

test('an agent registered with the CLI is used by the MCP server, and a claim finished through MCP reaches the CLI', async () => {
  const world = await mcpWorld();
  const registered = await cli(world.env, ['auth', 'register', '--agent-name', 'Shared agent', '--json']);
  expect(registered.code).toBe(0);
  const cliStatus: Json = JSON.parse((await cli(world.env, ['auth', 'status', '--json'])).stdout);
  expect(cliStatus.account.organizationId).toEqual(expect.any(String));

  const me = await world.call('opentrain_auth_status');
  expect(me.isError).toBe(false);
  expect(me.structured.account).toMatchObject({ organizationId: cliStatus.account.organizationId, claimed: false });

  const claim = await world.call('opentrain_claim_account', { email: 'owner@example.com' });
  expect(claim.isError).toBe(false);
  const { claimToken } = await world.savedCredentials();
  await world.control('POST', '/claims/complete', { token: claimToken });
  expect((await world.call('opentrain_claim_status')).structured).toMatchObject({ claimed: true });

  const after: Json = JSON.parse((await cli(world.env, ['auth', 'status', '--json'])).stdout);
  expect(after.account).toMatchObject({ organizationId: cliStatus.account.organizationId, claimed: true });
});
