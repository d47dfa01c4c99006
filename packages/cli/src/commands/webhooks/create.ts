import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { operationsById } from '@opentrain-ai/sdk/schemas';
import { type Command, Option } from 'commander';
import { type CliContext, writeLine } from '../../io.js';
import { formatObject } from '../../output/format.js';
import { maskToken } from '../../output/mask.js';
import { printJson, printLines } from '../../output/print.js';
import { isPlainObject } from '../../plain-object.js';
import { credentialsFile } from '../../session.js';
import { operationCommand } from '../operation-command.js';

/** Where the secret goes when --secret-file is not given: next to the credentials file, readable by you only. */
function defaultSecretPath(ctx: CliContext, webhookId: string): string {
  return join(dirname(credentialsFile(ctx)), 'webhook-secrets', `${webhookId}.secret`);
}

async function saveSecret(path: string, secret: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  // The mode given to writeFile is narrowed by the umask and ignored for an existing file; set it exactly.
  await chmod(path, 0o600);
}

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
        secretFile =
          typeof values.secretFile === 'string' ? values.secretFile : defaultSecretPath(ctx, String(webhook.id));
        await saveSecret(secretFile, secret);
      }
      const shown = { ...answer, secret: maskToken(secret), secretFile };
      if (globals.json) return printJson(ctx.stdout, shown);
      printLines(ctx.stdout, formatObject({ webhook }));
      if (secretFile) writeLine(ctx.stdout, `Signing secret saved to ${secretFile} (the API shows it only once).`);
    },
  });
}
