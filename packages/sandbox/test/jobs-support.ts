import { createSandbox, fixedClock, type Sandbox } from '../src/index.js';
import { createAccount } from '../src/state/accounts.js';
import { ALL_SCOPES } from '../src/state/scopes.js';
import { mintToken } from '../src/state/tokens.js';
import type { Scope } from '../src/state/types.js';
import { START } from './support.js';

/** Helpers for the jobs tests: an in-process sandbox on a frozen clock and short ways to reach a live job. */

export const ORIGIN = 'https://app.opentrain.ai';
export const API = '/api/public/v1';

// biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly and assert on them.
type Json = any;

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

export interface JobsWorld {
  sandbox: Sandbox;
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<Reply>;
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
  const sandbox = createSandbox({ clock: fixedClock(START) });

  const call: JobsWorld['call'] = async (method, path, options = {}) => {
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
    return { status: response.status, headers: response.headers, body: await response.json() };
  };

  const world: JobsWorld = {
    sandbox,
    call,
    employer() {
      return sandbox.control.mutate((state, now) => {
        const email = `owner${Object.keys(state.accounts).length}@example.com`;
        const { account } = createAccount(
          state,
          { claimed: true, organizationName: 'Acme Research', owner: { email, firstName: 'Mira' } },
          now,
        );
        const token = mintToken(state, { accountId: account.id, name: 'Full access', scopes: ALL_SCOPES }, now);
        return { accountId: account.id, token: token.value };
      });
    },
    async agent() {
      const registered = await call('POST', '/api/agent/identity', { body: { agent_name: 'Claude Code' } });
      const me = await call('GET', `${API}/auth/me`, { token: registered.body.access_token });
      return { accountId: me.body.account.organizationId, token: registered.body.access_token };
    },
    tokenWith(accountId, scopes) {
      return sandbox.control.mutate((state, now) => mintToken(state, { accountId, name: 'scoped', scopes }, now).value);
    },
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
