import { ApiError, badRequest, conflict, forbidden } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { toIso } from '../state/clock.js';
import { missingScopes } from '../state/scopes.js';
import {
  ACTIVE_TOKEN_CAP,
  accountTokens,
  activeTokenCount,
  mintToken,
  revokeToken,
  tokenView,
} from '../state/tokens.js';
import type { Scope } from '../state/types.js';

export const tokenRoutes: RouteFamily = {
  name: 'tokens',
  register(router) {
    router.operation(
      { operationId: 'createToken', method: 'POST', path: '/api/public/v1/tokens', auth: { scopes: [] } },
      async (c) => {
        const runtime = c.var.sandbox;
        const { token: caller, account } = authOf(c);
        // Shapes, lengths and scope names are already checked against the spec; what is left depends on state.
        const body = inputOf(c).body as { name?: string; scopes?: Scope[]; expiresAt?: string };
        const now = runtime.now();

        const name = body.name ?? 'API token';
        const scopes = requestedScopes(body.scopes, caller.scopes);
        // Stored and echoed in the API's canonical form (UTC with milliseconds), whatever offset was sent.
        const expiresAt = body.expiresAt === undefined ? undefined : toIso(Date.parse(body.expiresAt));
        if (expiresAt !== undefined && Date.parse(expiresAt) <= now) {
          throw badRequest('expiresAt must be in the future.', { field: 'expiresAt' });
        }
        const escalated = missingScopes(caller.scopes, scopes);
        if (escalated.length > 0) {
          throw forbidden(`A token cannot grant scopes its creator lacks: ${escalated.join(', ')}.`, {
            requiredScopes: escalated,
            grantedScopes: [...caller.scopes],
          });
        }
        if (activeTokenCount(runtime.state, account.id, now) >= ACTIVE_TOKEN_CAP) {
          throw conflict(`This account already has ${ACTIVE_TOKEN_CAP} active tokens; revoke one first.`, {
            limit: ACTIVE_TOKEN_CAP,
          });
        }

        const token = mintToken(runtime.state, { accountId: account.id, name, scopes, expiresAt }, now);
        return c.json({ token: token.value, tokenType: 'bearer', metadata: tokenView(token, now) }, 201);
      },
    );

    router.operation(
      { operationId: 'listTokens', method: 'GET', path: '/api/public/v1/tokens', auth: { scopes: [] } },
      (c) => {
        const runtime = c.var.sandbox;
        const now = runtime.now();
        const tokens = accountTokens(runtime.state, authOf(c).account.id).map((token) => tokenView(token, now));
        return c.json({ tokens });
      },
    );

    router.operation(
      {
        operationId: 'revokeToken',
        method: 'DELETE',
        path: '/api/public/v1/tokens/{tokenId}',
        auth: { scopes: [] },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const tokenId = c.req.param('tokenId') ?? '';
        const token = runtime.state.tokens[tokenId];
        // A token of another account is reported exactly like a missing one.
        if (!token || token.accountId !== authOf(c).account.id) {
          throw new ApiError('NOT_FOUND', `No token with id ${tokenId}.`, { tokenId });
        }
        const now = runtime.now();
        revokeToken(token, now);
        return c.json({ token: tokenView(token, now) });
      },
    );
  },
};

/** The scopes to mint: the caller's own by default, otherwise the (spec-checked) list asked for. */
function requestedScopes(requested: Scope[] | undefined, callerScopes: readonly Scope[]): Scope[] {
  if (requested === undefined) return [...callerScopes];
  if (requested.length === 0) throw badRequest('scopes must list at least one scope.', { field: 'scopes' });
  return requested;
}
