import { toIso } from './clock.js';
import { newId } from './random.js';
import type { SandboxState, WebhookDelivery } from './types.js';

/**
 * Delivery bookkeeping shared by the Public API's webhook subscriptions and the Platform API's webhook endpoints:
 * both queue into `state.webhookDeliveries`, retry on the same schedule and stop the same way when disabled.
 */

/** Wait before each retry of a failed delivery: after the 1st, 2nd, 3rd and 4th failure (5 attempts in all). */
export const RETRY_DELAYS_MS = [1, 5, 30, 120].map((minutes) => minutes * 60_000);

export interface AttemptOutcome {
  /** The receiver's HTTP status, or null when no answer arrived. */
  status: number | null;
  /** Why the attempt failed, or null when it succeeded. */
  error: string | null;
}

/** A subscription or an endpoint: where its deliveries go, and whether it still receives any. */
interface DeliveryTarget {
  id: string;
  url: string;
  status: 'ACTIVE' | 'DISABLED';
  disabledAt: string | null;
  disabledReason: string | null;
}

/** Deliveries newest first, optionally for one account. They are created when webhook subscriptions exist. */
export function listWebhookDeliveries(state: SandboxState, accountId?: string): WebhookDelivery[] {
  return state.webhookDeliveries
    .filter((delivery) => accountId === undefined || delivery.accountId === accountId)
    .slice()
    .reverse();
}

/** Queues one delivery of `event` to `target`, due at once; `api` marks a Platform API delivery. */
export function queueDelivery(
  state: SandboxState,
  target: Pick<DeliveryTarget, 'id' | 'url'>,
  event: { id: string; accountId: string; type: string; createdAt: string },
  api?: 'partner',
): void {
  state.webhookDeliveries.push({
    id: newId(state, 'dlv'),
    accountId: event.accountId,
    webhookId: target.id,
    eventId: event.id,
    eventType: event.type,
    url: target.url,
    status: 'pending',
    attempts: [],
    nextAttemptAt: event.createdAt,
    createdAt: event.createdAt,
    ...(api ? { api } : {}),
  });
}

/**
 * Records one attempt and moves the delivery on: a 2xx finishes it, a failure schedules the next retry of this round
 * (delays multiplied by `retryScale`), and a failure with no retry left fails it. Returns which of the three happened.
 */
export function recordDeliveryAttempt(
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  now: number,
  retryScale: number,
): 'succeeded' | 'retrying' | 'failed' {
  delivery.attempts.push({ at: toIso(now), status: outcome.status, error: outcome.error });
  if (outcome.error === null) {
    delivery.status = 'succeeded';
    delivery.nextAttemptAt = null;
    return 'succeeded';
  }
  const attemptsThisRound = delivery.attempts.length - (delivery.attemptsBeforeRequeue ?? 0);
  const delay = RETRY_DELAYS_MS[attemptsThisRound - 1];
  if (delay !== undefined) {
    delivery.nextAttemptAt = toIso(now + Math.round(delay * retryScale));
    return 'retrying';
  }
  delivery.status = 'failed';
  delivery.nextAttemptAt = null;
  return 'failed';
}

/** Disables a subscription or endpoint: its pending `deliveries` fail, and nothing new is queued for it. */
export function disableDeliveryTarget(
  target: DeliveryTarget,
  reason: string,
  deliveries: WebhookDelivery[],
  now: number,
): void {
  target.status = 'DISABLED';
  target.disabledAt = toIso(now);
  target.disabledReason = reason;
  for (const delivery of deliveries) {
    if (delivery.status !== 'pending') continue;
    delivery.status = 'failed';
    delivery.nextAttemptAt = null;
  }
}
