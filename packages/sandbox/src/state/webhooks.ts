import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { toIso } from './clock.js';
import { newId, randomSecret } from './random.js';
import type { WebhookSubscriptionRecord } from './records/sync.js';
import type { PlatformEvent, SandboxState, WebhookDelivery } from './types.js';
import type { EventType } from './updates.js';
import {
  type AttemptOutcome,
  disableDeliveryTarget,
  queueDelivery,
  recordDeliveryAttempt,
} from './webhook-deliveries.js';

/** At most this many subscriptions per account, active or disabled. */
export const WEBHOOK_CAP = 10;

export const DISABLED_REASON = 'Disabled after repeated delivery failures';

export const SECRET_NOTICE =
  'Store the secret now — it is only returned once. Use it to verify the X-OpenTrain-Signature header on deliveries.';

export interface NewWebhook {
  accountId: string;
  url: string;
  eventTypes: readonly EventType[];
}

export function createWebhook(state: SandboxState, input: NewWebhook, now: number): WebhookSubscriptionRecord {
  const webhook: WebhookSubscriptionRecord = {
    id: newId(state, 'whk'),
    accountId: input.accountId,
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    secret: `whsec_${randomSecret(state, 32)}`,
    createdAt: toIso(now),
    status: 'ACTIVE',
    disabledAt: null,
    disabledReason: null,
  };
  state.webhooks[webhook.id] = webhook;
  return webhook;
}

/** Newest first; subscriptions created in the same millisecond keep their reverse creation order. */
export function accountWebhooks(state: SandboxState, accountId: string): WebhookSubscriptionRecord[] {
  return Object.values(state.webhooks)
    .filter((webhook) => webhook.accountId === accountId)
    .reverse()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The subscription if it belongs to the account; another account's is reported exactly like a missing one. */
export function findAccountWebhook(
  state: SandboxState,
  accountId: string,
  webhookId: string,
): WebhookSubscriptionRecord | undefined {
  const webhook = state.webhooks[webhookId];
  return webhook?.accountId === accountId ? webhook : undefined;
}

/** Deleting stops deliveries at once and removes the subscription's delivery history. */
export function deleteWebhook(state: SandboxState, webhook: WebhookSubscriptionRecord): void {
  delete state.webhooks[webhook.id];
  state.webhookDeliveries = state.webhookDeliveries.filter((delivery) => delivery.webhookId !== webhook.id);
}

/** The public record: never the secret. */
export function webhookView(webhook: WebhookSubscriptionRecord): PublicComponents['schemas']['Webhook'] {
  return {
    id: webhook.id,
    url: webhook.url,
    eventTypes: [...webhook.eventTypes],
    status: webhook.status,
    createdAt: webhook.createdAt,
    disabledAt: webhook.disabledAt,
    disabledReason: webhook.disabledReason,
  };
}

/**
 * Queues one delivery per active subscription of the event's account that listens to its type. Called for every
 * appended event, so a subscription only ever receives events that happened after it was created.
 */
export function enqueueDeliveries(state: SandboxState, event: PlatformEvent): void {
  for (const webhook of Object.values(state.webhooks)) {
    if (webhook.accountId !== event.accountId || webhook.status !== 'ACTIVE') continue;
    if (!webhook.eventTypes.includes(event.type)) continue;
    queueDelivery(state, webhook, event);
  }
}

/** Pending deliveries whose next attempt is due, oldest first. */
export function dueDeliveries(state: SandboxState, now: number): WebhookDelivery[] {
  return state.webhookDeliveries.filter(
    (delivery) =>
      delivery.status === 'pending' && delivery.nextAttemptAt !== null && Date.parse(delivery.nextAttemptAt) <= now,
  );
}

/** The soonest future attempt of any pending delivery, in epoch ms. */
export function nextRetryAt(state: SandboxState): number | undefined {
  let soonest: number | undefined;
  for (const delivery of state.webhookDeliveries) {
    if (delivery.status !== 'pending' || delivery.nextAttemptAt === null) continue;
    const at = Date.parse(delivery.nextAttemptAt);
    if (soonest === undefined || at < soonest) soonest = at;
  }
  return soonest;
}

/**
 * Records one attempt of a Public API delivery. A 2xx finishes the delivery; a failure schedules the next retry
 * (delays multiplied by `retryScale`), and the last failure disables the subscription and gives up its other pending
 * deliveries.
 */
export function recordAttempt(
  state: SandboxState,
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  now: number,
  retryScale: number,
): void {
  if (recordDeliveryAttempt(delivery, outcome, now, retryScale) !== 'failed') return;
  const webhook = state.webhooks[delivery.webhookId];
  if (webhook?.status !== 'ACTIVE') return;
  const deliveries = state.webhookDeliveries.filter((candidate) => candidate.webhookId === webhook.id);
  disableDeliveryTarget(webhook, DISABLED_REASON, deliveries, now);
}
