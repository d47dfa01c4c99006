import { deleteCredentials, readCredentials } from '@opentrain-ai/sdk/node';
import type { Command } from 'commander';
import { type CliContext, writeLine } from '../../io.js';
import { printJson } from '../../output/print.js';
import { credentialsFile } from '../../session.js';
import { addGlobalOptions, globalsOf } from '../global-options.js';

/** `opentrain auth logout`: forgets the saved credentials. The token keeps working until it is revoked. */
export function logoutCommand(parent: Command, ctx: CliContext): Command {
  const command = parent
    .command('logout')
    .description('Delete the saved credentials file (the token is not revoked; use tokens revoke for that)');
  addGlobalOptions(command);

  command.action(async () => {
    const path = credentialsFile(ctx);
    // Reading first tells "removed" from "nothing to remove"; a file that cannot be parsed is removed all the same.
    const existed = await readCredentials({ path }).then(
      (saved) => saved !== undefined,
      () => true,
    );
    await deleteCredentials({ path });
    if (globalsOf(command).json) {
      printJson(ctx.stdout, { removed: existed, credentialsPath: path });
      return;
    }
    if (!existed) {
      writeLine(ctx.stdout, `No saved credentials at ${path}.`);
      return;
    }
    writeLine(ctx.stdout, `Removed ${path}.`);
    writeLine(
      ctx.stdout,
      'The token itself keeps working until it is revoked: revoke it in the app (Settings → API keys), or next ' +
        'time run opentrain tokens revoke --token-id <id> before logging out.',
    );
  });
  return command;
}
