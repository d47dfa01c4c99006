import { saveWebhookSecret } from '@opentrain-ai/sdk/node';
import { isObject } from '../results.js';
import type { AnswerHandler } from './operation-tool.js';

/**
 * `opentrain_create_webhook`: the signing secret comes back only once and never reaches the model, so it is saved to
 * `webhook-secrets/<id>.secret` next to the credentials file (mode 0600, as the CLI does) and the result says where.
 */
export const keepWebhookSecret: AnswerHandler = async (data, context) => {
  const webhook = isObject(data) && isObject(data.webhook) ? data.webhook : undefined;
  if (!isObject(data) || typeof data.secret !== 'string' || typeof webhook?.id !== 'string') return { data };
  const secretFile = await saveWebhookSecret(webhook.id, data.secret, { credentialsPath: context.credentialsPath });
  return {
    data: { ...data, secretFile },
    note:
      `The signing secret is shown only once; it was saved to ${secretFile} (readable by this user only). Give that ` +
      'file to the receiver that verifies the deliveries.',
  };
};
