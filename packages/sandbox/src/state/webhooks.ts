import { toIso } from './clock.js';
import { newId, randomSecret } from './random.js';
import type { WebhookSubscriptionRecord } from './records/sync.js';
import type { PlatformEvent, SandboxState, WebhookDelivery } from './types.js';
import type { EventType } from './updates.js';

/** At most this many subscriptions per account, active or disabled. */
export const WEBHOOK_CAP = 10;

/** Wait before each retry of a failed delivery: after the 1st, 2nd, 3rd and 4th failure (5 attempts in all). */
export const RETRY_DELAYS_MS = [1, 5, 30, 120].map((minutes) => minutes * 60_000);

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
export function webhookView(webhook: WebhookSubscriptionRecord) {
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
    state.webhookDeliveries.push({
      id: newId(state, 'dlv'),
      accountId: event.accountId,
      webhookId: webhook.id,
      eventId: event.id,
      eventType: event.type,
      url: webhook.url,
      status: 'pending',
      attempts: [],
      nextAttemptAt: event.createdAt,
      createdAt: event.createdAt,
    });
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

export interface AttemptOutcome {
  /** The receiver's HTTP status, or null when no answer arrived. */
  status: number | null;
  /** Why the attempt failed, or null when it succeeded. */
  error: string | null;
}

/**
 * Records one attempt. A 2xx finishes the delivery; a failure schedules the next retry (delays multiplied by
 * `retryScale`), and the last failure disables the subscription and gives up its other pending deliveries.
 */
export function recordAttempt(
  state: SandboxState,
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  now: number,
  retryScale: number,
): void {
  delivery.attempts.push({ at: toIso(now), status: outcome.status, error: outcome.error });
  if (outcome.error === null) {
    delivery.status = 'succeeded';
    delivery.nextAttemptAt = null;
    return;
  }
  const delay = RETRY_DELAYS_MS[delivery.attempts.length - 1];
  if (delay !== undefined) {
    delivery.nextAttemptAt = toIso(now + Math.round(delay * retryScale));
    return;
  }
  delivery.status = 'failed';
  delivery.nextAttemptAt = null;
  const webhook = state.webhooks[delivery.webhookId];
  if (webhook?.status === 'ACTIVE') disableWebhook(state, webhook, now);
}

function disableWebhook(state: SandboxState, webhook: WebhookSubscriptionRecord, now: number): void {
  webhook.status = 'DISABLED';
  webhook.disabledAt = toIso(now);
  webhook.disabledReason = DISABLED_REASON;
  for (const delivery of state.webhookDeliveries) {
    if (delivery.webhookId !== webhook.id || delivery.status !== 'pending') continue;
    delivery.status = 'failed';
    delivery.nextAttemptAt = null;
  }
}
