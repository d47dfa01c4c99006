import { createSandbox, fixedClock, type Sandbox, type SandboxOptions } from '../src/index.js';
import { createAccount } from '../src/state/accounts.js';
import { createOpenJob, setJobFields } from '../src/state/jobs.js';
import type { JobFields, JobRecord } from '../src/state/records/jobs.js';
import { ALL_SCOPES } from '../src/state/scopes.js';
import { mintToken } from '../src/state/tokens.js';
import type { Scope } from '../src/state/types.js';
import { START } from './support.js';

export { START };
export const ORIGIN = 'http://sandbox.test';
export const MINUTE = 60;

// biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly and assert on them.
type Json = any;

export interface HiringWorld {
  sandbox: Sandbox;
  accountId: string;
  /** An all-scopes token of a claimed employer with a card on file. */
  token: string;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: Json }>;
  /** Moves sandbox time forward (the families' ticks run right after). */
  advance(seconds: number): Promise<void>;
}

/** An in-process sandbox on a frozen clock, seeded with the `claimed-employer` scenario. */
export async function hiringWorld(options: SandboxOptions = {}): Promise<HiringWorld> {
  const sandbox = createSandbox({ clock: fixedClock(START), ...options });
  const { accountId, token } = (await sandbox.control.seed('claimed-employer')) as { accountId: string; token: string };
  const call: HiringWorld['call'] = async (method, path, { token: bearer = token, body } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await sandbox.fetch(
      new Request(`${ORIGIN}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const advance = async (seconds: number) => {
    await sandbox.control.advanceClock(seconds * 1000);
  };
  return { sandbox, accountId, token, call, advance };
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

/** A token with exactly these scopes on an existing account. */
export function tokenWith(sandbox: Sandbox, accountId: string, scopes: readonly Scope[] = ALL_SCOPES) {
  return sandbox.control.mutate((state, now) => mintToken(state, { accountId, name: 'test', scopes }, now).value);
}

/** A second claimed employer, to check that one account never sees another's records. */
export function otherEmployer(sandbox: Sandbox): Promise<string> {
  return sandbox.control.mutate((state, now) => {
    const { account } = createAccount(
      state,
      { claimed: true, organizationName: 'Other Labs', owner: { email: 'other@example.com' } },
      now,
    );
    return mintToken(state, { accountId: account.id, name: 'other', scopes: ALL_SCOPES }, now).value;
  });
}

/** A job with every planned applicant arrived (the last one comes 50 minutes after publication at the latest). */
export async function jobWithApplicants(world: HiringWorld, options: Parameters<typeof publishJob>[2] = {}) {
  const job = await publishJob(world.sandbox, world.accountId, options);
  await world.advance(60 * MINUTE);
  const list = await world.call('GET', `/api/public/v1/jobs/${job.id}/proposals`);
  if (list.status !== 200) throw new Error(`listing proposals failed with ${list.status}`);
  return { job, proposals: list.body.proposals as Json[] };
}

/** The events of one type on the feed, oldest first. */
export const eventsOf = (sandbox: Sandbox, type: string) => sandbox.state.events.filter((event) => event.type === type);
