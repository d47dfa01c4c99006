// The same account through the other two faces: the `opentrain` CLI and the MCP server, both in process, both using
// the SDK underneath, sharing one credentials file as they do on a real machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../packages/cli/src/run.js';
// The MCP SDK is a dependency of packages/mcp only, so the client side is imported from there.
import { Client } from '../../packages/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js';
import { InMemoryTransport } from '../../packages/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/inMemory.js';
import { createServer } from '../../packages/mcp/src/index.js';
import type { Say } from './journey.js';

export interface FacesResult {
  /** What `opentrain jobs list` printed. */
  cliJobs: string;
  /** The status `opentrain_get_contract` reported. */
  mcpContractStatus: string;
}

/** Runs one CLI command in process and returns what it printed; a non-zero exit code is an error. */
async function cli(env: Record<string, string>, args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => '',
  });
  if (code !== 0) throw new Error(`opentrain ${args[0]} ${args[1] ?? ''} exited ${code}: ${err.join('').trim()}`);
  return out.join('');
}

export async function showFaces(
  baseUrl: string,
  agentToken: string,
  contractId: string,
  say: Say,
): Promise<FacesResult> {
  const configHome = await mkdtemp(join(tmpdir(), 'opentrain-demo-'));
  const env = { XDG_CONFIG_HOME: configHome, OPENTRAIN_API_BASE_URL: baseUrl };
  const client = new Client({ name: 'opentrain-demo', version: '1.0.0' });
  try {
    await cli(env, ['auth', 'login', '--api-key', agentToken]);
    const cliJobs = await cli(env, ['jobs', 'list']);
    say('The same account in the CLI: opentrain jobs list', cliJobs.trim().split('\n').join('\n    '));

    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([createServer({ env }).connect(serverSide), client.connect(clientSide)]);
    const result = await client.callTool({ name: 'opentrain_get_contract', arguments: { contractId } });
    const contract = (result.structuredContent as { contract?: { status?: string } } | undefined)?.contract;
    if (result.isError || !contract?.status) throw new Error('opentrain_get_contract did not return the contract');
    say('And through the MCP server: opentrain_get_contract', `contract ${contractId} is ${contract.status}`);
    return { cliJobs, mcpContractStatus: contract.status };
  } finally {
    await client.close();
    await rm(configHome, { recursive: true, force: true });
  }
}
