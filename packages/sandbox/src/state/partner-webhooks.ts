import type { PartnerComponents } from '@opentrain-ai/sdk/types';
import { notFound } from '../http/errors.js';
import { toIso } from './clock.js';
import { partnerEventView } from './partner-events.js';
import { newId, nextSequence, randomSecret } from './random.js';
import type { InstallRecord, PartnerEventType, PartnerWebhookEndpointRecord } from './records/partner.js';
import type { SandboxState, WebhookDelivery } from './types.js';
import { type AttemptOutcome, disableDeliveryTarget, recordDeliveryAttempt } from './webhook-deliveries.js';

/**
 * The Platform API's webhook endpoints. Deliveries share `state.webhookDeliveries` and the sandbox's webhook sender
 * with the Public API's subscriptions (same signature, same retry delays), but an endpoint can be paused and
 * re-enabled, counts failed deliveries in a row, and its failed deliveries can be requeued.
 */

/** This many deliveries in a row ending `FAILED` disable the endpoint. */
export const AUTO_DISABLE_AFTER = 10;
export const AUTO_DISABLED_REASON = `Disabled after ${AUTO_DISABLE_AFTER} consecutive failed deliveries`;
export const PAUSED_REASON = 'Paused through the Platform API';
export const REDELIVER_NOTICE = 'Requeued deliveries will be attempted on the next delivery run (within ~5 minutes).';

/** Plain http is accepted for localhost only; anything else must be https. */
export function webhookUrlProblem(url: string): string | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol === 'https:') return undefined;
  if (parsed?.protocol === 'http:' && parsed.hostname === 'localhost') return undefined;
  return 'url must be an https URL (plain http is allowed for localhost only).';
}

export function createEndpoint(
  state: SandboxState,
  install: InstallRecord,
  input: { url: string; eventTypes: readonly PartnerEventType[] },
  now: number,
): PartnerWebhookEndpointRecord {
  const endpoint: PartnerWebhookEndpointRecord = {
    id: newId(state, 'wep'),
    installId: install.id,
    sequence: nextSequence(state, 'partnerWebhookEndpoint', 1),
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    secret: `whsec_${randomSecret(state, 32)}`,
    status: 'ACTIVE',
    consecutiveFailures: 0,
    disabledAt: null,
    disabledReason: null,
    createdAt: toIso(now),
  };
  state.partnerWebhookEndpoints[endpoint.id] = endpoint;
  return endpoint;
}

/** Newest first. */
export function installEndpoints(state: SandboxState, installId: string): PartnerWebhookEndpointRecord[] {
  return Object.values(state.partnerWebhookEndpoints)
    .filter((endpoint) => endpoint.installId === installId)
    .sort((a, b) => b.sequence - a.sequence);
}

/** The endpoint if it is on this install; another install's endpoint is reported exactly like a missing one. */
export function findInstallEndpoint(state: SandboxState, installId: string, endpointId: string) {
  const endpoint = state.partnerWebhookEndpoints[endpointId];
  return endpoint?.installId === installId ? endpoint : undefined;
}

export interface EndpointChanges {
  url?: string;
  eventTypes?: readonly PartnerEventType[];
  status?: 'ACTIVE' | 'DISABLED';
}

/**
 * Applies a PATCH. A new URL also applies to deliveries not yet delivered. `ACTIVE` re-enables a disabled endpoint
 * (failures back to 0; requeued deliveries waiting for it are scheduled); `DISABLED` pauses it like an automatic
 * disable does. The secret never changes.
 */
export function updateEndpoint(
  state: SandboxState,
  endpoint: PartnerWebhookEndpointRecord,
  changes: EndpointChanges,
  now: number,
): void {
  if (changes.url !== undefined) {
    endpoint.url = changes.url;
    for (const delivery of deliveriesOf(state, endpoint)) {
      if (delivery.status !== 'succeeded') delivery.url = changes.url;
    }
  }
  if (changes.eventTypes !== undefined) endpoint.eventTypes = [...new Set(changes.eventTypes)];
  if (changes.status === 'DISABLED' && endpoint.status === 'ACTIVE') {
    disableDeliveryTarget(endpoint, PAUSED_REASON, deliveriesOf(state, endpoint), now);
  }
  if (changes.status === 'ACTIVE' && endpoint.status === 'DISABLED') {
    endpoint.status = 'ACTIVE';
    endpoint.consecutiveFailures = 0;
    endpoint.disabledAt = null;
    endpoint.disabledReason = null;
    for (const delivery of deliveriesOf(state, endpoint)) {
      if (delivery.status === 'pending' && delivery.nextAttemptAt === null) delivery.nextAttemptAt = toIso(now);
    }
  }
}

