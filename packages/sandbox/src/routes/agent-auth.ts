import { type JsonObject, readBodyObject } from '../http/body.js';
import { originOf, type SandboxContext } from '../http/context.js';
import { OAuthError } from '../http/errors.js';
import type { RouteFamily } from '../http/router.js';
import {
  CLAIM_ATTEMPT_SECONDS,
  findRegistrationByClaimToken,
  pollClaim,
  registerAgent,
  startClaimAttempt,
} from '../state/agent-auth.js';
import { findUsableToken, revokeToken } from '../state/tokens.js';

export const CLAIM_GRANT_TYPE = 'urn:opentrain:agent-auth:grant-type:claim';

/** Token responses must never be cached by an intermediary (RFC 6749 §5.1). */
const NO_STORE = { 'Cache-Control': 'no-store' };

const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);

async function oauthBody(c: SandboxContext): Promise<JsonObject> {
  const result = await readBodyObject(c);
  if (!result.ok) throw invalidRequest(result.problem);
  return result.value;
}

function optionalText(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`${field} must be a string.`);
  return value;
}

function requiredText(body: JsonObject, field: string): string {
  const value = optionalText(body, field);
  if (!value || value.trim() === '') throw invalidRequest(`${field} is required.`);
  return value.trim();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const agentAuthRoutes: RouteFamily = {
  name: 'agent-auth',
  register(router) {
    router.operation(
      { operationId: 'registerAgent', method: 'POST', path: '/api/agent/identity', auth: 'none' },
      async (c) => {
        const runtime = c.var.sandbox;
        if (!runtime.state.settings.anonymousRegistration) {
          throw new OAuthError(403, 'anonymous_not_enabled', 'Anonymous agent registration is disabled here.');
        }
        const body = await oauthBody(c);
        const identityType = optionalText(body, 'identity_type') ?? 'anonymous';
        if (identityType !== 'anonymous') {
          throw new OAuthError(400, 'unsupported_identity_type', 'identity_type must be "anonymous".');
        }
        const { registration, accessToken } = registerAgent(
          runtime.state,
          { agentName: optionalText(body, 'agent_name'), organizationName: optionalText(body, 'organization_name') },
          runtime.now(),
        );
        const origin = originOf(c);
        return c.json(
          {
            identity_type: 'anonymous',
            registration_id: registration.id,
            access_token: accessToken.value,
            token_type: 'bearer',
            scopes: accessToken.scopes,
            claim_token: registration.claimToken,
            claim_token_expires_at: registration.claimTokenExpiresAt,
            claim_endpoint: `${origin}/api/agent/identity/claim`,
            token_endpoint: `${origin}/api/agent/oauth/token`,
            grant_type: CLAIM_GRANT_TYPE,
          },
          200,
          NO_STORE,
        );
      },
    );

    router.operation(
      { operationId: 'startClaim', method: 'POST', path: '/api/agent/identity/claim', auth: 'none' },
      async (c) => {
        const runtime = c.var.sandbox;
        const body = await oauthBody(c);
        const claimToken = requiredText(body, 'claim_token');
        const email = requiredText(body, 'email');
        if (!EMAIL.test(email)) throw invalidRequest('email must be an email address such as owner@example.com.');
        const registration = findRegistrationByClaimToken(runtime.state, claimToken);
        if (!registration) throw invalidRequest('unknown_claim_token: the claim_token is not recognised.');
        const attempt = startClaimAttempt(runtime.state, registration, email, runtime.now());
        if (typeof attempt === 'string') throw invalidRequest(CLAIM_REFUSALS[attempt]);
        return c.json(
          {
            user_code: attempt.userCode,
            verification_uri: `${originOf(c)}/claim?token=${attempt.attemptToken}`,
            expires_in: CLAIM_ATTEMPT_SECONDS,
            interval: attempt.intervalSeconds,
            // The sandbox sends no email; the agent shows the link and code to the human itself.
            email_sent: false,
          },
          200,
          NO_STORE,
        );
      },
    );

    router.operation(
      { operationId: 'exchangeClaimToken', method: 'POST', path: '/api/agent/oauth/token', auth: 'none' },
      async (c) => {
        const runtime = c.var.sandbox;
        const body = await oauthBody(c);
        const grantType = requiredText(body, 'grant_type');
        if (grantType !== CLAIM_GRANT_TYPE) {
          throw new OAuthError(400, 'unsupported_grant_type', `grant_type must be ${CLAIM_GRANT_TYPE}.`);
        }
        const claimToken = requiredText(body, 'claim_token');
        const registration = findRegistrationByClaimToken(runtime.state, claimToken);
        if (!registration) throw new OAuthError(400, 'invalid_grant', 'The claim_token is not recognised.');
        const outcome = pollClaim(runtime.state, registration, runtime.now());
        if (outcome.kind === 'not_started') {
          throw invalidRequest('No claim has been started for this claim_token; call /api/agent/identity/claim first.');
        }
        if (outcome.kind === 'error') throw new OAuthError(400, outcome.error, outcome.description);
        return c.json(
          { access_token: outcome.token.value, token_type: 'bearer', scopes: outcome.token.scopes },
          200,
          NO_STORE,
        );
      },
    );

    router.operation(
      { operationId: 'revokeAgentToken', method: 'POST', path: '/api/agent/oauth/revoke', auth: 'none' },
      async (c) => {
        const runtime = c.var.sandbox;
        const body = await oauthBody(c);
        const value = requiredText(body, 'token');
        const now = runtime.now();
        const token = findUsableToken(runtime.state, value, now);
        if (token) revokeToken(token, now);
        // Always {}: the answer never reveals whether the token existed (RFC 7009).
        return c.json({}, 200);
      },
    );
  },
};

const CLAIM_REFUSALS = {
  unknown_claim_token: 'unknown_claim_token: the claim_token is not recognised.',
  claim_window_expired: 'claim_window_expired: the claim window for this registration has closed; register again.',
  already_claimed: 'already_claimed: a human has already claimed this account.',
  email_already_registered:
    'email_already_registered: this email already belongs to an OpenTrain account; use a different email.',
} as const;
