// `@opentrain-ai/sdk/types`: the generated wire types of both APIs, for code that only needs the shapes.
export type {
  components as PartnerComponents,
  operations as PartnerOperations,
  paths as PartnerPaths,
  webhooks as PartnerWebhooks,
} from '../generated/partner.js';
export type {
  components as PublicComponents,
  operations as PublicOperations,
  paths as PublicPaths,
  webhooks as PublicWebhooks,
} from '../generated/public.js';
