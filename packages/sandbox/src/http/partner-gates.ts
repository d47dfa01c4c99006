import { findInstallByToken, type InstallRefusal, installRefusal } from '../state/partner-installs.js';
import type { PartnerScope } from '../state/records/partner.js';
import { missingScopes } from '../state/scopes.js';
import type { PartnerAuthContext, SandboxContext, SandboxMiddleware } from './context.js';
import { ApiError, forbidden } from './errors.js';

/**
 * The gates of every Platform API operation, in this order: a live `ot_ptk_…` token (401), an `ACTIVE` install and
 * platform app with the annotation-platform feature on for the employer (403 with `details.reason`), then the
 * operation's scopes (403 `requiredScopes`/`grantedScopes`). Public API tokens are not platform tokens.
 */
export function partnerGates(required: readonly PartnerScope[]): SandboxMiddleware[] {
  const gates = [requirePartnerToken()];
  if (required.length > 0) gates.push(requirePartnerScopes(required));
  return gates;
}

const REFUSALS: Record<InstallRefusal, string> = {
  install_inactive: 'This install is no longer active; the customer must connect the app again.',
  partner_app_disabled: 'The platform app behind this install is disabled.',
  feature_disabled: 'The annotation-platform feature is not enabled for this employer.',
};

function requirePartnerToken(): SandboxMiddleware {
  return async (c, next) => {
    const { state } = c.var.sandbox;
    const value = c.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    const install = value ? findInstallByToken(state, value) : undefined;
    const account = install ? state.accounts[install.accountId] : undefined;
    if (!install || !account) {
      throw new ApiError(
        'UNAUTHORIZED',
        value ? 'The platform token is invalid or revoked.' : 'Missing bearer token (an ot_ptk_… platform token).',
        undefined,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const refusal = installRefusal(state, install);
    if (refusal) {
      const details =
        refusal === 'feature_disabled' ? { reason: refusal, featureKey: 'partner_api' } : { reason: refusal };
      throw forbidden(REFUSALS[refusal], details);
    }
    c.set('partnerAuth', { install, account });
    await next();
  };
}

/** Every listed scope must be granted (`project-links:write` satisfies `project-links:read`). */
function requirePartnerScopes(required: readonly PartnerScope[]): SandboxMiddleware {
  return async (c, next) => {
    const { install } = partnerAuthOf(c);
    const missing = missingScopes(install.scopes, required);
    if (missing.length > 0) {
      throw forbidden(
        `This install was not granted the scope${missing.length === 1 ? '' : 's'} ${missing.join(', ')}.`,
        {
          requiredScopes: [...required],
          grantedScopes: [...install.scopes],
        },
      );
    }
    await next();
  };
}

/** The calling install; only valid behind the partner gates. */
export function partnerAuthOf(c: SandboxContext): PartnerAuthContext {
  const auth = c.get('partnerAuth');
  if (!auth) throw new Error('partnerAuthOf() used on a route without the partner gates');
  return auth;
}
