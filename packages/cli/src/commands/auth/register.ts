import { readCredentials, writeCredentials } from '@opentrain-ai/sdk/node';
import { type Command, Option } from 'commander';
import { failure } from '../../errors.js';
import type { CliContext } from '../../io.js';
import { formatValue } from '../../output/format.js';
import { maskToken } from '../../output/mask.js';
import { printJson, printLines } from '../../output/print.js';
import { credentialsFile, openSession } from '../../session.js';
import { addGlobalOptions, globalsOf } from '../global-options.js';
import { warnIfEnvTokenWins } from './notices.js';

interface RegisterFlags {
  agentName?: string;
  name?: string;
  orgName?: string;
  organizationName?: string;
  force?: boolean;
}

/** `opentrain auth register`: a new agent account, no credentials needed; its tokens are saved, never shown. */
export function registerCommand(parent: Command, ctx: CliContext): Command {
  const command = parent
    .command('register')
    .description('Create an agent account (no credentials needed) and save its tokens')
    .option('--agent-name <name>', 'Name of this agent, shown to the human on the claim page (alias: --name)')
    .addOption(new Option('--name <name>').hideHelp())
    .option(
      '--org-name <name>',
      'Name of the employer organization created with the account (alias: --organization-name)',
    )
    .addOption(new Option('--organization-name <name>').hideHelp())
    .option('--force', 'Replace credentials that are already saved (the old token is not revoked)');
  addGlobalOptions(command);

  command.action(async (flags: RegisterFlags) => {
    const globals = globalsOf(command);
    const path = credentialsFile(ctx);
    // Without --force an account that is already saved is never replaced.
    const saved = flags.force ? undefined : await readCredentials({ path });
    if (saved?.apiToken || saved?.claimToken) {
      throw failure(
        `credentials are already saved in ${path}. Pass --force to replace them with a new account, or run 'opentrain auth logout' first.`,
      );
    }
    const { client, credentials } = await openSession(ctx, globals);
    const registration = await client.agent.register({
      identity_type: 'anonymous',
      agent_name: flags.agentName ?? flags.name,
      organization_name: flags.orgName ?? flags.organizationName,
    });
    // A malformed answer must not replace saved credentials with a file that holds no token.
    if (typeof registration?.access_token !== 'string' || registration.access_token === '') {
      throw failure(`the API's answer to the registration has no access token; nothing was saved to ${path}.`);
    }
    await writeCredentials(
      { apiToken: registration.access_token, claimToken: registration.claim_token, baseUrl: credentials.baseUrl },
      { path },
    );

    const result = {
      ...registration,
      access_token: maskToken(registration.access_token),
      claim_token: maskToken(registration.claim_token),
      credentialsPath: path,
    };
    if (globals.json) {
      printJson(ctx.stdout, result);
    } else {
      printLines(ctx.stdout, [
        `Registered a new agent account (registration ${registration.registration_id}).`,
        `Saved to ${path}: API token ${result.access_token}, claim token ${result.claim_token}.`,
        `Scopes: ${formatValue(registration.scopes)}`,
        `The claim window closes at ${registration.claim_token_expires_at}.`,
        'Next: ask your human for their email address, then run: opentrain auth claim --email <their email>',
      ]);
    }
    warnIfEnvTokenWins(ctx, credentials);
  });
  return command;
}
