import { AuthenticationError } from '@opentrain-ai/sdk';
import { writeCredentials } from '@opentrain-ai/sdk/node';
import { type Command, Option } from 'commander';
import { ExitWith, UsageError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import type { CliContext } from '../../io.js';
import { formatValue } from '../../output/format.js';
import { printJson, printLines } from '../../output/print.js';
import { credentialsFile, openSession } from '../../session.js';
import { addGlobalOptions, globalsOf } from '../global-options.js';
import { warnIfEnvTokenWins } from './notices.js';

/** `opentrain auth login --api-key`: checks a token minted in the app against auth/me, then saves it. */
export function loginCommand(parent: Command, ctx: CliContext): Command {
  const command = parent
    .command('login')
    .description('Save an API token minted in the app (Settings → API keys) after checking it')
    .option('--api-key <token>', 'The ot_pat_… token (alias: --token) (required)')
    .addOption(new Option('--token <token>').hideHelp());
  addGlobalOptions(command);

  command.action(async (flags: { apiKey?: string; token?: string }) => {
    const apiKey = flags.apiKey ?? flags.token;
    if (!apiKey) throw new UsageError('missing required flag --api-key <token>');
    const globals = globalsOf(command);
    const { client, credentials } = await openSession(ctx, globals, apiKey);
    const me = await client.auth.me().catch((error: unknown) => {
      if (error instanceof AuthenticationError) {
        throw new ExitWith(
          ExitCode.authNeeded,
          `Error: ${error.message}\nThe API refused this token; nothing was saved.`,
        );
      }
      throw error;
    });
    const path = credentialsFile(ctx);
    await writeCredentials({ apiToken: apiKey, baseUrl: credentials.baseUrl }, { path });
    if (globals.json) {
      printJson(ctx.stdout, { ...me, credentialsPath: path });
    } else {
      // The token is saved once the API accepted it; a summary of an answer missing fields shows what there is.
      const { actor, token } = me ?? {};
      const who = actor?.fullName ?? actor?.email ?? actor?.userId ?? 'an unnamed user';
      printLines(ctx.stdout, [
        `Logged in as ${who}${actor?.email ? ` <${actor.email}>` : ''} with the token "${token?.label ?? '-'}".`,
        `Scopes: ${formatValue(token?.scopes)}`,
        `Saved to ${path}.`,
      ]);
    }
    // resolveCredentials saw the flag first; the variables still win for every later command.
    const fromEnv = await openSession(ctx, globals);
    warnIfEnvTokenWins(ctx, fromEnv.credentials);
  });
  return command;
}
