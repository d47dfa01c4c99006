/** Records of the sync family: webhook subscriptions (deliveries live in `SandboxState.webhookDeliveries`) and team invites. */

import type { PublicComponents } from '@opentrain-ai/sdk/types';

type Schemas = PublicComponents['schemas'];

export interface WebhookSubscriptionRecord {
  id: string;
  accountId: string;
  url: string;
  eventTypes: Schemas['UpdateEventType'][];
  /** The `whsec_…` signing secret, shown once at creation. */
  secret: string;
  createdAt: string;
  /** `DISABLED` after a delivery exhausted its retries; a disabled subscription is never re-enabled. */
  status: Schemas['WebhookStatus'];
  disabledAt: string | null;
  disabledReason: string | null;
}

/** A human added to an employer team besides its owner (the owner is implied by the account). */
export interface TeamMemberRecord {
  id: string;
  accountId: string;
  userId: string;
  joinedAt: string;
}

/** An emailed invitation to join an employer team, listed until it expires. */
export interface TeamInviteRecord {
  id: string;
  accountId: string;
  /** Lower-cased, so a repeated invite finds the open one. */
  email: string;
  createdAt: string;
  expiresAt: string;
}
