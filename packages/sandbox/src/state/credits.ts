import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { isPast, toIso } from './clock.js';
import { newId, nextSequence } from './random.js';
import type { CreditEntryRecord, CreditEntryType, CreditTopUpRecord } from './records/money.js';
import type { SandboxState } from './types.js';

type Schemas = PublicComponents['schemas'];

/** An unpaid checkout link lapses this long after the top-up was created. */
export const TOP_UP_TTL_MS = 24 * 60 * 60 * 1000;
export const TOP_UP_MIN_USD = 10;
export const TOP_UP_MAX_USD = 10_000;
export const RECENT_ENTRY_COUNT = 10;

export interface CreditBalance {
  availableCents: number;
  reservedCents: number;
}

/**
 * The balance is derived from the ledger, never stored: a `HOLD` moves money from available to reserved, a
 * `HOLD_RELEASE` moves it back, a `CAPTURE` pays reserved money out, and the rest change what is available.
 */
export function creditBalance(state: SandboxState, accountId: string): CreditBalance {
  let availableCents = 0;
  let reservedCents = 0;
  for (const entry of accountEntries(state, accountId)) {
    const amount = entry.amountCents;
    if (entry.type === 'HOLD' || entry.type === 'HOLD_RELEASE') {
      availableCents += amount;
      reservedCents -= amount;
    } else if (entry.type === 'CAPTURE') {
      reservedCents += amount;
    } else {
      availableCents += amount;
    }
  }
  return { availableCents, reservedCents };
}

export interface NewCreditEntry {
  accountId: string;
  type: CreditEntryType;
  amountCents: number;
  holdEntryId?: string | null;
  proposalId?: string | null;
  contractId?: string | null;
  milestoneId?: string | null;
  topUpId?: string | null;
  note?: string | null;
}

export function appendCreditEntry(state: SandboxState, input: NewCreditEntry, now: number): CreditEntryRecord {
  const entry: CreditEntryRecord = {
    id: newId(state, 'cle'),
    sequence: nextSequence(state, 'credit-entry', 1),
    accountId: input.accountId,
    type: input.type,
    amountCents: input.amountCents,
    holdEntryId: input.holdEntryId ?? null,
    proposalId: input.proposalId ?? null,
    contractId: input.contractId ?? null,
    milestoneId: input.milestoneId ?? null,
    topUpId: input.topUpId ?? null,
    note: input.note ?? null,
    createdAt: toIso(now),
  };
  state.creditEntries.push(entry);
  return entry;
}

/** Oldest first (the order they were written in). */
function accountEntries(state: SandboxState, accountId: string): CreditEntryRecord[] {
  return state.creditEntries.filter((entry) => entry.accountId === accountId);
}

export interface LedgerPage {
  entries: CreditEntryRecord[];
  nextCursor: string | null;
}

/**
 * Newest first. The cursor names the last entry of the previous page, so entries written between two page reads
 * neither repeat nor shift the next page. Returns undefined for a cursor this ledger never issued.
 */
export function ledgerPage(
  state: SandboxState,
  accountId: string,
  options: { cursor?: string; limit: number },
): LedgerPage | undefined {
  let before = Number.POSITIVE_INFINITY;
  if (options.cursor !== undefined) {
    const decoded = decodeCursor(options.cursor);
    if (decoded === undefined) return undefined;
    before = decoded;
  }
  const older = accountEntries(state, accountId)
    .filter((entry) => entry.sequence < before)
    .reverse();
  const entries = older.slice(0, options.limit);
  const last = entries.at(-1);
  const nextCursor = older.length > entries.length && last ? encodeCursor(last.sequence) : null;
  return { entries, nextCursor };
}

export const recentEntries = (state: SandboxState, accountId: string) =>
  accountEntries(state, accountId).reverse().slice(0, RECENT_ENTRY_COUNT);

const encodeCursor = (sequence: number) => Buffer.from(`ledger:${sequence}`).toString('base64url');

function decodeCursor(cursor: string): number | undefined {
  const match = Buffer.from(cursor, 'base64url')
    .toString()
    .match(/^ledger:(\d+)$/);
  return match ? Number(match[1]) : undefined;
}

/** The wire form (`CreditLedgerEntry`); the proposal id travels as `jobofferId`. */
export function creditEntryView(entry: CreditEntryRecord): Schemas['CreditLedgerEntry'] {
  return {
    id: entry.id,
    type: entry.type,
    amountCents: entry.amountCents,
    createdAt: entry.createdAt,
    holdEntryId: entry.holdEntryId,
    jobofferId: entry.proposalId,
    contractId: entry.contractId,
    milestoneId: entry.milestoneId,
    topUpId: entry.topUpId,
    note: entry.note,
  };
}

export function createTopUp(state: SandboxState, accountId: string, amountCents: number, now: number) {
  const topUp: CreditTopUpRecord = {
    id: newId(state, 'ctu'),
    accountId,
    status: 'PENDING',
    amountCents,
    createdAt: toIso(now),
    completedAt: null,
    expiresAt: toIso(now + TOP_UP_TTL_MS),
  };
  state.creditTopUps[topUp.id] = topUp;
  return topUp;
}

/** Top-ups lapse lazily: a pending one past `expiresAt` reads as `EXPIRED` from then on. */
export function expireTopUpIfDue(topUp: CreditTopUpRecord, now: number): void {
  if (topUp.status === 'PENDING' && isPast(topUp.expiresAt, now)) topUp.status = 'EXPIRED';
}

/**
 * The human paid at checkout: the top-up completes and its amount lands on the balance. Only a pending, unexpired
 * top-up can be paid; otherwise nothing changes and false is returned (its status says why).
 */
export function completeTopUp(state: SandboxState, topUp: CreditTopUpRecord, now: number): boolean {
  expireTopUpIfDue(topUp, now);
  if (topUp.status !== 'PENDING') return false;
  topUp.status = 'COMPLETED';
  topUp.completedAt = toIso(now);
  appendCreditEntry(
    state,
    { accountId: topUp.accountId, type: 'TOP_UP', amountCents: topUp.amountCents, topUpId: topUp.id },
    now,
  );
  return true;
}

/** The human abandoned the checkout; false when the top-up was no longer pending. */
export function cancelTopUp(topUp: CreditTopUpRecord, now: number): boolean {
  expireTopUpIfDue(topUp, now);
  if (topUp.status !== 'PENDING') return false;
  topUp.status = 'CANCELED';
  return true;
}

export function topUpView(topUp: CreditTopUpRecord): Schemas['CreditTopUp'] {
  return {
    id: topUp.id,
    status: topUp.status,
    amountCents: topUp.amountCents,
    createdAt: topUp.createdAt,
    completedAt: topUp.completedAt,
    expiresAt: topUp.expiresAt,
  };
}
