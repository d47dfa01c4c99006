import { createAccount, findUserByEmail, markAccountClaimed } from './accounts.js';
import { isPast, toIso } from './clock.js';
import { newId, randomDigits, randomSecret } from './random.js';
import { POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES } from './scopes.js';
import { mintToken, revokeToken, tokenStatus } from './tokens.js';
import type { ApiToken, ClaimAttempt, Registration, SandboxState } from './types.js';

export const CLAIM_WINDOW_MS = 24 * 60 * 60 * 1000;
export const CLAIM_ATTEMPT_SECONDS = 1800;
export const POLL_INTERVAL_SECONDS = 5;
/** RFC 8628: every `slow_down` lengthens the required interval by five seconds. */
export const SLOW_DOWN_STEP_SECONDS = 5;

export interface RegisteredAgent {
  registration: Registration;
  accessToken: ApiToken;
}

export function registerAgent(
  state: SandboxState,
  input: { agentName?: string | null; organizationName?: string | null },
  now: number,
): RegisteredAgent {
  const { account } = createAccount(
    state,
    { claimed: false, agentName: input.agentName ?? null, organizationName: input.organizationName ?? null },
    now,
  );
  const accessToken = mintToken(
    state,
    { accountId: account.id, name: input.agentName ?? 'Agent registration', scopes: PRE_CLAIM_SCOPES },
    now,
  );
  const registration: Registration = {
    id: newId(state, 'reg'),
    accountId: account.id,
    claimToken: `ot_clm_${randomSecret(state, 32)}`,
    claimTokenExpiresAt: toIso(now + CLAIM_WINDOW_MS),
    currentAttemptId: null,
    postClaimTokenDeliveredAt: null,
  };
  state.registrations[registration.id] = registration;
  return { registration, accessToken };
}

export function findRegistrationByClaimToken(state: SandboxState, claimToken: string): Registration | undefined {
  return Object.values(state.registrations).find((registration) => registration.claimToken === claimToken);
}

export function findAttemptByToken(state: SandboxState, attemptToken: string): ClaimAttempt | undefined {
  return Object.values(state.claimAttempts).find((attempt) => attempt.attemptToken === attemptToken);
}

export function currentAttempt(state: SandboxState, registration: Registration): ClaimAttempt | undefined {
  return registration.currentAttemptId ? state.claimAttempts[registration.currentAttemptId] : undefined;
}

/** Why a claim cannot start; each maps to an OAuth `invalid_request` with this text as the description. */
export type ClaimStartRefusal =
  | 'unknown_claim_token'
  | 'claim_window_expired'
  | 'already_claimed'
  | 'email_already_registered';

export function startClaimAttempt(
  state: SandboxState,
  registration: Registration,
  email: string,
  now: number,
): ClaimAttempt | ClaimStartRefusal {
  const account = state.accounts[registration.accountId];
  if (!account) return 'unknown_claim_token';
  if (account.claimed) return 'already_claimed';
  if (isPast(registration.claimTokenExpiresAt, now)) return 'claim_window_expired';
  if (findUserByEmail(state, email)) return 'email_already_registered';

  const previous = currentAttempt(state, registration);
  if (previous?.status === 'pending') previous.status = 'superseded';
  const attempt: ClaimAttempt = {
    id: newId(state, 'cla'),
    registrationId: registration.id,
    attemptToken: `ot_cat_${randomSecret(state, 32)}`,
    email: email.trim(),
    userCode: randomDigits(state, 6),
    status: 'pending',
    intervalSeconds: POLL_INTERVAL_SECONDS,
    lastPolledAt: null,
    expiresAt: toIso(now + CLAIM_ATTEMPT_SECONDS * 1000),
    createdAt: toIso(now),
    completedAt: null,
  };
  state.claimAttempts[attempt.id] = attempt;
  registration.currentAttemptId = attempt.id;
  return attempt;
}

