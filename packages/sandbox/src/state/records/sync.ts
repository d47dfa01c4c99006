/** Records of the sync family: webhook subscriptions (deliveries live in `SandboxState.webhookDeliveries`) and team invites. */

export interface WebhookSubscriptionRecord {
  id: string;
  accountId: string;
  url: string;
  eventTypes: string[];
  /** The `whsec_…` signing secret, shown once at creation. */
  secret: string;
  createdAt: string;
}
