import { toIso } from '../state/clock.js';
import { missingScopes } from '../state/scopes.js';
import { findUsableToken } from '../state/tokens.js';
import type { FeatureKey, Scope } from '../state/types.js';
import { type AuthContext, originOf, type SandboxContext, type SandboxMiddleware } from './context.js';
import { ApiError, forbidden } from './errors.js';

/**
 * The gates every authenticated Public API operation passes, in this order: a valid bearer token (401), the
 * scopes (403 `requiredScopes`/`grantedScopes`), the account's feature flag (403 `featureKey`), and the claimed
 * account (403 `account_claim_required`). Routes normally get them from their operation definition.
 */

export function requireToken(): SandboxMiddleware {
  return async (c, next) => {
    const runtime = c.var.sandbox;
    const now = runtime.now();
    const value = bearerValue(c.req.header('authorization'));
    const token = value ? findUsableToken(runtime.state, value, now) : undefined;
    const account = token ? runtime.state.accounts[token.accountId] : undefined;
    const owner = account ? runtime.state.users[account.ownerUserId] : undefined;
    if (!token || !account || !owner) {
      throw new ApiError(
        'UNAUTHORIZED',
        value ? 'The API token is invalid, expired or revoked.' : 'Missing bearer token.',
        undefined,
        { 'WWW-Authenticate': `Bearer resource_metadata="${originOf(c)}/.well-known/oauth-protected-resource"` },
      );
    }
    token.lastUsedAt = toIso(now);
    c.set('auth', { token, account, owner });
    await next();
  };
}

function bearerValue(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** The authenticated caller; only valid behind `requireToken`. */
export function authOf(c: SandboxContext): AuthContext {
  const auth = c.get('auth');
  if (!auth) throw new Error('authOf() used on a route without requireToken()');
  return auth;
}

/** Every listed scope must be held (`:write` satisfies `:read`). */
export function requireScopes(...required: Scope[]): SandboxMiddleware {
  return async (c, next) => {
    const { token } = authOf(c);
    const missing = missingScopes(token.scopes, required);
    if (missing.length > 0) {
      throw forbidden(`This token lacks the ${plural('scope', missing)} ${missing.join(', ')}.`, {
        requiredScopes: [...required],
        grantedScopes: [...token.scopes],
      });
    }
    await next();
  };
}

/** At least one of the listed scopes must be held (the updates feed's rule). */
export function requireAnyScope(...anyOf: Scope[]): SandboxMiddleware {
  return async (c, next) => {
    const { token } = authOf(c);
    if (missingScopes(token.scopes, anyOf).length === anyOf.length) {
      throw forbidden(`This token needs at least one of the scopes ${anyOf.join(', ')}.`, {
        requiredScopes: [...anyOf],
        grantedScopes: [...token.scopes],
      });
    }
    await next();
  };
}

export function requireFeature(featureKey: FeatureKey): SandboxMiddleware {
  return async (c, next) => {
    const { account } = authOf(c);
    if (!account.features[featureKey]) {
      throw forbidden(`The ${featureKey} feature is not enabled for this account.`, { featureKey, mode: 'OFF' });
    }
    await next();
  };
}

/** `action` completes "A human must claim this agent account before it can …", e.g. "hire AI trainers". */
export function requireClaim(action: string): SandboxMiddleware {
  return async (c, next) => {
    const { account } = authOf(c);
    if (!account.claimed) {
      throw forbidden(`A human must claim this agent account before it can ${action}.`, {
        reason: 'account_claim_required',
        action,
        claimUrl: `${originOf(c)}/claim`,
      });
    }
    await next();
  };
}

const plural = (word: string, items: readonly unknown[]) => (items.length === 1 ? word : `${word}s`);
