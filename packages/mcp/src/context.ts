import type { FetchFunction, Logger, Sleep } from '@opentrain-ai/sdk';
import { credentialsPath, type Env } from '@opentrain-ai/sdk/node';

/** What the server takes from its surroundings; tests pass their own values and run everything in process. */
export interface ServerContext {
  /** Environment variables (default `process.env`). */
  env?: Env;
  /** The shared credentials file (default `${XDG_CONFIG_HOME:-~/.config}/opentrain/cli.json`). */
  credentialsPath?: string;
  /** A fetch to use instead of the global one. */
  fetch?: FetchFunction;
  /** The SDK's wait between retries; tests pass one that returns at once. */
  sleep?: Sleep;
  /** Where the SDK's request log lines go (default: stderr, because stdout carries the MCP protocol). */
  logger?: Logger;
  /** Limit for one HTTP attempt, in ms (default 30 s). */
  timeoutMs?: number;
  /** Limit for one tool call, retries included, in ms (default 50 s, inside the usual 60 s MCP request timeout). */
  totalTimeoutMs?: number;
}

/** The context with every default filled in. */
export interface RuntimeContext {
  env: Env;
  credentialsPath: string;
  fetch: FetchFunction | undefined;
  sleep: Sleep | undefined;
  logger: Logger;
  timeoutMs: number;
  totalTimeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_TOTAL_TIMEOUT_MS = 50_000;

const stderrLogger: Logger = {
  debug: (message) => process.stderr.write(`${message}\n`),
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
};

export function resolveContext(context: ServerContext = {}): RuntimeContext {
  const env = context.env ?? process.env;
  return {
    env,
    credentialsPath: context.credentialsPath ?? credentialsPath(env),
    fetch: context.fetch,
    sleep: context.sleep,
    logger: context.logger ?? stderrLogger,
    timeoutMs: context.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    totalTimeoutMs: context.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
  };
}
