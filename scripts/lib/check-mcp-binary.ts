// Starts a built MCP server binary over stdio, as an MCP host would, and lists its tools.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The MCP SDK is a dependency of packages/mcp only, so it is imported from there.
import { Client } from '../../packages/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js';
import { StdioClientTransport } from '../../packages/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/client/stdio.js';

/** The number of tools the binary at `binPath` lists; throws when it does not start or lists none. */
export async function checkMcpBinary(binPath: string): Promise<number> {
  const configHome = await mkdtemp(join(tmpdir(), 'opentrain-mcp-check-'));
  // No token and an empty config home: listing tools needs neither, and nothing of the machine's is read.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: configHome };
  const transport = new StdioClientTransport({ command: process.execPath, args: [binPath], env, stderr: 'pipe' });
  const client = new Client({ name: 'opentrain-package-check', version: '1.0.0' });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    if (tools.length === 0) throw new Error(`${binPath} listed no tools`);
    return tools.length;
  } finally {
    await client.close();
    await rm(configHome, { recursive: true, force: true });
  }
}
