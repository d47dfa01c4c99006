import {
  APIError,
  AuthenticationError,
  MissingTokenError,
  OpenTrainError,
  PermissionDeniedError,
  redact,
  WaitTimeoutError,
} from '@opentrain-ai/sdk';
import { CommanderError } from 'commander';
import { ExitWith, UsageError } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { type CliContext, writeLine } from './io.js';

const LOG_IN_HINT =
  "Run 'opentrain auth register' for a new agent account, 'opentrain auth login --api-key <token>' for a token " +
  'minted in the app, or set OPENTRAIN_API_TOKEN.';

/** Which API answered: the Platform API's tokens come from a customer connecting an app, not from logging in. */
export type ApiName = 'public' | 'partner';

export const PARTNER_TOKEN_HINT =
  'Set OPENTRAIN_PARTNER_TOKEN (or OT_PARTNER_TOKEN) to the ot_ptk_… token the customer received when connecting ' +
  'the app; a lost or revoked token means connecting the app again.';

const REFUSED_TOKEN: Record<ApiName, string> = {
  public: `Authentication needed: the API refused the token. ${LOG_IN_HINT}`,
  partner: `Authentication needed: the API refused the platform token. ${PARTNER_TOKEN_HINT}`,
};

const GRANT_SCOPES: Record<ApiName, string> = {
  public: 'a human can mint a token that has it in the app (Settings → API keys).',
  partner: 'the customer must connect the app again, granting it.',
};

/** What to do about a 403, from its details. */
function permissionHints(error: PermissionDeniedError, api: ApiName): string[] {
  const hints: string[] = [];
  if (error.claimRequired) {
    hints.push(
      `This account must be claimed by a human first${error.claimUrl ? ` (claim page: ${error.claimUrl})` : ''}. ` +
        "Run 'opentrain auth claim --email <owner email>', then 'opentrain auth claim-status --wait'.",
    );
  }
  if (error.missingScopes.length > 0) {
    hints.push(
      `The token lacks the scope${error.missingScopes.length > 1 ? 's' : ''} ${error.missingScopes.join(', ')}; ` +
        GRANT_SCOPES[api],
    );
  }
  if (error.featureKey) hints.push(`The feature ${error.featureKey} is turned off for this account.`);
  return hints;
}

/** Prints an API error with its details and what to do about it; returns the exit code (4 for a 401, else 1). */
export function reportApiError(ctx: CliContext, error: APIError, api: ApiName = 'public'): ExitCodeValue {
  writeLine(ctx.stderr, `Error: ${error.message}`);
  if (error.details && Object.keys(error.details).length > 0) {
    writeLine(ctx.stderr, `Details: ${redact(JSON.stringify(error.details))}`);
  }
  if (error instanceof PermissionDeniedError) {
    for (const hint of permissionHints(error, api)) writeLine(ctx.stderr, hint);
  }
  if (error instanceof AuthenticationError) {
    writeLine(ctx.stderr, REFUSED_TOKEN[api]);
    return ExitCode.authNeeded;
  }
  return ExitCode.error;
}

/** Commander has already printed its message (help, version, or a usage error); only the exit code is left. */
function commanderExit(ctx: CliContext, error: CommanderError): ExitCodeValue {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
  // A group run without a subcommand: commander printed the group's help on stderr.
  if (error.code === 'commander.help') writeLine(ctx.stderr, 'Usage error: choose one of the commands listed above.');
  return ExitCode.usage;
}

/** Prints what went wrong on stderr and returns the exit code. Never prints a token. */
export function reportError(ctx: CliContext, error: unknown): ExitCodeValue {
  if (error instanceof CommanderError) return commanderExit(ctx, error);
  if (error instanceof ExitWith) {
    if (error.message) writeLine(ctx.stderr, error.message);
    return error.code;
  }
  if (error instanceof UsageError) {
    writeLine(ctx.stderr, `Usage error: ${error.message}`);
    return ExitCode.usage;
  }
  if (error instanceof MissingTokenError) {
    writeLine(ctx.stderr, `Authentication needed: no API token is set or saved. ${LOG_IN_HINT}`);
    return ExitCode.authNeeded;
  }
  if (error instanceof WaitTimeoutError) {
    writeLine(ctx.stderr, `Still pending: ${error.message}`);
    return ExitCode.pending;
  }
  if (error instanceof APIError) return reportApiError(ctx, error);
  // Connection failures, timeouts, an unreadable credentials file: the SDK's message says which and is redacted.
  const message = error instanceof Error ? error.message : String(error);
  writeLine(ctx.stderr, `Error: ${error instanceof OpenTrainError ? message : redact(message)}`);
  return ExitCode.error;
}
