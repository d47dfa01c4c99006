import type { FaultInput, FaultPlan, FaultRule } from './faults.js';
import { conflict, notFound } from './http/errors.js';
import { completeClaim, currentAttempt, findAttemptByToken, findRegistrationByClaimToken } from './state/agent-auth.js';
import { toIso } from './state/clock.js';
import { approveConsent, type ConsentInput, type ConsentResult, revokeInstall } from './state/partner-installs.js';
import { applyTrainerNow, changeProposalStatus } from './state/proposals.js';
import type { ScenarioName } from './state/scenarios.js';
import type { Approval, FeatureKey, SandboxSettings, SandboxState, WebhookDelivery } from './state/types.js';
import { listWebhookDeliveries } from './state/webhook-deliveries.js';

/**
 * The sandbox's control plane, in process. `/_sandbox/*` exposes the same operations as JSON for tests and tools
 * that talk to a running sandbox over HTTP. Every mutating call is persisted like a mutating request.
 */
export interface SandboxControl {
  /** Back to an empty world (optionally with a new seed); clears injected faults. */
  reset(options?: { seed?: number }): Promise<void>;
  /** Reset, then build a named scenario; returns its ids and bearer token. */
  seed(scenario: ScenarioName, options?: { seed?: number }): Promise<Record<string, unknown>>;
  /** Moves sandbox time forward; returns the new time as ISO 8601. */
  advanceClock(ms: number): Promise<string>;
  now(): string;
  confirmApproval(approvalId: string): Promise<Approval>;
  declineApproval(approvalId: string): Promise<Approval>;
  /**
   * Completes the human side of a claim without the claim page, with the email and code the attempt was started
   * with. `token` is the attempt's `ot_cat_…` or the registration's `ot_clm_…` (its current attempt).
   */
  completeClaim(token: string): Promise<{ accountId: string; email: string }>;
  setFeatures(accountId: string, flags: Partial<Record<FeatureKey, boolean>>): Promise<Record<FeatureKey, boolean>>;
  setSettings(settings: Partial<SandboxSettings>): Promise<SandboxSettings>;
  webhookDeliveries(accountId?: string): WebhookDelivery[];
  /**
   * Sends every webhook delivery that is due (retries falling due meanwhile included) and resolves once all were
   * attempted, with those deliveries. Deliveries also go out by themselves shortly after the request that caused them.
   */
  flushWebhooks(): Promise<WebhookDelivery[]>;
  /** A simulated AI trainer applies to an open job now: the one named, else the next who has not applied yet. */
  applyTrainer(input: {
    jobId: string;
    freelancerId?: string;
  }): Promise<{ proposalId: string; jobId: string; freelancerId: string }>;
  /** Sets a proposal's review status as the employer would in the app (`SHORTLISTED`, `NOT_A_FIT`, …). */
  setProposalStatus(proposalId: string, status: string): Promise<{ proposalId: string; status: string }>;
  /**
   * An employer approves a platform app's consent screen: a new ACTIVE install with the scopes and PII consent given
   * (defaults: all seven, consent, the app LabelForge) and its `ot_ptk_…` token. Reconnecting revokes the previous
   * install of the same app (`install.revoked`).
   */
  connectPartnerApp(input: ConsentInput): Promise<ConsentResult>;
  /** The employer disconnects an install: `install.revoked` goes to its endpoints, then its token stops working. */
  revokePartnerInstall(installId: string): Promise<{ installId: string; status: string }>;
  /** Deactivates (`DISABLED`) or reactivates a platform app; calls of a disabled app's installs answer 403. */
  setPartnerAppStatus(appId: string, status: 'ACTIVE' | 'DISABLED'): Promise<{ appId: string; status: string }>;
  injectFault(input: FaultInput): FaultRule;
  faults(): FaultRule[];
  clearFaults(): void;
  /** Runs a change directly on the state (for tests and scenario building) and persists it. */
  mutate<T>(change: (state: SandboxState, now: number) => T): Promise<T>;
}

