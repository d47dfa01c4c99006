import { saveWebhookSecret } from '@opentrain-ai/sdk/node';
import { operationsById } from '@opentrain-ai/sdk/operations';
import { type Command, Option } from 'commander';
import { type CliContext, writeLine } from '../../io.js';
import { formatObject } from '../../output/format.js';
import { maskToken } from '../../output/mask.js';
import { printJson, printLines } from '../../output/print.js';
import { isPlainObject } from '../../plain-object.js';
import { credentialsFile } from '../../session.js';
import { operationCommand } from '../operation-command.js';

/**
 * `opentrain webhooks create`: the flags come from the operation. The signing secret is returned only once and the
 * CLI never prints secrets, so it is written to a file (mode 0600) and only its location is shown.
 */
export function webhookCreateCommand(parent: Command, ctx: CliContext): Command {
  return operationCommand(parent, 'create', operationsById.createWebhook, ctx, {
    extraOptions: [
      new Option(
        '--secret-file <path>',
        'Where to save the signing secret (default: webhook-secrets/<id>.secret next to the credentials file)',
      ),
    ],
    present: async (data, values, globals) => {
      const answer = isPlainObject(data) ? data : {};
      const webhook = isPlainObject(answer.webhook) ? answer.webhook : {};
      const secret = typeof answer.secret === 'string' ? answer.secret : undefined;
      let secretFile: string | undefined;
      if (secret) {
        // Without --secret-file: webhook-secrets/<id>.secret next to the credentials file, readable by you only.
        secretFile = await saveWebhookSecret(String(webhook.id), secret, {
          path: typeof values.secretFile === 'string' ? values.secretFile : undefined,
          credentialsPath: credentialsFile(ctx),
        });
      }
      const shown = { ...answer, secret: maskToken(secret), secretFile };
      if (globals.json) return printJson(ctx.stdout, shown);
      printLines(ctx.stdout, formatObject({ webhook }));
      if (secretFile) writeLine(ctx.stdout, `Signing secret saved to ${secretFile} (the API shows it only once).`);
    },
  });
}
