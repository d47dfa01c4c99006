import { type ClaimedToken, OAuthError } from '@opentrain-ai/sdk';
import { readCredentials, writeCredentials } from '@opentrain-ai/sdk/node';
import { type Command, Option } from 'commander';
import { ExitWith } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { type CliContext, writeLine } from '../../io.js';
import { maskToken } from '../../output/mask.js';
import { printJson, printLines } from '../../output/print.js';
import { credentialsFile, openSession } from '../../session.js';
import { parseSeconds } from '../approval.js';
import { addGlobalOptions, globalsOf } from '../global-options.js';
import { claimTokenFor } from './claim.js';
import { warnIfEnvTokenWins } from './notices.js';

interface ClaimStatusFlags {
  wait?: boolean;
  timeout: number;
  claimToken?: string;
}

const DEFAULT_TIMEOUT_SECONDS = 1800;
const STILL_WAITING = new Set(['authorization_pending', 'slow_down']);

// The one grant type the token endpoint takes; the generated request type rejects any other value at compile time.
const CLAIM_GRANT_TYPE = 'urn:opentrain:agent-auth:grant-type:claim';

/**
 * `opentrain auth claim-status`: once the human has claimed the account, swaps the saved pre-claim token for the
 * post-claim one. Without `--wait` it checks once; a claim still in progress ends with exit 8.
 */
export function claimStatusCommand(parent: Command, ctx: CliContext): Command {
  const command = parent
    .command('claim-status')
    .description('Check whether the human has claimed the account; on success the saved token is upgraded')
    .option('--wait', 'Keep checking (at the pace the server asks for) until the claim completes')
    .addOption(
      new Option('--timeout <seconds>', 'With --wait: give up after this long (still pending: exit 8)')
        .argParser(parseSeconds)
        .default(DEFAULT_TIMEOUT_SECONDS),
    )
    .option('--claim-token <token>', 'The claim token from registration (default: the saved one)');
  addGlobalOptions(command);

  command.action(async (flags: ClaimStatusFlags) => {
    const globals = globalsOf(command);
    const claimToken = await claimTokenFor(ctx, flags.claimToken);
    const { client, credentials } = await openSession(ctx, globals);

    let claimed: ClaimedToken;
    if (flags.wait) {
      writeLine(ctx.stderr, `Waiting up to ${flags.timeout} s for the human to complete the claim…`);
      claimed = await client.agent.waitForClaim({
        claimToken,
        timeoutMs: flags.timeout * 1000,
        onPoll: () => {
          if (ctx.stderrIsTTY) writeLine(ctx.stderr, 'Still waiting for the human…');
        },
      });
    } else {
      try {
        claimed = await client.agent.exchangeClaim({ grant_type: CLAIM_GRANT_TYPE, claim_token: claimToken });
      } catch (error) {
        if (!(error instanceof OAuthError) || !STILL_WAITING.has(error.error)) throw error;
        if (globals.json) printJson(ctx.stdout, { claimed: false, status: error.error });
        else writeLine(ctx.stdout, 'Claim pending: the human has not finished yet. Run again with --wait to wait.');
        throw new ExitWith(ExitCode.pending);
      }
    }

    const path = credentialsFile(ctx);
    const saved = await readCredentials({ path });
    // The claim is complete: the claim token is spent and every pre-claim token was just revoked.
    await writeCredentials(
      { baseUrl: saved?.baseUrl ?? credentials.baseUrl, apiToken: claimed.access_token },
      { path },
    );
    const token = maskToken(claimed.access_token);
    if (globals.json) {
      printJson(ctx.stdout, { claimed: true, ...claimed, access_token: token, credentialsPath: path });
    } else {
      printLines(ctx.stdout, [
        'Claimed: a human now owns this account.',
        `Saved the post-claim token ${token} to ${path} (the pre-claim token no longer works).`,
        `Scopes: ${claimed.scopes.join(', ')}`,
      ]);
    }
    warnIfEnvTokenWins(ctx, credentials);
  });
  return command;
}
