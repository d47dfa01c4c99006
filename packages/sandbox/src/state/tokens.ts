import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { isPast, toIso } from './clock.js';
import { newId, randomHex, randomSecret } from './random.js';
import { normaliseScopes } from './scopes.js';
import type { ApiToken, SandboxState, Scope } from './types.js';

type Schemas = PublicComponents['schemas'];

/** At most this many active tokens per account. */
export const ACTIVE_TOKEN_CAP = 25;

export type TokenStatus = Schemas['ApiTokenStatus'];

export interface NewToken {
  accountId: string;
  name: string;
  scopes: readonly Scope[];
  expiresAt?: string | null;
}

export function mintToken(state: SandboxState, input: NewToken, now: number): ApiToken {
  const account = state.accounts[input.accountId];
  if (!account) throw new Error(`no account ${input.accountId}`);
  const token: ApiToken = {
    id: newId(state, 'tok'),
    accountId: input.accountId,
    name: input.name,
    value: `ot_pat_${randomHex(state, 12)}_${randomSecret(state, 32)}`,
    scopes: normaliseScopes(input.scopes),
    preClaim: !account.claimed,
    createdAt: toIso(now),
    lastUsedAt: null,
    expiresAt: input.expiresAt ?? null,
    revokedAt: null,
  };
  state.tokens[token.id] = token;
  return token;
}

export function tokenStatus(token: ApiToken, now: number): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (isPast(token.expiresAt, now)) return 'expired';
  return 'active';
}

/** The token a bearer value names, if it may still be used. */
export function findUsableToken(state: SandboxState, value: string, now: number): ApiToken | undefined {
  const token = Object.values(state.tokens).find((candidate) => candidate.value === value);
  return token && tokenStatus(token, now) === 'active' ? token : undefined;
}

/** Newest first; tokens minted in the same millisecond keep their minting order (records keep insertion order). */
export function accountTokens(state: SandboxState, accountId: string): ApiToken[] {
  return Object.values(state.tokens)
    .filter((token) => token.accountId === accountId)
    .reverse()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function activeTokenCount(state: SandboxState, accountId: string, now: number): number {
  return accountTokens(state, accountId).filter((token) => tokenStatus(token, now) === 'active').length;
}

/** Revocation is immediate and permanent; revoking twice keeps the first `revokedAt`. */
export function revokeToken(token: ApiToken, now: number): void {
  token.revokedAt ??= toIso(now);
}

/** `ot_pat_8f2a********91cd`: the prefix, the first four characters after it, eight stars, the last four. */
export function tokenPreview(value: string): string {
  const prefix = value.startsWith('ot_pat_') ? 'ot_pat_' : '';
  const rest = value.slice(prefix.length);
  return `${prefix}${rest.slice(0, 4)}********${rest.slice(-4)}`;
}

/** The public token record: never the secret. */
export function tokenView(token: ApiToken, now: number): Schemas['ApiToken'] {
  return {
    id: token.id,
    name: token.name,
    preview: tokenPreview(token.value),
    scopes: [...token.scopes],
    status: tokenStatus(token, now),
    organizationId: null,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
  };
}
