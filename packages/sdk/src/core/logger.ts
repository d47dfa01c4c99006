import { LOG_LEVEL_ENV, readEnv } from './env.js';
import { redact } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Structured facts that accompany a log line. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** Anything console-like works; the second argument carries the line's facts for structured loggers. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 50 };

function isLogLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && Object.hasOwn(RANK, value);
}

/** `logLevel` option, else `OPENTRAIN_LOG`, else `warn` (retries and failures only). */
export function resolveLogLevel(option: LogLevel | undefined): LogLevel {
  if (option) return option;
  const fromEnv = readEnv(LOG_LEVEL_ENV)?.toLowerCase();
  return isLogLevel(fromEnv) ? fromEnv : 'warn';
}

const consoleLogger: Logger = {
  // Only the line: console output stays readable, and the line already carries every field.
  debug: (message) => console.debug(message),
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/**
 * Wraps a logger so lines below `level` are dropped and every line and string field passes through `redact()`,
 * whatever the caller put in it.
 */
export function createLogger(level: LogLevel, target: Logger = consoleLogger): Logger {
  const emit =
    (method: Exclude<LogLevel, 'off'>) =>
    (message: string, fields?: LogFields): void => {
      if (RANK[method] < RANK[level]) return;
      target[method](redact(`[opentrain] ${message}`), fields && redactFields(fields));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function redactFields(fields: LogFields): LogFields {
  const safe: LogFields = {};
  for (const [key, value] of Object.entries(fields)) safe[key] = typeof value === 'string' ? redact(value) : value;
  return safe;
}
