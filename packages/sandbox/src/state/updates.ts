import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { eventView } from './events.js';
import { scopeCovers } from './scopes.js';
import type { PlatformEvent, SandboxState, Scope } from './types.js';

/** The Public API's event catalog and the read scope each type needs (the spec's `x-opentrain-event-scopes`). */
export const EVENT_READ_SCOPES = {
  'proposal.received': 'proposals:read',
  'proposal.status_changed': 'proposals:read',
  'message.received': 'messages:read',
  'contract.created': 'payments:read',
  'milestone.status_changed': 'payments:read',
  'payment.pending': 'payments:read',
  'approval.confirmed': 'payments:read',
  'contract.budget_state_changed': 'payments:read',
} as const satisfies Record<EventType, Scope>;

export type EventType = PublicComponents['schemas']['UpdateEventType'];

/** A token needs at least one of these to read the feed at all. */
export const FEED_SCOPES: Scope[] = ['proposals:read', 'messages:read', 'payments:read'];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_READ_SCOPES, value);
}

/** Whether a token with `scopes` may see events of `type`; types outside the catalog are never visible. */
export function canReadEventType(scopes: readonly Scope[], type: string): boolean {
  return isEventType(type) && scopeCovers(scopes, EVENT_READ_SCOPES[type]);
}

export interface UpdatesQuery {
  accountId: string;
  scopes: readonly Scope[];
  /** The last event id the caller has seen; undefined on the first poll. */
  cursor: string | undefined;
  limit: number;
}

/**
 * One page of the account's feed after `cursor`, oldest first, with the event types the token cannot read left out.
 * `nextCursor` is the last id returned, or the input cursor when nothing new is readable.
 */
export function updatesPage(state: SandboxState, query: UpdatesQuery) {
  const after = query.cursor === undefined ? -1 : Number(query.cursor);
  const readable = state.events.filter(
    (event) =>
      event.accountId === query.accountId && Number(event.id) > after && canReadEventType(query.scopes, event.type),
  );
  const page: PlatformEvent[] = readable.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    events: page.map(eventView),
    nextCursor: last?.id ?? query.cursor ?? null,
    hasMore: readable.length > page.length,
  };
}