/** Deleting discards the endpoint's deliveries; delete and create is the only way to a new secret. */
export function deleteEndpoint(state: SandboxState, endpoint: PartnerWebhookEndpointRecord): void {
  delete state.partnerWebhookEndpoints[endpoint.id];
  state.webhookDeliveries = state.webhookDeliveries.filter(
    (delivery) => !(delivery.api === 'partner' && delivery.webhookId === endpoint.id),
  );
}

/**
 * Requeues every `FAILED` delivery of the endpoint, or the one named whatever its status, each with a fresh round
 * of attempts. They go out at once while the endpoint is active; a disabled endpoint holds them until re-enabled.
 * Returns how many were requeued.
 */
export function redeliver(
  state: SandboxState,
  endpoint: PartnerWebhookEndpointRecord,
  deliveryId: string | undefined,
  now: number,
): number {
  const deliveries = deliveriesOf(state, endpoint);
  let chosen: WebhookDelivery[];
  if (deliveryId === undefined) {
    chosen = deliveries.filter((delivery) => delivery.status === 'failed');
  } else {
    const delivery = deliveries.find((candidate) => candidate.id === deliveryId);
    if (!delivery) throw notFound('deliveries', 'deliveryId', deliveryId);
    chosen = [delivery];
  }
  for (const delivery of chosen) {
    delivery.status = 'pending';
    delivery.attemptsBeforeRequeue = delivery.attempts.length;
    delivery.nextAttemptAt = endpoint.status === 'ACTIVE' ? toIso(now) : null;
  }
  return chosen.length;
}

/** What the sender needs to post a Platform API delivery, or undefined when it can no longer go out. */
export function partnerDeliveryTarget(state: SandboxState, delivery: WebhookDelivery) {
  const endpoint = state.partnerWebhookEndpoints[delivery.webhookId];
  const event = state.partnerEvents.find((candidate) => candidate.id === delivery.eventId);
  if (endpoint?.status !== 'ACTIVE' || !event) return undefined;
  return { secret: endpoint.secret, body: JSON.stringify(partnerEventView(event)) };
}

/**
 * Records one attempt of a Platform API delivery: a 2xx delivers it and clears the endpoint's failure streak; a
 * failure schedules the next retry (1, 5, 30, 120 minutes, times `retryScale`), and the fifth marks the delivery
 * `FAILED` and lengthens the streak, which disables the endpoint at 10.
 */
export function recordPartnerAttempt(
  state: SandboxState,
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  now: number,
  retryScale: number,
): void {
  const result = recordDeliveryAttempt(delivery, outcome, now, retryScale);
  const endpoint = state.partnerWebhookEndpoints[delivery.webhookId];
  if (!endpoint || result === 'retrying') return;
  if (result === 'succeeded') {
    endpoint.consecutiveFailures = 0;
    return;
  }
  endpoint.consecutiveFailures += 1;
  if (endpoint.consecutiveFailures >= AUTO_DISABLE_AFTER && endpoint.status === 'ACTIVE') {
    disableDeliveryTarget(endpoint, AUTO_DISABLED_REASON, deliveriesOf(state, endpoint), now);
  }
}

const deliveriesOf = (state: SandboxState, endpoint: PartnerWebhookEndpointRecord) =>
  state.webhookDeliveries.filter((delivery) => delivery.api === 'partner' && delivery.webhookId === endpoint.id);

/** The wire form (`WebhookEndpoint`): never the secret. */
export function endpointView(endpoint: PartnerWebhookEndpointRecord): PartnerComponents['schemas']['WebhookEndpoint'] {
  return {
    id: endpoint.id,
    url: endpoint.url,
    eventTypes: [...endpoint.eventTypes],
    status: endpoint.status,
    createdAt: endpoint.createdAt,
    consecutiveFailures: endpoint.consecutiveFailures,
    disabledAt: endpoint.disabledAt,
    disabledReason: endpoint.disabledReason,
  };
}
