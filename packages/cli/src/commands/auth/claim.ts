import { readCredentials } from '@opentrain-ai/sdk/node';
import { operationInputs } from '@opentrain-ai/sdk/operations';
import type { Command } from 'commander';
import { failure, UsageError } from '../../errors.js';
import { addFieldFlags, fieldFlags, paramsFromFlags } from '../../flags/field-flags.js';
import { withFlagErrors } from '../../flags/flag-errors.js';
import type { CliContext } from '../../io.js';
import { printJson, printLines } from '../../output/print.js';
import { credentialsFile, openSession } from '../../session.js';
import { addGlobalOptions, globalsOf } from '../global-options.js';

/** The saved claim token, or the one given; a claim cannot start without one. */
export async function claimTokenFor(ctx: CliContext, given: unknown): Promise<string> {
  if (typeof given === 'string' && given !== '') return given;
  const saved = await readCredentials({ path: credentialsFile(ctx) });
  if (saved?.claimToken) return saved.claimToken;
  throw new UsageError(
    "no claim token: pass --claim-token, or run 'opentrain auth register' first (only accounts an agent registered are claimed)",
  );
}

/** `opentrain auth claim --email`: asks the human owner to claim the account; flags come from the operation. */
export function claimCommand(parent: Command, ctx: CliContext): Command {
  const inputs = operationInputs.startClaim;
  // The claim token is required on the wire, but the CLI takes the saved one when the flag is left out.
  const flags = fieldFlags(inputs.fields.map((field) => ({ ...field, required: field.name !== 'claim_token' })));
  for (const flag of flags) {
    if (flag.field.name === 'claim_token') flag.option.description += ' (default: the saved one)';
  }
  const command = addFieldFlags(
    parent.command('claim').description('Ask the human owner to claim this agent account (sends them a claim link)'),
    flags,
  );
  addGlobalOptions(command);

  command.action((values: Record<string, unknown>) =>
    withFlagErrors(flags, async () => {
      const globals = globalsOf(command);
      const { body } = paramsFromFlags(flags, values, true);
      const claimToken = await claimTokenFor(ctx, body?.claim_token);
      const email = String(body?.email);
      const { client } = await openSession(ctx, globals);
      const attempt = await client.agent.startClaim({ claim_token: claimToken, email });
      if (globals.json) return printJson(ctx.stdout, attempt);
      if (typeof attempt?.verification_uri !== 'string' || typeof attempt.user_code !== 'string') {
        throw failure("the API's answer has no claim link or code to give the human; run this command again.");
      }
      const validFor =
        typeof attempt.expires_in === 'number' ? `   (valid for ${Math.round(attempt.expires_in / 60)} min)` : '';
      printLines(ctx.stdout, [
        `Claim started for ${email}.`,
        `The human opens:  ${attempt.verification_uri}`,
        `and enters code:  ${attempt.user_code}${validFor}`,
        attempt.email_sent
          ? `OpenTrain emailed the link to ${email}.`
          : 'No email was sent: give the link and the code to the human yourself.',
        'Then run: opentrain auth claim-status --wait',
      ]);
    }),
  );
  return command;
}
