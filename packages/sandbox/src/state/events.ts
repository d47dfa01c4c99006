import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { toIso } from './clock.js';
import { nextSequence } from './random.js';
import type { PlatformEvent, SandboxState } from './types.js';
import { enqueueDeliveries } from './webhooks.js';

/** Event ids are numeric strings that only grow, so `/updates` can use them as cursors. */
const FIRST_EVENT_ID = 1000;

type Schemas = PublicComponents['schemas'];

export interface NewEvent {
  accountId: string;
  type: Schemas['UpdateEventType'];
  resourceId: string;
  jobId: string | null;
  data: Record<string, unknown>;
}

/**
 * Records an event on the account's feed and queues a delivery for each subscription listening to its type. The
 * updates feed reads `state.events` and every delivery sends the same record, so both carry the identical payload.
 */
export function appendEvent(state: SandboxState, input: NewEvent, now: number): PlatformEvent {
  const event: PlatformEvent = {
    id: String(nextSequence(state, 'event', FIRST_EVENT_ID)),
    accountId: input.accountId,
    ...eventEnvelope(input, now),
  };
  state.events.push(event);
  enqueueDeliveries(state, event);
  return event;
}

/** The fields every event carries on either API, after its ids: the same envelope on feeds and in deliveries. */
export function eventEnvelope<
  E extends { type: string; resourceId: string; jobId: string | null; data: Record<string, unknown> },
>(input: E, now: number): Pick<E, 'type' | 'resourceId' | 'jobId' | 'data'> & { apiVersion: 'v1'; createdAt: string } {
  return {
    type: input.type,
    apiVersion: 'v1',
    createdAt: toIso(now),
    resourceId: input.resourceId,
    jobId: input.jobId,
    data: input.data,
  };
}

type WireEvent = Schemas['Event'];

/** The wire form of an event (the account id is internal). */
export function eventView(event: PlatformEvent): WireEvent {
  const { accountId: _accountId, ...wire } = event;
  return wire;
}
