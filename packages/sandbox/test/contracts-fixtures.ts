import type { Sandbox } from '../src/index.js';
import { type HireContractInput, openContractFromHire } from '../src/state/contracts.js';
import type { FreelancerRecord } from '../src/state/records/hiring.js';
import type { JobRecord } from '../src/state/records/jobs.js';
import type { ContractRecord } from '../src/state/records/money.js';
import {
  type Call,
  claimedEmployer,
  frozenSandbox,
  inProcessCaller,
  inProcessFormPoster,
} from './in-process-support.js';

export { eventsOf, ORIGIN, tokenWith } from './in-process-support.js';
export { START } from './support.js';

/**
 * An in-process sandbox with a frozen clock and a small JSON client for it. Its replies are just `{ status, body }`,
 * since the money tests compare whole replies.
 */
export function moneySandbox() {
  const sandbox = frozenSandbox();
  const send = inProcessCaller(sandbox);
  const call = async (...request: Parameters<Call>) => {
    const { status, body } = await send(...request);
    return { status, body };
  };
  return { sandbox, call, form: inProcessFormPoster(sandbox) };
}

/** A `moneySandbox()` seeded with the `claimed-employer` scenario: a claimed account, an all-scopes token, a card. */
export async function moneyEmployer() {
  const setup = moneySandbox();
  const { accountId, token } = (await setup.sandbox.control.seed('claimed-employer')) as {
    accountId: string;
    token: string;
  };
  return { ...setup, accountId, token };
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

/** A second claimed employer with an all-scopes token, to check that accounts never see each other's money. */
export function otherEmployer(sandbox: Sandbox) {
  return claimedEmployer(sandbox, { organizationName: 'Other Co' });
}
