import { createAccount } from './accounts.js';
import { registerAgent } from './agent-auth.js';
import { addPaymentMethod } from './funding.js';
import { createOpenJob } from './jobs.js';
import {
  connectPartnerApp,
  DEFAULT_PARTNER_APP,
  findOrRegisterPartnerApp,
  PARTNER_SCOPES,
} from './partner-installs.js';
import { ALL_SCOPES } from './scopes.js';
import { mintToken } from './tokens.js';
import type { SandboxState } from './types.js';

/**
 * Named starting points for the control plane's `seed`. Each one runs on a fresh state and returns what a test or
 * demo needs to continue (ids and the bearer token it should use). Add a scenario per new family as it lands.
 */
export const scenarios = {
  /** Nothing at all: start with `POST /api/agent/identity`. */
  empty: () => ({}),

  /** An anonymous agent registration that no human has claimed yet. */
  'unclaimed-agent': (state: SandboxState, now: number) => {
    const { registration, accessToken } = registerAgent(
      state,
      { agentName: 'Sandbox agent', organizationName: 'Acme Research' },
      now,
    );
    return { accountId: registration.accountId, token: accessToken.value, claimToken: registration.claimToken };
  },

  /**
   * A claimed employer whose human minted an all-scopes token in the app (the only way to get payments:write) and
   * put a test card on file, so hires and fundings can be paid.
   */
  'claimed-employer': (state: SandboxState, now: number) => {
    const { account } = createAccount(
      state,
      {
        claimed: true,
        organizationName: 'Acme Research',
        owner: { email: 'owner@example.com', firstName: 'Mira', lastName: 'Chen' },
      },
      now,
    );
    const token = mintToken(state, { accountId: account.id, name: 'Sandbox full access', scopes: ALL_SCOPES }, now);
    addPaymentMethod(state, account.id, now);
    return { accountId: account.id, token: token.value };
  },

  /** The claimed employer with one open job on the marketplace; simulated trainers apply over the following hour. */
  'open-job': (state: SandboxState, now: number) => {
    const employer: { accountId: string; token: string } = scenarios['claimed-employer'](state, now);
    const account = state.accounts[employer.accountId];
    if (!account) throw new Error('the claimed-employer scenario made no account');
    const description =
      'Spanish Sentiment Labeling\nWe need 5 fluent Spanish speakers to label the sentiment of 20,000 social media posts. Intermediate level. Pay is $0.05 per label.';
    const job = createOpenJob(state, account, description, now);
    return { ...employer, jobId: job.id };
  },

  /**
   * The open-job employer connected to the platform app LabelForge: an ACTIVE install with all seven scopes and PII
   * consent. `partnerToken` is the install's `ot_ptk_…` token, `token` the employer's own Public API token.
   */
  'annotation-platform': (state: SandboxState, now: number) => {
    const employer: { accountId: string; token: string; jobId: string } = scenarios['open-job'](state, now);
    const app = findOrRegisterPartnerApp(state, DEFAULT_PARTNER_APP, now);
    const install = connectPartnerApp(
      state,
      { accountId: employer.accountId, appId: app.id, scopes: PARTNER_SCOPES, piiConsent: true },
      now,
    );
    return { ...employer, appId: app.id, installId: install.id, partnerToken: install.token };
  },
} satisfies Record<string, (state: SandboxState, now: number) => Record<string, unknown>>;

export type ScenarioName = keyof typeof scenarios;

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && Object.hasOwn(scenarios, value);
}
