import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { findUserByEmail, fullName } from './accounts.js';
import { isPast, toIso } from './clock.js';
import { newId } from './random.js';
import type { TeamInviteRecord } from './records/sync.js';
import type { Account, SandboxState, User } from './types.js';

type Schemas = PublicComponents['schemas'];

/** An invitation stays open this long (seven days in the docs' example). */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Invitation emails to this domain (and its subdomains) always fail to send, so the 409 path can be exercised. */
export const UNDELIVERABLE_DOMAIN = 'fail.example';

export type InviteStatus = Schemas['TeamInviteStatus'];

/** What an invitation came to; `email_send_failed` leaves the team unchanged. */
export type InviteOutcome = InviteStatus | 'email_send_failed';

/** The team as `GET /team` shows it: the owner first, then members by joining date, then the open invites. */
export function teamView(state: SandboxState, account: Account, now: number): PublicComponents['schemas']['Team'] {
  const owner = state.users[account.ownerUserId];
  if (!owner) throw new Error(`account ${account.id} has no owner`);
  const members = Object.values(state.teamMembers)
    .filter((member) => member.accountId === account.id)
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))
    .flatMap((member) => {
      const user = state.users[member.userId];
      return user ? [memberView(user, 'MEMBER', member.joinedAt)] : [];
    });
  return {
    organization: {
      id: account.id,
      name: account.organizationName ?? account.agentName ?? 'Unnamed organization',
      ownerUserId: owner.id,
      ownerName: displayName(owner),
    },
    members: [memberView(owner, 'OWNER', owner.createdAt), ...members],
    invites: openInvites(state, account.id, now).map(({ id, email, createdAt, expiresAt }) => ({
      id,
      email,
      createdAt,
      expiresAt,
    })),
  };
}

/**
 * Invites `email` to the account's team: an address already on the team changes nothing, one that belongs to an
 * existing user joins directly, anything else gets (or keeps) an open emailed invitation.
 */
export function inviteTeamMember(state: SandboxState, account: Account, email: string, now: number): InviteOutcome {
  const wanted = email.trim().toLowerCase();
  if (teamUsers(state, account).some((user) => user.email?.toLowerCase() === wanted)) return 'already_member';

  const existing = findUserByEmail(state, wanted);
  if (existing) {
    const id = newId(state, 'tmm');
    state.teamMembers[id] = { id, accountId: account.id, userId: existing.id, joinedAt: toIso(now) };
    for (const invite of openInvites(state, account.id, now)) {
      if (invite.email === wanted) delete state.teamInvites[invite.id];
    }
    return 'member_added';
  }

  const domain = wanted.slice(wanted.lastIndexOf('@') + 1);
  if (domain === UNDELIVERABLE_DOMAIN || domain.endsWith(`.${UNDELIVERABLE_DOMAIN}`)) return 'email_send_failed';
  // A repeated invite re-sends the email for the open invitation instead of listing the person twice.
  if (!openInvites(state, account.id, now).some((invite) => invite.email === wanted)) {
    const invite: TeamInviteRecord = {
      id: newId(state, 'tmi'),
      accountId: account.id,
      email: wanted,
      createdAt: toIso(now),
      expiresAt: toIso(now + INVITE_TTL_MS),
    };
    state.teamInvites[invite.id] = invite;
  }
  return 'invite_created';
}

function openInvites(state: SandboxState, accountId: string, now: number): TeamInviteRecord[] {
  return Object.values(state.teamInvites)
    .filter((invite) => invite.accountId === accountId && !isPast(invite.expiresAt, now))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function teamUsers(state: SandboxState, account: Account): User[] {
  const memberIds = Object.values(state.teamMembers)
    .filter((member) => member.accountId === account.id)
    .map((member) => member.userId);
  return [account.ownerUserId, ...memberIds].flatMap((id) => state.users[id] ?? []);
}

function memberView(user: User, role: Schemas['TeamRole'], joinedAt: string): Schemas['TeamMember'] {
  const view = { userId: user.id, role, name: displayName(user), joinedAt };
  return user.email ? { ...view, email: user.email } : view;
}

/** The member's name, else their email; an anonymous agent's owner has neither until a human claims the account. */
function displayName(user: User): string {
  return fullName(user) ?? user.email ?? 'Account owner';
}
