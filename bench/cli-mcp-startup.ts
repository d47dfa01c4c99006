// Start-up of the two binaries, each in fresh Node processes, against a bare baseline timed in the same run: the CLI
// against `node -e ""`, the MCP server against a server with no tools on the same MCP SDK.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RunningSandbox, startSandbox } from '@opentrain-ai/sandbox';
// The MCP SDK is a dependency of the MCP package only, so the client comes from that package's install.
import { Client } from '../packages/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js';
import { StdioClientTransport } from '../packages/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/client/stdio.js';
import { buildBinary } from './lib/build-binary.js';
import { isEntryScript, ms, printTable, times } from './lib/format.js';
import type { BenchOutcome } from './lib/outcome.js';
import { median } from './lib/stats.js';

const RUNS = 15;
/** A child that has not answered by then is stuck, not slow. */
const CHILD_TIMEOUT_MS = 20_000;

const packageDir = (name: string): string => fileURLToPath(new URL(`../packages/${name}/`, import.meta.url));
const CLI_DIR = packageDir('cli');
const MCP_DIR = packageDir('mcp');

// The baseline server: the same MCP SDK classes and transport as the real one, with an empty tool list.
const MINIMAL_MCP_SERVER = `
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const server = new Server({ name: 'minimal', version: '0.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
await server.connect(new StdioServerTransport());
`;

interface Subject {
  name: string;
  /** Starts a fresh process, checks its answer and returns the milliseconds from spawn to that answer. */
  time: () => Promise<number>;
}

interface Group {
  title: string;
  /** The first subject is the baseline. */
  subjects: Subject[];
}

/** The parent's environment without OpenTrain credentials or base URLs, plus `extra`. */
function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('OPENTRAIN_') && !name.startsWith('OT_')) env[name] = value;
  }
  return { ...env, ...extra };
}

const runFile = promisify(execFile);

