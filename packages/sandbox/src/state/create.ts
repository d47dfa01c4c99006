import { rngStart } from './random.js';
import { type SandboxState, STATE_VERSION } from './types.js';

export const DEFAULT_SEED = 1;

export function emptyState(seed: number = DEFAULT_SEED): SandboxState {
  return {
    version: STATE_VERSION,
    seed,
    rng: rngStart(seed),
    clockOffsetMs: 0,
    counters: {},
    settings: { anonymousRegistration: true },
    accounts: {},
    users: {},
    tokens: {},
    registrations: {},
    claimAttempts: {},
    approvals: {},
    events: [],
    webhookDeliveries: [],
    jobs: {},
    freelancers: {},
    proposals: {},
    conversations: {},
    messages: {},
    contracts: {},
    milestones: {},
    invoices: {},
    creditEntries: [],
    creditTopUps: {},
    paymentMethods: {},
    webhooks: {},
    teamMembers: {},
    teamInvites: {},
    installs: {},
    partnerApps: {},
    projectLinks: {},
    partnerWebhookEndpoints: {},
    partnerEvents: [],
  };
}

/**
 * Checks a state read back from a file and fills collections added since it was written, so a state file from an
 * older sandbox keeps loading. Throws a message naming what is wrong.
 */
export function reviveState(value: unknown): SandboxState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('expected a JSON object holding the sandbox state');
  }
  const candidate = value as Partial<SandboxState>;
  if (candidate.version !== STATE_VERSION) {
    throw new TypeError(`expected "version": ${STATE_VERSION}, got ${JSON.stringify(candidate.version)}`);
  }
  if (typeof candidate.seed !== 'number' || typeof candidate.rng !== 'number') {
    throw new TypeError('expected numeric "seed" and "rng" fields');
  }
  const defaults = emptyState(candidate.seed);
  return { ...defaults, ...candidate, settings: { ...defaults.settings, ...candidate.settings } } as SandboxState;
}
