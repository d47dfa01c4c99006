import { createSandbox, fixedClock, type Sandbox, type SandboxOptions } from '../src/index.js';
import { createAccount } from '../src/state/accounts.js';
import { ALL_SCOPES } from '../src/state/scopes.js';
import { mintToken } from '../src/state/tokens.js';
import type { Scope } from '../src/state/types.js';
import { type Json, START } from './support.js';

/** Helpers for tests that drive a sandbox through its fetch handler, with no port; the families build on these. */

/** The origin the in-process tests reach by default; the sandbox builds its links (approval, claim) from it. */
export const ORIGIN = 'http://sandbox.test';

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON answer, or null when the answer was empty. */
  body: Json;
}

export interface CallOptions {
  /** The bearer token; `null` sends none even when the caller has a default token. */
  token?: string | null;
  body?: unknown;
}

export type Call = (method: string, path: string, options?: CallOptions) => Promise<Reply>;

/** An in-process sandbox on the frozen test clock. */
export function frozenSandbox(options: SandboxOptions = {}): Sandbox {
  return createSandbox({ clock: fixedClock(START), ...options });
}

/** A JSON client for the sandbox's fetch handler, sending `token` unless a call names another (or `null`). */
export function inProcessCaller(sandbox: Sandbox, defaults: { origin?: string; token?: string } = {}): Call {
  const origin = defaults.origin ?? ORIGIN;
  return async (method, path, { token, body } = {}) => {
    const bearer = token === undefined ? defaults.token : token;
    const headers: Record<string, string> = {};
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await sandbox.fetch(
      new Request(`${origin}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
}

/** A browser-style form POST (what the page buttons send); redirects are not followed. */
export function inProcessFormPoster(sandbox: Sandbox, origin = ORIGIN) {
  return (path: string, fields: Record<string, string> = {}) =>
    sandbox.fetch(
      new Request(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      }),
    );
}

/** A token with exactly these scopes on an existing account. */
export function tokenWith(sandbox: Sandbox, accountId: string, scopes: readonly Scope[] = ALL_SCOPES) {
  return sandbox.control.mutate((state, now) => mintToken(state, { accountId, name: 'test', scopes }, now).value);
}

/** A claimed employer account with an all-scopes token, made directly in state. */
export function claimedEmployer(
  sandbox: Sandbox,
  profile: { organizationName: string; owner?: { email: string; firstName?: string } },
): Promise<{ accountId: string; token: string }> {
  return sandbox.control.mutate((state, now) => {
    const { account } = createAccount(state, { claimed: true, ...profile }, now);
    const token = mintToken(state, { accountId: account.id, name: 'test', scopes: ALL_SCOPES }, now);
    return { accountId: account.id, token: token.value };
  });
}

/** The events of one type on the feed, oldest first. */
export const eventsOf = (sandbox: Sandbox, type: string) => sandbox.state.events.filter((event) => event.type === type);
