import type { ExitCodeValue } from './exit-codes.js';
import { ExitCode } from './exit-codes.js';

/** The command line is wrong (exit 2). The message names the flag and what was expected. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The command has printed its outcome and must end with this exit code: a pending approval (8), a declined one (1),
 * a claim still waiting for its human (8). `message`, when given, goes to stderr as it is.
 */
export class ExitWith extends Error {
  override name = 'ExitWith';
  readonly code: ExitCodeValue;

  constructor(code: ExitCodeValue, message = '') {
    super(message);
    this.code = code;
  }
}

/** Ends the command with exit 1 and an `Error: …` line. */
export function failure(message: string): ExitWith {
  return new ExitWith(ExitCode.error, `Error: ${message}`);
}
