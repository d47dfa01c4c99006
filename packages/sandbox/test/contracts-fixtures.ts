import { createSandbox, fixedClock, type Sandbox } from '../src/index.js';
import { createAccount } from '../src/state/accounts.js';
import { type HireContractInput, openContractFromHire } from '../src/state/contracts.js';
import type { FreelancerRecord } from '../src/state/records/hiring.js';
import type { JobRecord } from '../src/state/records/jobs.js';
import type { ContractRecord } from '../src/state/records/money.js';
import { ALL_SCOPES } from '../src/state/scopes.js';
import { mintToken } from '../src/state/tokens.js';
import type { Scope } from '../src/state/types.js';
import { START } from './support.js';

export const ORIGIN = 'http://sandbox.test';
export { START };

// biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly and assert on them.
type Json = any;

/** An in-process sandbox with a frozen clock and a small JSON client for it. */
export function moneySandbox() {
  const sandbox = createSandbox({ clock: fixedClock(START) });
  return { sandbox, call: caller(sandbox), form: formPoster(sandbox) };
}

export function caller(sandbox: Sandbox) {
  return async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: Json }> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await sandbox.fetch(
      new Request(`${ORIGIN}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** A browser-style form POST (what the page buttons send); redirects are not followed. */
export function formPoster(sandbox: Sandbox) {
  return (path: string, fields: Record<string, string> = {}) =>
    sandbox.fetch(
      new Request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      }),
    );
}

/** A job and a hired trainer as the jobs and hiring families would leave them (only the fields money reads). */
export async function seedJobAndTrainer(sandbox: Sandbox, accountId: string, suffix = '1') {
  return sandbox.control.mutate((state, now) => {
    const jobId = `job_${suffix}`;
    const freelancerId = `usr_trainer_${suffix}`;
    state.jobs[jobId] = {
      id: jobId,
      accountId,
      status: 'OPEN',
      title: 'Spanish tweet sentiment labeling',
      createdAt: new Date(now).toISOString(),
    } as unknown as JobRecord;
    state.freelancers[freelancerId] = {
      id: freelancerId,
      slug: 'maria-g',
      firstName: 'Maria',
      lastName: 'Garcia',
      country: 'Spain',
      countryCode: 'ES',
    } as unknown as FreelancerRecord;
    return { jobId, freelancerId, proposalId: `prp_${suffix}` };
  });
}

export type HireOverrides = Partial<Omit<HireContractInput, 'milestone'>> & {
  milestone?: Partial<HireContractInput['milestone']>;
};

/** What a confirmed hire does on the money side, through the function the hiring family calls. */
export async function hire(
  sandbox: Sandbox,
  accountId: string,
  overrides: HireOverrides = {},
  suffix = '1',
): Promise<ContractRecord> {
  const { jobId, freelancerId, proposalId } = await seedJobAndTrainer(sandbox, accountId, suffix);
  return sandbox.control.mutate((state, now) =>
    openContractFromHire(
      state,
      {
        accountId,
        jobId,
        proposalId,
        freelancerId,
        title: 'Spanish Sentiment Labeling Contract',
        paymentType: 'FIXED_PRICE',
        rateUsd: 300,
        jobDmConversationId: 'cnv_job_1',
        ...overrides,
        milestone: {
          name: 'First labeling batch',
          description: 'Label the first 5,000 posts per the guidelines',
          amountUsd: 300,
          dueDate: '2026-07-01',
          ...overrides.milestone,
        },
      },
      now,
    ),
  );
}

/** A token with exactly these scopes on an existing account. */
export function tokenWith(sandbox: Sandbox, accountId: string, scopes: readonly Scope[] = ALL_SCOPES) {
  return sandbox.control.mutate((state, now) => mintToken(state, { accountId, name: 'test', scopes }, now).value);
}

/** The events of one type on the feed, oldest first. */
export const eventsOf = (sandbox: Sandbox, type: string) => sandbox.state.events.filter((event) => event.type === type);

/** A second claimed employer with an all-scopes token, to check that accounts never see each other's money. */
export async function otherEmployer(sandbox: Sandbox) {
  return sandbox.control.mutate((state, now) => {
    const { account } = createAccount(state, { claimed: true, organizationName: 'Other Co' }, now);
    return {
      accountId: account.id,
      token: mintToken(state, { accountId: account.id, name: 'other', scopes: ALL_SCOPES }, now).value,
    };
  });
}
