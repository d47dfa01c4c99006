import type { FeatureKey } from './types.js';

export const ALL_FEATURES: readonly FeatureKey[] = [
  'public_api_job_drafting',
  'public_api_job_publishing',
  'public_api_hiring',
  'public_api_messaging_writes',
  'public_api_team',
  'public_api_payments_write',
  'public_api_credits',
  'public_api_webhooks',
  'partner_api',
];

export function isFeatureKey(value: unknown): value is FeatureKey {
  return typeof value === 'string' && (ALL_FEATURES as readonly string[]).includes(value);
}

export function allFeaturesOn(): Record<FeatureKey, boolean> {
  return Object.fromEntries(ALL_FEATURES.map((key) => [key, true])) as Record<FeatureKey, boolean>;
}

/** The `capabilities` object of `GET /job-drafts/capabilities`, derived from the account's flags. */
export function capabilitiesOf(features: Record<FeatureKey, boolean>): Record<string, boolean> {
  const drafting = features.public_api_job_drafting;
  return {
    draftImport: drafting,
    draftCreate: drafting,
    draftUpdate: drafting,
    draftUrlRead: drafting,
    publish: features.public_api_job_publishing,
    hiring: features.public_api_hiring,
    messagingWrites: features.public_api_messaging_writes,
    team: features.public_api_team,
    paymentsWrite: features.public_api_payments_write,
    credits: features.public_api_credits,
    webhooks: features.public_api_webhooks,
  };
}
