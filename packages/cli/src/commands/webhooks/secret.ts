import { existsSync } from 'node:fs';
import { saveWebhookSecret } from '@opentrain-ai/sdk/node';
import { InvalidArgumentError } from 'commander';
import { failure } from '../../errors.js';
import type { CliContext } from '../../io.js';
import { isPlainObject } from '../../plain-object.js';
import { credentialsFile } from '../../session.js';

// A webhook's signing secret (`whsec_…`) is in the answer that creates it and nowhere else, ever. The CLI never prints
// secrets, so it saves this one to a file readable by its owner only and shows where.

/** The signing secret of an answer that created a webhook, and that webhook's id. */
export interface SigningSecret {
  webhookId: string;
  secret: string;
}

/** `{ webhook: { id }, secret }` (Public API) or `{ webhookEndpoint: { id }, secret }` (Platform API). */
export function signingSecretIn(answer: unknown): SigningSecret | undefined {
  if (!isPlainObject(answer) || typeof answer.secret !== 'string' || answer.secret === '') return undefined;
  const webhook = Object.values(answer).find((value) => isPlainObject(value) && typeof value.id === 'string');
  return isPlainObject(webhook) ? { webhookId: String(webhook.id), secret: answer.secret } : undefined;
}

/** `--secret-file`: a file that exists may hold another webhook's secret, which would be lost, so it is refused. */
export function parseSecretFile(raw: string): string {
  if (raw.trim() === '') throw new InvalidArgumentError('Expected a file path.');
  if (existsSync(raw)) {
    throw new InvalidArgumentError(
      `${raw} already exists and may hold another webhook's signing secret; choose a new path, or delete it first.`,
    );
  }
  return raw;
}

/**
 * Saves the secret (to `path`, or `webhook-secrets/<id>.secret` next to the credentials file) and returns where.
 * When that fails the webhook exists already with a secret no one will see again, so the error says how to recover.
 */
export async function saveSigningSecret(
  ctx: CliContext,
  { webhookId, secret }: SigningSecret,
  recover: string,
  path?: string,
): Promise<string> {
  try {
    return await saveWebhookSecret(webhookId, secret, { path, credentialsPath: credentialsFile(ctx) });
  } catch (error) {
    throw failure(
      `webhook ${webhookId} was created, but its signing secret could not be saved ` +
        `(${error instanceof Error ? error.message : String(error)}). The API shows it only once: ${recover}, then ` +
        'create the webhook again.',
    );
  }
}
