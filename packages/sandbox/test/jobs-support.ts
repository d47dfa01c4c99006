import type { Sandbox } from '../src/index.js';
import type { Scope } from '../src/state/types.js';
import { type Call, claimedEmployer, frozenSandbox, inProcessCaller, tokenWith } from './in-process-support.js';

/** Helpers for the jobs tests: an in-process sandbox on a frozen clock and short ways to reach a live job. */

export const ORIGIN = 'https://app.opentrain.ai';
export const API = '/api/public/v1';

export interface JobsWorld {
  sandbox: Sandbox;
  call: Call;
  /** A claimed employer with an all-scopes token. */
  employer(): Promise<{ accountId: string; token: string }>;
  /** An unclaimed agent account with its registration token (pre-claim scopes). */
  agent(): Promise<{ accountId: string; token: string }>;
  /** A token with exactly these scopes on an existing account. */
  tokenWith(accountId: string, scopes: readonly Scope[]): Promise<string>;
  /** Creates a draft from text, fills what is missing and publishes it; returns the job id. */
  publishedJob(token: string, text?: string, fill?: Record<string, unknown>): Promise<string>;
  advanceHours(hours: number): Promise<void>;
}

export const READY_TEXT =
  'We need 3 annotators to draw bounding boxes on 10,000 images. Pay is $25/hour. English required. Entry-level welcome.';

export function jobsWorld(): JobsWorld {
  const sandbox = frozenSandbox();
  const call = inProcessCaller(sandbox, { origin: ORIGIN });

  const world: JobsWorld = {
    sandbox,
    call,
    employer() {
      const email = `owner${Object.keys(sandbox.state.accounts).length}@example.com`;
      return claimedEmployer(sandbox, { organizationName: 'Acme Research', owner: { email, firstName: 'Mira' } });
    },
    async agent() {
      const registered = await call('POST', '/api/agent/identity', { body: { agent_name: 'Claude Code' } });
      const me = await call('GET', `${API}/auth/me`, { token: registered.body.access_token });
      return { accountId: me.body.account.organizationId, token: registered.body.access_token };
    },
    tokenWith: (accountId, scopes) => tokenWith(sandbox, accountId, scopes),
    async publishedJob(token, text = READY_TEXT, fill = {}) {
      const draft = await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: text } });
      if (draft.status !== 201) throw new Error(`draft failed with ${draft.status}: ${JSON.stringify(draft.body)}`);
      if (Object.keys(fill).length > 0) {
        const patched = await call('PATCH', `${API}/job-drafts/${draft.body.jobId}`, { token, body: fill });
        if (patched.status !== 200)
          throw new Error(`patch failed with ${patched.status}: ${JSON.stringify(patched.body)}`);
      }
      const published = await call('POST', `${API}/jobs/${draft.body.jobId}/publish`, { token });
      if (published.status !== 200) {
        throw new Error(`publish failed with ${published.status}: ${JSON.stringify(published.body)}`);
      }
      return draft.body.jobId;
    },
    async advanceHours(hours) {
      await sandbox.control.advanceClock(hours * 60 * 60 * 1000);
    },
  };
  return world;
}