/** Runs `node ...args` to its exit; `check` throws when the output is not what the command should print. */
function nodeProcess(args: string[], env: Record<string, string>, check: (stdout: string) => void) {
  return async (): Promise<number> => {
    const started = performance.now();
    const { stdout } = await runFile(process.execPath, args, { env, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
    const elapsed = performance.now() - started;
    check(stdout);
    return elapsed;
  };
}

/**
 * Spawns an MCP server over stdio and waits for its `tools/list` answer, after `initialize` as a host does it.
 * The client's own parsing of the answer is part of the time: a host pays it too.
 */
function mcpSession(script: string, env: Record<string, string>, check: (toolCount: number) => void) {
  return async (): Promise<number> => {
    const client = new Client({ name: 'opentrain-bench', version: '0.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [script], env, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    try {
      const started = performance.now();
      await client.connect(transport, { timeout: CHILD_TIMEOUT_MS });
      const { tools } = await client.listTools(undefined, { timeout: CHILD_TIMEOUT_MS });
      const elapsed = performance.now() - started;
      check(tools.length);
      return elapsed;
    } catch (error) {
      // The server's stderr says why it stopped; the client only sees the connection close.
      throw stderr ? new Error(`${String(error)}\nserver stderr:\n${stderr}`) : error;
    } finally {
      await client.close();
    }
  };
}

function printed(expected: string): (stdout: string) => void {
  return (stdout) => {
    if (stdout !== expected) throw new Error(`printed ${JSON.stringify(stdout)}, expected ${JSON.stringify(expected)}`);
  };
}

function printedJobs(stdout: string): void {
  const body: unknown = JSON.parse(stdout);
  const jobs = typeof body === 'object' && body !== null && 'jobs' in body ? body.jobs : undefined;
  if (!Array.isArray(jobs) || jobs.length === 0) throw new Error(`jobs search --json printed no jobs: ${stdout}`);
}

function listed(expected: 'none' | 'some'): (toolCount: number) => void {
  return (toolCount) => {
    if ((toolCount === 0) !== (expected === 'none')) throw new Error(`listed ${toolCount} tools, expected ${expected}`);
  };
}

/** Each subject's name in its errors, so a failure says which command broke. */
function named(name: string, time: () => Promise<number>): Subject {
  return {
    name,
    time: () =>
      time().catch((error: unknown) => {
        throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }),
  };
}

function cliGroup(bin: string, baseUrl: string, env: Record<string, string>): Group {
  const { version } = JSON.parse(readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')) as { version: string };
  const search = [bin, 'jobs', 'search', '--json', '--base-url', baseUrl];
  return {
    title: 'CLI: spawn to exit',
    subjects: [
      named('node -e "" (baseline)', nodeProcess(['-e', ''], env, printed(''))),
      named('opentrain --version', nodeProcess([bin, '--version'], env, printed(`${version}\n`))),
      named('opentrain jobs search --json', nodeProcess(search, env, printedJobs)),
    ],
  };
}

function mcpGroup(bin: string, baselineBin: string, env: Record<string, string>): Group {
  return {
    title: 'MCP server over stdio: spawn to the tools/list answer',
    subjects: [
      named('server with no tools (baseline)', mcpSession(baselineBin, env, listed('none'))),
      named('opentrain-mcp, every tool', mcpSession(bin, env, listed('some'))),
    ],
  };
}

/** Every subject's run times and their median, group by group. */
async function timeAll(groups: readonly Group[]): Promise<{ samples: number[]; median: number }[][]> {
  const subjects = groups.flatMap((group) => group.subjects);
  // One untimed run each fills the OS file cache; the runs then alternate so machine load hits all alike.
  for (const subject of subjects) await subject.time();
  const samples = new Map(subjects.map((subject) => [subject, [] as number[]]));
  for (let run = 0; run < RUNS; run++) {
    for (const subject of subjects) samples.get(subject)?.push(await subject.time());
  }
  return groups.map((group) =>
    group.subjects.map((subject) => {
      const own = samples.get(subject) ?? [];
      return { samples: own, median: median(own) };
    }),
  );
}

export async function runCliMcpStartup(): Promise<BenchOutcome> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'opentrain-bench-cli-mcp-'));
  let sandbox: RunningSandbox | undefined;
  try {
    const baselineSource = path.join(workDir, 'minimal-mcp-server.js');
    writeFileSync(baselineSource, MINIMAL_MCP_SERVER);
    const [cliBin, mcpBin, baselineBin] = await Promise.all([
      buildBinary({ entry: path.join(CLI_DIR, 'src/bin.ts'), outDir: path.join(workDir, 'cli') }),
      buildBinary({ entry: path.join(MCP_DIR, 'src/bin.ts'), outDir: path.join(workDir, 'mcp') }),
      buildBinary({
        entry: baselineSource,
        outDir: path.join(workDir, 'minimal-mcp'),
        nodePaths: [path.join(MCP_DIR, 'node_modules')],
      }),
    ]);

    sandbox = await startSandbox();
    await sandbox.sandbox.control.seed('open-job');
    const env = childEnv({ XDG_CONFIG_HOME: path.join(workDir, 'config') });
    const groups = [cliGroup(cliBin, sandbox.url, env), mcpGroup(mcpBin, baselineBin, env)];
    const results = await timeAll(groups);

    console.log(`Start-up of the built binaries in fresh Node ${process.version} processes, median of ${RUNS} runs`);
    for (const [groupIndex, group] of groups.entries()) {
      const own = results[groupIndex] ?? [];
      const baseline = own[0]?.median ?? Number.NaN;
      console.log(`\n${group.title}\n`);
      printTable(
        ['command', 'median', 'min', 'max', 'added', 'vs baseline'],
        group.subjects.map((subject, index) => {
          const { samples = [], median: value = Number.NaN } = own[index] ?? {};
          return [
            subject.name,
            ms(value),
            ms(Math.min(...samples)),
            ms(Math.max(...samples)),
            index === 0 ? '' : `${value >= baseline ? '+' : ''}${ms(value - baseline)}`,
            index === 0 ? '' : times(value / baseline),
          ];
        }),
      );
    }

    const [bareNode = Number.NaN, version = Number.NaN, search = Number.NaN] = results[0]?.map((r) => r.median) ?? [];
    const [noTools = Number.NaN, mcp = Number.NaN] = results[1]?.map((r) => r.median) ?? [];
    return {
      ok: true,
      summary: [
        `opentrain --version takes ${ms(version)} (${times(version / bareNode)} a bare Node start of ${ms(bareNode)}), ` +
          `jobs search --json ${ms(search)} (${times(search / bareNode)})`,
        `opentrain-mcp answers tools/list ${ms(mcp)} after spawn, ${times(mcp / noTools)} a server with no tools ` +
          `(${ms(noTools)})`,
      ],
    };
  } finally {
    await sandbox?.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (isEntryScript(import.meta.url)) await runCliMcpStartup();
