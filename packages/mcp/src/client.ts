import { type LogLevel, OpenTrain } from '@opentrain-ai/sdk';
import type { RuntimeContext } from './context.js';

export interface Connection {
  /** `undefined` makes a client that sends no token (enough for tokenless operations). */
  apiToken: string | undefined;
  baseUrl: string;
}

const LOG_LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error', 'off'] satisfies LogLevel[];

/** `OPENTRAIN_LOG` from the server's environment (which need not be `process.env`); else the SDK's own default. */
function logLevelOf(context: RuntimeContext): LogLevel | undefined {
  const level = context.env.OPENTRAIN_LOG?.trim().toLowerCase();
  return level !== undefined && LOG_LEVELS.includes(level) ? (level as LogLevel) : undefined;
}

/** An SDK client for one tool call: the SDK is the only way this server talks to OpenTrain. */
export function openClient(context: RuntimeContext, connection: Connection): OpenTrain {
  return new OpenTrain({
    apiKey: connection.apiToken ?? null,
    baseUrl: connection.baseUrl,
    fetch: context.fetch,
    sleep: context.sleep,
    logger: context.logger,
    logLevel: logLevelOf(context),
    timeoutMs: context.timeoutMs,
    totalTimeoutMs: context.totalTimeoutMs,
  });
}
