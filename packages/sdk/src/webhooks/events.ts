// The event payloads of each API, read from the `webhooks` section of its generated types.
import type { webhooks as PartnerWebhooks } from '../generated/partner.js';
import type { webhooks as PublicWebhooks } from '../generated/public.js';

type PayloadOf<Delivery> = Delivery extends {
  post: { requestBody: { content: { 'application/json': infer Payload } } };
}
  ? Payload
  : never;

type EventUnion<Webhooks> = { [Name in keyof Webhooks]: PayloadOf<Webhooks[Name]> }[keyof Webhooks];

/** Any Public API webhook delivery body, told apart by `type` (`proposal.received`, `contract.created`, ...). */
export type PublicWebhookEvent = EventUnion<PublicWebhooks>;

/** Any Platform API webhook delivery body, told apart by `type` (`contract.started`, `install.revoked`, ...). */
export type PartnerWebhookEvent = EventUnion<PartnerWebhooks>;

export type WebhookApi = 'public' | 'partner';

/** The event union of one API. */
export type WebhookEvent<Api extends WebhookApi = 'public'> = Api extends 'partner'
  ? PartnerWebhookEvent
  : PublicWebhookEvent;
