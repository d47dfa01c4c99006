import type { Sandbox, SandboxOptions } from '../src/index.js';
import { createOpenJob, setJobFields } from '../src/state/jobs.js';
import type { JobFields, JobRecord } from '../src/state/records/jobs.js';
import { type Call, claimedEmployer, frozenSandbox, inProcessCaller } from './in-process-support.js';
import type { Json } from './support.js';

export { eventsOf, ORIGIN, tokenWith } from './in-process-support.js';
export { START } from './support.js';
export const MINUTE = 60;

export interface HiringWorld {
  sandbox: Sandbox;
  accountId: string;
  /** The seeded account's token: all scopes for `claimed-employer`, the pre-claim ones for `unclaimed-agent`. */
  token: string;
  /** A Public API call with the world's token unless another is given. */
  call: Call;
  /** Moves sandbox time forward (the families' ticks run right after). */
  advance(seconds: number): Promise<void>;
}

/** An in-process sandbox on a frozen clock, seeded with the `claimed-employer` scenario (or the one named). */
export async function hiringWorld(
  options: SandboxOptions = {},
  scenario: 'claimed-employer' | 'unclaimed-agent' = 'claimed-employer',
): Promise<HiringWorld> {
  const sandbox = frozenSandbox(options);
  const { accountId, token } = (await sandbox.control.seed(scenario)) as { accountId: string; token: string };
  const advance = async (seconds: number) => {
    await sandbox.control.advanceClock(seconds * 1000);
  };
  return { sandbox, accountId, token, call: inProcessCaller(sandbox, { token }), advance };
}

/** Passes the jobs family's publishing checks (title, description, headcount, level, pay). */
const READY_JOB =
  'Spanish Sentiment Labeling\nWe need 5 fluent Spanish speakers to label the sentiment of 20,000 social media posts. Intermediate level. Pay is $0.05 per label.';

/**
 * A job published now through the jobs family (status OPEN, `publishedAt` set), with the fields simulated
 * trainers read set to `fields`.
 */
export function publishJob(
  sandbox: Sandbox,
  accountId: string,
  options: { title?: string; fields?: JobFields } = {},
): Promise<JobRecord> {
  return sandbox.control.mutate((state, now) => {
    const account = state.accounts[accountId];
    if (!account) throw new Error(`no account ${accountId}`);
    const job = createOpenJob(state, account, READY_JOB, now);
    const title = options.title ?? 'Spanish sentiment labeling of social media posts';
    setJobFields(
      job,
      {
        jobTitle: title,
        paymentType: 'PAY_PER_LABEL',
        pricePerLabel: 0.06,
        languages: ['Spanish'],
        dataType: 'Text',
        labelTypes: ['Classification'],
        ...options.fields,
      },
      now,
    );
    return job;
  });
}

/** A second claimed employer, to check that one account never sees another's records. */
export async function otherEmployer(sandbox: Sandbox): Promise<string> {
  const other = await claimedEmployer(sandbox, {
    organizationName: 'Other Labs',
    owner: { email: 'other@example.com' },
  });
  return other.token;
}

/** A job with every planned applicant arrived (the last one comes 50 minutes after publication at the latest). */
export async function jobWithApplicants(world: HiringWorld, options: Parameters<typeof publishJob>[2] = {}) {
  const job = await publishJob(world.sandbox, world.accountId, options);
  await world.advance(60 * MINUTE);
  const list = await world.call('GET', `/api/public/v1/jobs/${job.id}/proposals`);
  if (list.status !== 200) throw new Error(`listing proposals failed with ${list.status}`);
  return { job, proposals: list.body.proposals as Json[] };
}
