import { type Logger, type LogLevel, OpenTrain } from '@opentrain-ai/sdk';
import { credentialsPath, type ResolvedCredentials, resolveCredentials } from '@opentrain-ai/sdk/node';
import type { GlobalOptions } from './commands/global-options.js';
import { type CliContext, writeLine } from './io.js';

/** Per attempt, as the CLI documentation promises; GETs are retried by the SDK (3 attempts in all). */
const REQUEST_TIMEOUT_MS = 30_000;
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

export function credentialsFile(ctx: CliContext): string {
  return ctx.credentialsPath ?? credentialsPath(ctx.env);
}

/** Retry notices and, with OPENTRAIN_LOG=debug|info, one line per request, on stderr. */
function stderrLogger(ctx: CliContext): Logger {
  const line = (message: string) => writeLine(ctx.stderr, message);
  return { debug: line, info: line, warn: line, error: line };
}

function logLevel(ctx: CliContext): LogLevel {
  const wanted = ctx.env.OPENTRAIN_LOG?.trim().toLowerCase();
  return LOG_LEVELS.find((level) => level === wanted) ?? 'warn';
}

export interface Session {
  client: OpenTrain;
  credentials: ResolvedCredentials;
}

/** A client for one invocation. Token: OPENTRAIN_API_TOKEN / OT_API_TOKEN, then the saved file. */
export async function openSession(ctx: CliContext, globals: GlobalOptions, apiKey?: string): Promise<Session> {
  const credentials = await resolveCredentials({
    apiKey,
    baseUrl: globals.baseUrl,
    env: ctx.env,
    path: credentialsFile(ctx),
  });
  const client = new OpenTrain({
    apiKey: credentials.apiToken ?? null,
    baseUrl: credentials.baseUrl,
    fetch: ctx.fetch,
    sleep: ctx.sleep,
    now: ctx.now,
    timeoutMs: REQUEST_TIMEOUT_MS,
    logger: stderrLogger(ctx),
    logLevel: logLevel(ctx),
  });
  return { client, credentials };
}
