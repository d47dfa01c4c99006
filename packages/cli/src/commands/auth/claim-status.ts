import { type ClaimedToken, OAuthError, type OpenTrain, WaitTimeoutError } from '@opentrain-ai/sdk';
import { readCredentials, writeCredentials } from '@opentrain-ai/sdk/node';
import type { Command } from 'commander';
import { ExitWith, failure } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { withFlagErrors } from '../../flags/flag-errors.js';
import { type CliContext, writeLine } from '../../io.js';
import { formatValue } from '../../output/format.js';
import { maskToken } from '../../output/mask.js';
import { printJson, printLines } from '../../output/print.js';
import { credentialsFile, openSession } from '../../session.js';
import { timeoutOption } from '../approval.js';
import { addGlobalOptions, globalsOf } from '../global-options.js';
import { claimTokenFor } from './claim.js';
import { warnIfEnvTokenWins } from './notices.js';

interface ClaimStatusFlags {
  wait?: boolean;
  timeout: number;
  claimToken?: string;
}

// The one grant type the token endpoint takes; the generated request type rejects any other value at compile time.
const CLAIM_GRANT_TYPE = 'urn:opentrain:agent-auth:grant-type:claim';

/** What a single check prints when the claim is not complete yet; any other refusal is an error. */
const NOT_YET: Readonly<Record<string, string>> = {
  authorization_pending: 'Claim pending: the human has not finished yet. Run again with --wait to wait.',
  slow_down:
    'Not checked: the last check was too recent, so the server asked to slow down. Try again in a little while, ' +
    'or run with --wait, which keeps the pace the server asks for.',
};

/** One check of the claim; a claim still in progress prints its status and ends with exit 8. */
async function checkOnce(ctx: CliContext, client: OpenTrain, claimToken: string, json?: boolean) {
  try {
    return await client.agent.exchangeClaim({ grant_type: CLAIM_GRANT_TYPE, claim_token: claimToken });
  } catch (error) {
    const notYet = error instanceof OAuthError ? NOT_YET[error.error] : undefined;
    if (!(error instanceof OAuthError) || notYet === undefined) throw error;
    if (json) printJson(ctx.stdout, { claimed: false, status: error.error });
    else writeLine(ctx.stdout, notYet);
    throw new ExitWith(ExitCode.pending);
  }
}

/** Checks until the claim completes; at the timeout a script reading --json still gets the last status. */
async function waitForClaim(
  ctx: CliContext,
  client: OpenTrain,
  claimToken: string,
  flags: ClaimStatusFlags,
  json?: boolean,
) {
  writeLine(ctx.stderr, `Waiting up to ${flags.timeout} s for the human to complete the claim…`);
  try {
    return await client.agent.waitForClaim({
      claimToken,
      timeoutMs: flags.timeout * 1000,
      onPoll: () => {
        if (ctx.stderrIsTTY) writeLine(ctx.stderr, 'Still waiting for the human…');
      },
    });
  } catch (error) {
    if (json && error instanceof WaitTimeoutError) {
      printJson(ctx.stdout, { claimed: false, status: error.lastStatus ?? 'authorization_pending' });
    }
    throw error;
  }
}

/**
 * `opentrain auth claim-status`: once the human has claimed the account, swaps the saved pre-claim token for the
 * post-claim one. Without `--wait` it checks once; a claim still in progress ends with exit 8.
 */
export function claimStatusCommand(parent: Command, ctx: CliContext): Command {
  const command = parent
    .command('claim-status')
    .description('Check whether the human has claimed the account; on success the saved token is upgraded')
    .option('--wait', 'Keep checking (at the pace the server asks for) until the claim completes')
    .addOption(timeoutOption())
    .option('--claim-token <token>', 'The claim token from registration (default: the saved one)');
  addGlobalOptions(command);

  command.action((flags: ClaimStatusFlags) =>
    withFlagErrors(
      [],
      async () => {
        const globals = globalsOf(command);
        const claimToken = await claimTokenFor(ctx, flags.claimToken);
        const { client, credentials } = await openSession(ctx, globals);
        const claimed = flags.wait
          ? await waitForClaim(ctx, client, claimToken, flags, globals.json)
          : await checkOnce(ctx, client, claimToken, globals.json);
        const path = await saveClaimedToken(ctx, claimed, credentials.baseUrl);
        const token = maskToken(claimed.access_token);
        if (globals.json) {
          printJson(ctx.stdout, { claimed: true, ...claimed, access_token: token, credentialsPath: path });
        } else {
          printLines(ctx.stdout, [
            'Claimed: a human now owns this account.',
            `Saved the post-claim token ${token} to ${path} (the pre-claim token no longer works).`,
            `Scopes: ${formatValue(claimed.scopes)}`,
          ]);
        }
        warnIfEnvTokenWins(ctx, credentials);
      },
      { 'body.claim_token': '--claim-token' },
    ),
  );
  return command;
}

/** Replaces the saved credentials with the post-claim token: the claim token is spent, the pre-claim token revoked. */
async function saveClaimedToken(ctx: CliContext, claimed: ClaimedToken, baseUrl: string): Promise<string> {
  const path = credentialsFile(ctx);
  // A malformed answer must not overwrite what is saved.
  if (typeof claimed?.access_token !== 'string' || claimed.access_token === '') {
    throw failure(`the API confirmed the claim but sent no token; ${path} was left as it was.`);
  }
  const saved = await readCredentials({ path });
  await writeCredentials({ baseUrl: saved?.baseUrl ?? baseUrl, apiToken: claimed.access_token }, { path });
  return path;
}
