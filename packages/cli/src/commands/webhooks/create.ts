import { operationsById } from '@opentrain-ai/sdk/operations';
import { type Command, Option } from 'commander';
import { type CliContext, writeLine } from '../../io.js';
import { formatObject } from '../../output/format.js';
import { maskToken } from '../../output/mask.js';
import { printJson, printLines } from '../../output/print.js';
import { isPlainObject } from '../../plain-object.js';
import { operationCommand } from '../operation-command.js';
import { parseSecretFile, saveSigningSecret, signingSecretIn } from './secret.js';

/**
 * `opentrain webhooks create`: the flags come from the operation. The signing secret is returned only once and the
 * CLI never prints secrets, so it is written to a file (mode 0600) and only its location is shown.
 */
export function webhookCreateCommand(parent: Command, ctx: CliContext): Command {
  return operationCommand(parent, 'create', operationsById.createWebhook, ctx, {
    extraOptions: [
      new Option(
        '--secret-file <path>',
        'Where to save the signing secret, a file that does not exist yet (default: webhook-secrets/<id>.secret next to the credentials file)',
      ).argParser(parseSecretFile),
    ],
    present: async (data, values, globals) => {
      const answer = isPlainObject(data) ? data : {};
      const webhook = isPlainObject(answer.webhook) ? answer.webhook : {};
      const found = signingSecretIn(answer);
      const secretFile = found
        ? await saveSigningSecret(
            ctx,
            found,
            `run opentrain webhooks delete --webhook-id ${found.webhookId}`,
            typeof values.secretFile === 'string' ? values.secretFile : undefined,
          )
        : undefined;
      const shown = { ...answer, secret: maskToken(found?.secret), secretFile };
      if (globals.json) return printJson(ctx.stdout, shown);
      printLines(ctx.stdout, formatObject({ webhook }));
      if (secretFile) writeLine(ctx.stdout, `Signing secret saved to ${secretFile} (the API shows it only once).`);
    },
  });
}
