import type { SandboxState, WebhookDelivery } from './types.js';

/** Deliveries newest first, optionally for one account. They are created when webhook subscriptions exist. */
export function listWebhookDeliveries(state: SandboxState, accountId?: string): WebhookDelivery[] {
  return state.webhookDeliveries
    .filter((delivery) => accountId === undefined || delivery.accountId === accountId)
    .slice()
    .reverse();
}
