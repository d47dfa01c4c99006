import type { APIPromise } from '../core/api-promise.js';
import { OAuthError, RequestAbortedError, WaitTimeoutError } from '../core/errors.js';
import type { RequestOptions, Transport } from '../core/transport.js';
import * as routes from '../generated/operation-routes.js';
import type { components } from '../generated/public.js';

type Schemas = components['schemas'];
/** `POST /api/agent/identity`: a new unclaimed account, its pre-claim token and the claim token (shown once). */
export type AgentRegistration = Schemas['AgentRegistration'];
/** `POST /api/agent/identity/claim`: show both `verification_uri` and `user_code` to the human. */
export type ClaimStart = Schemas['AgentClaimAttempt'];
/** The post-claim token, delivered exactly once. */
export type ClaimedToken = Schemas['AgentTokenResponse'];

export const CLAIM_GRANT_TYPE = 'urn:opentrain:agent-auth:grant-type:claim';

/**
 * One poll of the token endpoint. Resolves with the post-claim token; rejects with `OAuthError`, including the
 * non-final `authorization_pending` and `slow_down` (see `waitForClaim` for the loop).
 */
export function exchangeClaim(
  transport: Transport,
  input: { claimToken: string },
  options?: RequestOptions,
): APIPromise<ClaimedToken> {
  const body: Schemas['AgentTokenRequest'] = { grant_type: CLAIM_GRANT_TYPE, claim_token: input.claimToken };
  return transport.request<ClaimedToken>(routes.exchangeClaimToken, { body }, options);
}

export interface ClaimPoll {
  /** Why the token is not here yet. */
  status: 'authorization_pending' | 'slow_down';
  /** 1 for the first poll. */
  attempt: number;
  /** Seconds until the next poll. */
  intervalSec: number;
}

export interface WaitForClaimOptions {
  claimToken: string;
  /** Seconds between polls: the `interval` of the claim-start response (default 5). */
  interval?: number;
  /** Give up after this long, in ms (default 30 min, the life of one claim attempt). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onPoll?: (poll: ClaimPoll) => void;
}

// RFC 8628 asks for 5 more seconds on every slow_down; OpenTrain's docs do not name an amount.
const SLOW_DOWN_STEP_SEC = 5;

/**
 * Polls the token endpoint until the human finishes the claim, and resolves with the post-claim token (switch to it
 * at once: every pre-claim token has just been revoked). `expired_token`, `access_denied`, `invalid_grant` and any
 * other final answer reject with `OAuthError`; the deadline rejects with `WaitTimeoutError`.
 */
export async function waitForClaim(transport: Transport, options: WaitForClaimOptions): Promise<ClaimedToken> {
  const { claimToken, signal, onPoll, timeoutMs = 1_800_000 } = options;
  let intervalSec = options.interval ?? 5;
  let lastStatus: string | undefined;
  const deadline = transport.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - transport.now();
    if (remaining <= 0) {
      throw new WaitTimeoutError(`The claim was not completed within ${timeoutMs} ms`, lastStatus);
    }
    // Wait first: polling sooner than `interval` after the claim started earns a slow_down.
    await transport.sleep(Math.min(intervalSec * 1000, remaining), signal);
    if (signal?.aborted) throw new RequestAbortedError(undefined, { cause: signal.reason });
    try {
      return await exchangeClaim(transport, { claimToken }, { signal });
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (error.error !== 'authorization_pending' && error.error !== 'slow_down') throw error;
      const status = error.error === 'slow_down' ? 'slow_down' : 'authorization_pending';
      if (status === 'slow_down') intervalSec += SLOW_DOWN_STEP_SEC;
      lastStatus = status;
      onPoll?.({ status, attempt, intervalSec });
    }
  }
}
