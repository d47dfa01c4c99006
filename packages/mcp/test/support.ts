import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { fixedClock, type RunningSandbox, startSandbox } from '@opentrain-ai/sandbox';
import type { LogFields } from '@opentrain-ai/sdk';
import { writeCredentials } from '@opentrain-ai/sdk/node';
import { afterEach } from 'vitest';
import { createServer, type ServerOptions } from '../src/index.js';

export const START = '2026-06-12T10:00:00.000Z';

// biome-ignore lint/suspicious/noExplicitAny: tests read structured results directly and assert on them.
export type Json = any;

/** One tool result as a test reads it. */
export interface ToolOutcome {
  isError: boolean;
  /** Every text block, joined. */
  text: string;
  structured: Json;
}

/** A request the server put on the wire. */
export interface WireRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function jsonCall(url: string, method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await response.json();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(parsed)}`);
  return parsed;
}

export interface WorldOptions {
  /** Extra environment variables for the server (the sandbox URL and a temporary XDG_CONFIG_HOME are always set). */
  env?: Record<string, string>;
  server?: Omit<ServerOptions, 'env'>;
  /** A sandbox scenario to seed before the server starts. */
  scenario?: 'claimed-employer' | 'open-job';
  /** Where the scenario's token goes: `OPENTRAIN_PERSONAL_API_TOKEN`, or the credentials file (as a CLI login does). */
  scenarioToken?: 'env' | 'file';
}

/**
 * A sandbox on a loopback port, a temporary config home, and a real MCP client connected in memory to the server.
 * The server's retry waits return at once, and every request it sends is recorded.
 */
export async function mcpWorld(options: WorldOptions = {}) {
  const running: RunningSandbox = await startSandbox({ clock: fixedClock(START) });
  const configHome = await mkdtemp(join(tmpdir(), 'opentrain-mcp-test-'));
  const env: Record<string, string> = {
    XDG_CONFIG_HOME: configHome,
    OPENTRAIN_API_BASE_URL: running.url,
    ...options.env,
  };
  const credentialsFile = join(configHome, 'opentrain', 'cli.json');
  const seeded: { accountId?: string; token?: string; jobId?: string } = options.scenario
    ? await jsonCall(running.url, 'POST', '/_sandbox/seed', { scenario: options.scenario })
    : {};
  if (options.scenarioToken === 'env' && seeded.token) env.OPENTRAIN_PERSONAL_API_TOKEN = seeded.token;
  if (options.scenarioToken === 'file' && seeded.token) {
    await writeCredentials({ apiToken: seeded.token, baseUrl: running.url }, { path: credentialsFile });
  }
  const sent: WireRequest[] = [];
  const logs: { message: string; fields: LogFields | undefined }[] = [];
  const log = (message: string, fields?: LogFields) => logs.push({ message, fields });

  const server = createServer({
    env,
    sleep: async () => {},
    logger: { debug: log, info: log, warn: log, error: log },
    fetch: async (request) => {
      const body = request.body ? await request.clone().text() : '';
      const { pathname } = new URL(request.url);
      sent.push({ method: request.method, path: pathname, authorization: request.headers.get('authorization'), body });
      return fetch(request);
    },
    ...options.server,
  });
  const client = new Client({ name: 'opentrain-mcp-test', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  cleanups.push(async () => {
    await client.close();
    await running.close();
    await rm(configHome, { recursive: true, force: true });
  });

  const outcomes: ToolOutcome[] = [];

  return {
    url: running.url,
    sandbox: running.sandbox,
    client,
    env,
    seeded,
    configHome,
    credentialsFile,
    sent,
    logs,
    /** Every result a call returned so far, for checks across a whole flow. */
    outcomes,
    async call(name: string, args: Record<string, unknown> = {}): Promise<ToolOutcome> {
      const result = await client.callTool({ name, arguments: args });
      const content = (result.content ?? []) as { type: string; text?: string }[];
      const outcome = {
        isError: result.isError === true,
        text: content.map((block) => block.text ?? '').join('\n'),
        structured: result.structuredContent,
      };
      outcomes.push(outcome);
      return outcome;
    },
    /** The sandbox control plane over HTTP, as a test driving a running sandbox would use it. */
    control: (method: string, path: string, body?: unknown) => jsonCall(running.url, method, `/_sandbox${path}`, body),
    async savedCredentials(): Promise<Json> {
      return JSON.parse(await readFile(credentialsFile, 'utf8'));
    },
    /** Requests sent to OpenTrain API paths (control-plane calls of the test itself are not recorded). */
    apiRequests: () => sent.filter((request) => request.path.startsWith('/api/')),
  };
}

export type McpWorld = Awaited<ReturnType<typeof mcpWorld>>;
