import { publicSchemas } from '@opentrain-ai/sdk/schemas';
import type { Scope } from './types.js';

/** The spec's catalog order, which stored and returned scope lists follow. */
export const ALL_SCOPES: readonly Scope[] = publicSchemas.zScope.options;

/** Scopes of the token handed out at anonymous registration. */
export const PRE_CLAIM_SCOPES: readonly Scope[] = [
  'jobs:read',
  'jobs:write',
  'proposals:read',
  'messages:read',
  'payments:read',
  'team:read',
];

/** Scopes of the one-time token delivered after a human claims the account: the pre-claim set plus three writes. */
export const POST_CLAIM_SCOPES: readonly Scope[] = normaliseScopes([
  ...PRE_CLAIM_SCOPES,
  'proposals:write',
  'messages:write',
  'team:write',
]);

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (ALL_SCOPES as readonly string[]).includes(value);
}

/**
 * True when `granted` satisfies `required`; a `:write` scope also satisfies the matching `:read`. The rule is the
 * same for Public API and Platform API scopes.
 */
export function scopeCovers<S extends string>(granted: readonly S[], required: S): boolean {
  if (granted.includes(required)) return true;
  if (!required.endsWith(':read')) return false;
  const write = `${required.slice(0, -':read'.length)}:write`;
  return (granted as readonly string[]).includes(write);
}

export function missingScopes<S extends string>(granted: readonly S[], required: readonly S[]): S[] {
  return required.filter((scope) => !scopeCovers(granted, scope));
}

/** Catalog order without duplicates, so stored and returned scope lists are stable. */
export function normaliseScopes(scopes: readonly Scope[]): Scope[] {
  return ALL_SCOPES.filter((scope) => scopes.includes(scope));
}
