import { readFile } from 'node:fs/promises';
import type * as SandboxPackage from '@opentrain-ai/sandbox';
import type { FetchFunction, Now, Sleep } from '@opentrain-ai/sdk';
import { UsageError } from './errors.js';

/** What `opentrain sandbox` uses of the optional `@opentrain-ai/sandbox` package. */
export type SandboxModule = Pick<typeof SandboxPackage, 'startSandbox'>;

/** Somewhere text goes: the process's stdout or stderr, or a buffer in tests. */
export interface Writer {
  write(text: string): unknown;
}

/**
 * Everything a command may touch outside itself. `bin.ts` builds it from `process`; tests build it by hand, so every
 * command runs in process with its output captured and its exit code returned instead of exiting.
 */
export interface CliContext {
  stdout: Writer;
  stderr: Writer;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether each stream is a terminal: progress lines are shown only to a person watching. */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The whole of standard input, for `--description-file -`. */
  readStdin(): Promise<string>;
  /**
   * Resolves when the user asks a command that runs until stopped (`opentrain sandbox`) to stop: Ctrl+C or SIGTERM.
   * Only such a command calls it, so every other command keeps the default behaviour of those signals. Without it,
   * such a command runs until the process ends.
   */
  untilStopped?(): Promise<void>;
  /** Loads the optional sandbox package; default: a dynamic import, so only `opentrain sandbox` needs it installed. */
  importSandbox?(): Promise<SandboxModule>;
  /** The credentials file; default `${XDG_CONFIG_HOME:-~/.config}/opentrain/cli.json` from `env`. */
  credentialsPath?: string;
  /** A fetch to use instead of the global one. */
  fetch?: FetchFunction;
  /** Waiting and clock for retries and `--wait`, so tests never wait in real time. */
  sleep?: Sleep;
  now?: Now;
}

/** Writes one line (a newline is added). */
export function writeLine(writer: Writer, text = ''): void {
  writer.write(`${text}\n`);
}

/** The text of a file, or standard input for `-`. A file that cannot be read is a usage error naming it. */
export async function readTextSource(ctx: CliContext, path: string, label: string): Promise<string> {
  if (path === '-') return ctx.readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${label}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