/** Whether the human may still act on this attempt's claim page, and why not. */
export type AttemptAvailability = 'open' | 'already_completed' | 'superseded' | 'expired';

export function attemptAvailability(attempt: ClaimAttempt, now: number): AttemptAvailability {
  if (attempt.status === 'completed') return 'already_completed';
  if (attempt.status === 'superseded') return 'superseded';
  if (isPast(attempt.expiresAt, now)) return 'expired';
  return 'open';
}

export type ClaimCompletion = 'completed' | 'wrong_email' | 'wrong_code' | Exclude<AttemptAvailability, 'open'>;

/** The human's side of the ceremony: the email and the six-digit code must both match the attempt. */
export function completeClaim(
  state: SandboxState,
  attempt: ClaimAttempt,
  entered: { email: string; userCode: string },
  now: number,
): ClaimCompletion {
  const availability = attemptAvailability(attempt, now);
  if (availability !== 'open') return availability;
  if (entered.email.trim().toLowerCase() !== attempt.email.toLowerCase()) return 'wrong_email';
  if (entered.userCode.replace(/\s+/g, '') !== attempt.userCode) return 'wrong_code';
  const registration = state.registrations[attempt.registrationId];
  if (!registration) throw new Error(`claim attempt ${attempt.id} has no registration`);
  attempt.status = 'completed';
  attempt.completedAt = toIso(now);
  markAccountClaimed(state, registration.accountId, attempt.email, now);
  return 'completed';
}

export type PollOutcome =
  | { kind: 'token'; token: ApiToken }
  | {
      kind: 'error';
      error: 'authorization_pending' | 'slow_down' | 'expired_token' | 'invalid_grant';
      description: string;
    }
  | { kind: 'not_started' };

/**
 * One poll of the token endpoint. Hands out the post-claim token exactly once and revokes every pre-claim token
 * at that moment; polling faster than the attempt's interval answers `slow_down`.
 */
export function pollClaim(state: SandboxState, registration: Registration, now: number): PollOutcome {
  if (registration.postClaimTokenDeliveredAt) {
    return {
      kind: 'error',
      error: 'invalid_grant',
      description: 'The post-claim token for this claim token was already delivered.',
    };
  }
  if (isPast(registration.claimTokenExpiresAt, now)) {
    return {
      kind: 'error',
      error: 'expired_token',
      description: 'The claim window for this registration has closed; register the agent again.',
    };
  }
  const attempt = currentAttempt(state, registration);
  if (!attempt) return { kind: 'not_started' };

  const lastPoll = attempt.lastPolledAt ? Date.parse(attempt.lastPolledAt) : null;
  attempt.lastPolledAt = toIso(now);
  if (lastPoll !== null && now - lastPoll < attempt.intervalSeconds * 1000) {
    attempt.intervalSeconds += SLOW_DOWN_STEP_SECONDS;
    return {
      kind: 'error',
      error: 'slow_down',
      description: `Polling too fast; wait at least ${attempt.intervalSeconds} seconds between polls.`,
    };
  }
  if (attempt.status !== 'completed') {
    if (isPast(attempt.expiresAt, now)) {
      return {
        kind: 'error',
        error: 'expired_token',
        description: 'This claim attempt expired before the human finished; start the claim again.',
      };
    }
    return { kind: 'error', error: 'authorization_pending', description: 'The human has not completed the claim yet.' };
  }

  const token = deliverPostClaimToken(state, registration, now);
  return { kind: 'token', token };
}

function deliverPostClaimToken(state: SandboxState, registration: Registration, now: number): ApiToken {
  for (const token of Object.values(state.tokens)) {
    if (token.accountId === registration.accountId && token.preClaim && tokenStatus(token, now) !== 'revoked') {
      revokeToken(token, now);
    }
  }
  registration.postClaimTokenDeliveredAt = toIso(now);
  return mintToken(
    state,
    { accountId: registration.accountId, name: 'Claimed agent token', scopes: POST_CLAIM_SCOPES },
    now,
  );
}
