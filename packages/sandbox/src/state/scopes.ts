import type { Scope } from './types.js';

export const ALL_SCOPES: readonly Scope[] = [
  'jobs:read',
  'jobs:write',
  'proposals:read',
  'proposals:write',
  'messages:read',
  'messages:write',
  'payments:read',
  'payments:write',
  'team:read',
  'team:write',
  'webhooks:manage',
];

/** Scopes of the token handed out at anonymous registration. */
export const PRE_CLAIM_SCOPES: readonly Scope[] = [
  'jobs:read',
  'jobs:write',
  'proposals:read',
  'messages:read',
  'payments:read',
  'team:read',
];

/** Scopes of the one-time token delivered after a human claims the account. */
export const POST_CLAIM_SCOPES: readonly Scope[] = [
  'jobs:read',
  'jobs:write',
  'proposals:read',
  'proposals:write',
  'messages:read',
  'messages:write',
  'payments:read',
  'team:read',
  'team:write',
];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (ALL_SCOPES as readonly string[]).includes(value);
}

/** True when `granted` satisfies `required`; a `:write` scope also satisfies the matching `:read`. */
export function scopeCovers(granted: readonly Scope[], required: Scope): boolean {
  if (granted.includes(required)) return true;
  if (!required.endsWith(':read')) return false;
  const write = `${required.slice(0, -':read'.length)}:write`;
  return (granted as readonly string[]).includes(write);
}

export function missingScopes(granted: readonly Scope[], required: readonly Scope[]): Scope[] {
  return required.filter((scope) => !scopeCovers(granted, scope));
}

/** Catalog order without duplicates, so stored and returned scope lists are stable. */
export function normaliseScopes(scopes: readonly Scope[]): Scope[] {
  return ALL_SCOPES.filter((scope) => scopes.includes(scope));
}
