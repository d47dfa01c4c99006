import { toIso } from './clock.js';
import { allFeaturesOn } from './features.js';
import { newId } from './random.js';
import type { Account, SandboxState, User } from './types.js';

export interface NewAccount {
  organizationName?: string | null;
  agentName?: string | null;
  claimed: boolean;
  owner?: { email: string; firstName?: string | null; lastName?: string | null };
}

export function createAccount(state: SandboxState, input: NewAccount, now: number): { account: Account; owner: User } {
  const createdAt = toIso(now);
  const account: Account = {
    id: newId(state, 'org'),
    kind: 'employer_organization',
    organizationName: input.organizationName ?? null,
    agentName: input.agentName ?? null,
    ownerUserId: '',
    claimed: input.claimed,
    claimedAt: input.claimed ? createdAt : null,
    features: allFeaturesOn(),
    createdAt,
  };
  const owner: User = {
    id: newId(state, 'usr'),
    accountId: account.id,
    email: input.owner?.email ?? null,
    firstName: input.owner?.firstName ?? null,
    lastName: input.owner?.lastName ?? null,
    createdAt,
  };
  account.ownerUserId = owner.id;
  state.accounts[account.id] = account;
  state.users[owner.id] = owner;
  return { account, owner };
}

export function findUserByEmail(state: SandboxState, email: string): User | undefined {
  const wanted = email.trim().toLowerCase();
  return Object.values(state.users).find((user) => user.email?.toLowerCase() === wanted);
}

/** Binds an unclaimed account to the human who completed the claim. */
export function markAccountClaimed(state: SandboxState, accountId: string, email: string, now: number): void {
  const account = state.accounts[accountId];
  if (!account) throw new Error(`no account ${accountId}`);
  const owner = state.users[account.ownerUserId];
  account.claimed = true;
  account.claimedAt = toIso(now);
  if (owner) {
    owner.email = email;
    owner.firstName ??= nameFromEmail(email);
  }
}

/** "mira.chen@example.com" → "Mira": a friendly placeholder until the human edits their profile. */
function nameFromEmail(email: string): string {
  const local = email.split('@')[0]?.split(/[._+-]/)[0] ?? '';
  return local ? local.charAt(0).toUpperCase() + local.slice(1) : 'Owner';
}

export function fullName(user: User): string | null {
  const parts = [user.firstName, user.lastName].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' ') : null;
}
