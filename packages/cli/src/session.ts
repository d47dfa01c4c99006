import { type ClientOptions, type Logger, type LogLevel, OpenTrain, OpenTrainPartner } from '@opentrain-ai/sdk';
// PARTNER_TOKEN_ENV: where the Platform API token (`ot_ptk_…`) comes from; it is never saved in the credentials file.
import {
  credentialsPath,
  PARTNER_TOKEN_ENV,
  type ResolvedCredentials,
  resolveCredentials,
} from '@opentrain-ai/sdk/node';
import { baseUrlProblem } from './base-url.js';
import type { GlobalOptions } from './commands/global-options.js';
import { UsageError } from './errors.js';
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

/** What every client of one invocation shares: the base URL, the injected fetch and clock, timeouts and logging. */
function clientOptions(ctx: CliContext, baseUrl: string): ClientOptions {
  return {
    baseUrl,
    fetch: ctx.fetch,
    sleep: ctx.sleep,
    now: ctx.now,
    timeoutMs: REQUEST_TIMEOUT_MS,
    logger: stderrLogger(ctx),
    logLevel: logLevel(ctx),
  };
}

export interface Session {
  client: OpenTrain;
  credentials: ResolvedCredentials;
}

/** A base URL from the environment or the saved file is checked like --base-url, naming where it came from. */
function checkedBaseUrl(credentials: ResolvedCredentials): string {
  const problem = baseUrlProblem(credentials.baseUrl);
  if (!problem) return credentials.baseUrl;
  const source = credentials.baseUrlSource;
  const where = source.startsWith('env:')
    ? source.slice(4)
    : source === 'file'
      ? `the baseUrl saved in ${credentials.path}`
      : '--base-url';
  throw new UsageError(`${where}: ${problem}`);
}

/** A client for one invocation. Token: OPENTRAIN_API_TOKEN / OT_API_TOKEN, then the saved file. */
export async function openSession(ctx: CliContext, globals: GlobalOptions, apiKey?: string): Promise<Session> {
  const credentials = await resolveCredentials({
    apiKey,
    baseUrl: globals.baseUrl,
    env: ctx.env,
    path: credentialsFile(ctx),
  });
  checkedBaseUrl(credentials);
  const client = new OpenTrain({ ...clientOptions(ctx, credentials.baseUrl), apiKey: credentials.apiToken ?? null });
  return { client, credentials };
}

export interface PartnerSession {
  client: OpenTrainPartner;
  /** Whether OPENTRAIN_PARTNER_TOKEN or OT_PARTNER_TOKEN is set. */
  hasToken: boolean;
}

/**
 * A Platform API client: the token from OPENTRAIN_PARTNER_TOKEN / OT_PARTNER_TOKEN of the context's environment
 * only (a saved `ot_pat_…` token is never sent there), the base URL as for every command.
 */
export async function openPartnerSession(ctx: CliContext, globals: GlobalOptions): Promise<PartnerSession> {
  const credentials = await resolveCredentials({
    baseUrl: globals.baseUrl,
    env: ctx.env,
    path: credentialsFile(ctx),
    tokenEnv: PARTNER_TOKEN_ENV,
  });
  checkedBaseUrl(credentials);
  const token = credentials.apiTokenSource?.startsWith('env:') ? credentials.apiToken : undefined;
  const client = new OpenTrainPartner({ ...clientOptions(ctx, credentials.baseUrl), apiKey: token ?? null });
  return { client, hasToken: token !== undefined };
}

/** The base URL of this invocation: --base-url, then the environment, then the saved file, then production. */
export async function resolvedBaseUrl(ctx: CliContext, globals: GlobalOptions): Promise<string> {
  const credentials = await resolveCredentials({ baseUrl: globals.baseUrl, env: ctx.env, path: credentialsFile(ctx) });
  return checkedBaseUrl(credentials);
}
