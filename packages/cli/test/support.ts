import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, type RunningSandbox, type ScenarioName, startSandbox } from '@opentrain-ai/sandbox';
import type { Sleep } from '@opentrain-ai/sdk';
import { afterEach } from 'vitest';
import type { CliContext } from '../src/io.js';
import { runCli } from '../src/run.js';

export const START = '2026-06-12T10:00:00.000Z';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON output fields directly and assert on them.
export type Json = any;

export interface WorldOptions {
  /** Seed a scenario; its token is then in OPENTRAIN_API_TOKEN unless `tokenInEnv` is false. */
  scenario?: ScenarioName;
  tokenInEnv?: boolean;
}

/**
 * A sandbox on a loopback port with a frozen clock, a temporary XDG_CONFIG_HOME, and `run` to call the CLI in
 * process against them. Every wait of the CLI (retries, --wait polling) goes through `onSleep` and moves the sandbox
 * clock instead of passing real time. Everything printed is kept in `transcript` for the secrets check.
 */
export async function cliWorld(options: WorldOptions = {}) {
  const running: RunningSandbox = await startSandbox({ clock: fixedClock(START) });
  const configHome = await mkdtemp(join(tmpdir(), 'opentrain-cli-'));
  cleanups.push(
    () => running.close(),
    () => rm(configHome, { recursive: true, force: true }),
  );
  const seeded = options.scenario
    ? ((await running.sandbox.control.seed(options.scenario)) as { accountId: string; token: string; jobId?: string })
    : undefined;

  const env: Record<string, string | undefined> = { XDG_CONFIG_HOME: configHome, OPENTRAIN_API_BASE_URL: running.url };
  if (seeded && options.tokenInEnv !== false) env.OPENTRAIN_API_TOKEN = seeded.token;

  const transcript: string[] = [];
  const sleeps: number[] = [];
  const requests: Request[] = [];
  let onSleep: (ms: number) => Promise<void> = async () => {};

  // The CLI's clock moves only when it waits, so deadlines (--timeout) pass without real time passing.
  let clock = Date.parse(START);
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms);
    clock += ms;
    await running.sandbox.control.advanceClock(ms);
    await onSleep(ms);
  };

  async function run(args: string[], extra: Partial<CliContext> = {}): Promise<CliRun> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCli(args, {
      stdout: { write: (text: string) => stdout.push(text) },
      stderr: { write: (text: string) => stderr.push(text) },
      env,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      readStdin: async () => '',
      sleep,
      now: () => clock,
      fetch: async (request) => {
        requests.push(request.clone());
        return fetch(request);
      },
      ...extra,
    });
    const result = { code, stdout: stdout.join(''), stderr: stderr.join('') };
    transcript.push(result.stdout, result.stderr);
    return result;
  }

  return {
    url: running.url,
    sandbox: running.sandbox,
    control: running.sandbox.control,
    seeded,
    env,
    configHome,
    credentialsPath: join(configHome, 'opentrain', 'cli.json'),
    run,
    /** Runs the command with --json and parses what it printed. */
    async json(args: string[]): Promise<Json> {
      const result = await run([...args, '--json']);
      if (result.code !== 0) throw new Error(`opentrain ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout);
    },
    transcript,
    sleeps,
    requests,
    /** What to do on each wait of the CLI, after the sandbox clock has moved. */
    whenSleeping(action: (ms: number) => Promise<void>) {
      onSleep = action;
    },
    /** Calls the sandbox's HTTP control plane. */
    async controlCall(method: string, path: string, body?: unknown): Promise<Json> {
      const response = await fetch(`${running.url}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`control ${method} ${path} answered ${response.status}`);
      return response.json();
    },
  };
}

export type CliWorld = Awaited<ReturnType<typeof cliWorld>>;

/** A context with no API behind it that keeps what is printed, for the commands that call none. */
export function localContext(extra: Partial<CliContext> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const ctx: CliContext = {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => '',
    ...extra,
  };
  return { ctx, stdout: () => stdout.join(''), stderr: () => stderr.join('') };
}
