import type { PartnerComponents } from '@opentrain-ai/sdk/types';
import { eventEnvelope } from './events.js';
import { nextSequence } from './random.js';
import type { InstallRecord, PartnerEventRecord, PartnerEventType } from './records/partner.js';
import type { SandboxState } from './types.js';
import { queueDelivery } from './webhook-deliveries.js';

/** Platform event ids only grow, so receivers can order events by them. */
const FIRST_PARTNER_EVENT_ID = 1000;

export interface NewPartnerEvent {
  type: PartnerEventType;
  resourceId: string;
  jobId: string | null;
  data: Record<string, unknown>;
}

/**
 * Records a Platform API event of an install and queues one delivery per active endpoint of the install listening
 * to its type (an endpoint only ever receives events that happen after it was created, and none while disabled).
 * Callers decide whether the install may be told at all.
 */
export function appendPartnerEvent(
  state: SandboxState,
  install: InstallRecord,
  input: NewPartnerEvent,
  now: number,
): PartnerEventRecord {
  const event: PartnerEventRecord = {
    id: String(nextSequence(state, 'partnerEvent', FIRST_PARTNER_EVENT_ID)),
    installId: install.id,
    accountId: install.accountId,
    ...eventEnvelope(input, now),
  };
  state.partnerEvents.push(event);
  for (const endpoint of Object.values(state.partnerWebhookEndpoints)) {
    if (endpoint.installId !== install.id || endpoint.status !== 'ACTIVE') continue;
    if (!endpoint.eventTypes.includes(event.type)) continue;
    queueDelivery(state, endpoint, event, 'partner');
  }
  return event;
}

type WirePartnerEvent = PartnerComponents['schemas']['EventEnvelope'];

/** The delivery body (`Event`): the install and account ids are internal. */
export function partnerEventView(event: PartnerEventRecord): WirePartnerEvent {
  const { installId: _installId, accountId: _accountId, ...wire } = event;
  return wire;
}