export interface ControlDeps {
  state(): SandboxState;
  now(): number;
  replaceState(seed: number | undefined): SandboxState;
  buildScenario(state: SandboxState, scenario: ScenarioName, now: number): Record<string, unknown>;
  decideApproval(approvalId: string, decision: 'confirm' | 'decline'): Approval;
  faults: FaultPlan;
  persist(): Promise<void>;
  /** Lets time-driven behaviour catch up (applicants arriving, approvals expiring, webhook retries falling due). */
  tick(): void;
  flushWebhooks(): Promise<WebhookDelivery[]>;
}

export function createControl(deps: ControlDeps): SandboxControl {
  const mutate = async <T>(change: (state: SandboxState, now: number) => T): Promise<T> => {
    const result = change(deps.state(), deps.now());
    deps.tick();
    await deps.persist();
    return result;
  };

  return {
    async reset(options) {
      deps.replaceState(options?.seed);
      deps.faults.clear();
      await deps.persist();
    },
    async seed(scenario, options) {
      const state = deps.replaceState(options?.seed);
      deps.faults.clear();
      const result = deps.buildScenario(state, scenario, deps.now());
      await deps.persist();
      return result;
    },
    advanceClock(ms) {
      return mutate((state) => {
        state.clockOffsetMs += ms;
        return toIso(deps.now());
      });
    },
    now: () => toIso(deps.now()),
    confirmApproval: (approvalId) => mutate(() => deps.decideApproval(approvalId, 'confirm')),
    declineApproval: (approvalId) => mutate(() => deps.decideApproval(approvalId, 'decline')),
    completeClaim(token) {
      return mutate((state, now) => {
        const attempt = token.startsWith('ot_clm_')
          ? (() => {
              const registration = findRegistrationByClaimToken(state, token);
              return registration ? currentAttempt(state, registration) : undefined;
            })()
          : findAttemptByToken(state, token);
        if (!attempt) throw notFound('claims', 'token', redact(token));
        const outcome = completeClaim(state, attempt, { email: attempt.email, userCode: attempt.userCode }, now);
        if (outcome !== 'completed') throw conflict(`The claim cannot be completed (${outcome}).`, { status: outcome });
        const registration = state.registrations[attempt.registrationId];
        return { accountId: registration?.accountId ?? '', email: attempt.email };
      });
    },
    setFeatures(accountId, flags) {
      return mutate((state) => {
        const account = state.accounts[accountId];
        if (!account) throw notFound('accounts', 'accountId', accountId);
        Object.assign(account.features, flags);
        return { ...account.features };
      });
    },
    setSettings(settings) {
      return mutate((state) => {
        Object.assign(state.settings, settings);
        return { ...state.settings };
      });
    },
    webhookDeliveries: (accountId) => listWebhookDeliveries(deps.state(), accountId),
    flushWebhooks: () => deps.flushWebhooks(),
    applyTrainer: (input) =>
      mutate((state, now) => {
        const { id, jobId, freelancerId } = applyTrainerNow(state, input, now);
        return { proposalId: id, jobId, freelancerId };
      }),
    setProposalStatus: (proposalId, status) =>
      mutate((state, now) => changeProposalStatus(state, proposalId, status, now)),
    connectPartnerApp: (input) => mutate((state, now) => approveConsent(state, input, now)),
    revokePartnerInstall: (installId) =>
      mutate((state, now) => {
        const install = state.installs[installId];
        if (!install) throw notFound('installs', 'installId', installId);
        revokeInstall(state, install, now);
        return { installId, status: install.status };
      }),
    setPartnerAppStatus: (appId, status) =>
      mutate((state) => {
        const app = state.partnerApps[appId];
        if (!app) throw notFound('partner-apps', 'appId', appId);
        app.status = status;
        return { appId, status };
      }),
    injectFault: (input) => deps.faults.add(input),
    faults: () => deps.faults.list(),
    clearFaults: () => deps.faults.clear(),
    mutate,
  };
}

/** Claim tokens are secrets: an error names only their prefix. */
const redact = (token: string) => `${token.slice(0, 7)}…`;
