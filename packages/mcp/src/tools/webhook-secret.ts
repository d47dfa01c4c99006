import { saveWebhookSecret } from '@opentrain-ai/sdk/node';
import { isObject } from '../results.js';
import type { AnswerHandler } from './operation-tool.js';

/**
 * `opentrain_create_webhook`: the signing secret comes back only once and never reaches the model, so it is saved to
 * `webhook-secrets/<id>.secret` next to the credentials file (mode 0600, as the CLI does) and the result says where.
 * When it cannot be saved the call still succeeded (the subscription exists), so the result says how to start over
 * instead of failing, which would invite a duplicate subscription.
 */
export const keepWebhookSecret: AnswerHandler = async (data, context) => {
  const webhook = isObject(data) && isObject(data.webhook) ? data.webhook : undefined;
  if (!isObject(data) || typeof data.secret !== 'string' || typeof webhook?.id !== 'string') return { data };
  let secretFile: string;
  try {
    secretFile = await saveWebhookSecret(webhook.id, data.secret, { credentialsPath: context.credentialsPath });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      data: { ...data, secretSaved: false },
      note:
        `The webhook ${webhook.id} was created, but its signing secret could not be saved (${reason}) and is never ` +
        'shown again: delete the webhook with opentrain_delete_webhook and create it anew once the problem is fixed.',
    };
  }
  return {
    data: { ...data, secretFile },
    note:
      `The signing secret is shown only once; it was saved to ${secretFile} (readable by this user only). Give that ` +
      'file to the receiver that verifies the deliveries.',
  };
};
