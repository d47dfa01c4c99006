import { dirname, join } from 'node:path';
import { credentialsPath, type Env } from './credentials-file.js';
import { writePrivateFile } from './private-file.js';

export interface WebhookSecretOptions {
  /** Where to write; default `webhookSecretPath(webhookId)`. */
  path?: string;
  /** The credentials file the default location sits next to; default `credentialsPath(env)`. */
  credentialsPath?: string;
  env?: Env;
}

/** `webhook-secrets/<webhookId>.secret` in the folder of the credentials file. */
export function webhookSecretPath(webhookId: string, options: Omit<WebhookSecretOptions, 'path'> = {}): string {
  if (!/^[A-Za-z0-9_-]+$/.test(webhookId)) {
    throw new TypeError(`webhookId must be letters, digits, _ or - to name a file, got ${JSON.stringify(webhookId)}`);
  }
  const credentials = options.credentialsPath ?? credentialsPath(options.env);
  return join(dirname(credentials), 'webhook-secrets', `${webhookId}.secret`);
}

/**
 * Saves a webhook's signing secret (`whsec_…`, shown by the API only when the webhook is created) to a file only its
 * owner can read, and returns the file's path. The CLI and the MCP server keep secrets here instead of printing them.
 */
export async function saveWebhookSecret(
  webhookId: string,
  secret: string,
  options: WebhookSecretOptions = {},
): Promise<string> {
  const path = options.path ?? webhookSecretPath(webhookId, options);
  await writePrivateFile(path, `${secret}\n`);
  return path;
}
