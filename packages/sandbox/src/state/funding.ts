import { toIso } from './clock.js';
import { creditBalance } from './credits.js';
import type { PaymentMethodRecord } from './records/money.js';
import type { SandboxState } from './types.js';

/**
 * Where money for a hire or a milestone comes from. An account can pay when it has a card on file or when its
 * available credit covers the whole charge; credits are used first when they cover it, otherwise the card.
 *
 * Cards in the sandbox: the `claimed-employer` scenario starts with a test card. Any other account (an anonymous
 * agent, before or after its claim) has none until a human adds one on the billing page (`/settings/billing`) or a
 * test adds one with `POST /_sandbox/accounts/{accountId}/payment-method`, or until it buys enough credit.
 */

/** The marketplace fee on every milestone funding. */
export const MARKETPLACE_FEE_RATE = 0.1;
/** Charged once per contract, with the hire. */
export const CONTRACT_INITIATION_FEE_USD = 9.95;

export interface Charge {
  /** What goes into escrow for the milestone. */
  escrowUsd: number;
  /** Fees on top, kept by the marketplace. */
  feesUsd: number;
  totalUsd: number;
}

/** Hiring funds the first milestone: its amount, the 10% marketplace fee and the $9.95 contract initiation fee. */
export function hireCharge(milestoneAmountUsd: number): Charge {
  return charge(milestoneAmountUsd, roundUsd(milestoneAmountUsd * MARKETPLACE_FEE_RATE) + CONTRACT_INITIATION_FEE_USD);
}

/** Funding a later milestone: its amount and the 10% marketplace fee (the initiation fee was paid with the hire). */
export function milestoneCharge(milestoneAmountUsd: number): Charge {
  return charge(milestoneAmountUsd, roundUsd(milestoneAmountUsd * MARKETPLACE_FEE_RATE));
}

function charge(escrowUsd: number, feesUsd: number): Charge {
  return { escrowUsd: roundUsd(escrowUsd), feesUsd: roundUsd(feesUsd), totalUsd: roundUsd(escrowUsd + feesUsd) };
}

export const roundUsd = (usd: number) => Math.round(usd * 100) / 100;
export const usdToCents = (usd: number) => Math.round(usd * 100);

export type FundingSource = 'credits' | 'card';

/** The source a charge of `amountUsd` would use now, or null when the account cannot pay it. */
export function fundingSourceFor(state: SandboxState, accountId: string, amountUsd: number): FundingSource | null {
  if (creditBalance(state, accountId).availableCents >= usdToCents(amountUsd)) return 'credits';
  if (state.paymentMethods[accountId]) return 'card';
  return null;
}

/** A payment method on file, or enough available credit to cover `amountUsd` in full. */
export function hasFundingFor(state: SandboxState, accountId: string, amountUsd: number): boolean {
  return fundingSourceFor(state, accountId, amountUsd) !== null;
}

/** Puts a (test) card on file, replacing any previous one. */
export function addPaymentMethod(
  state: SandboxState,
  accountId: string,
  now: number,
  card: { brand?: string; last4?: string } = {},
): PaymentMethodRecord {
  if (!state.accounts[accountId]) throw new Error(`no account ${accountId}`);
  const method: PaymentMethodRecord = {
    accountId,
    brand: card.brand ?? 'visa',
    last4: card.last4 ?? '4242',
    addedAt: toIso(now),
  };
  state.paymentMethods[accountId] = method;
  return method;
}

export function removePaymentMethod(state: SandboxState, accountId: string): void {
  delete state.paymentMethods[accountId];
}

/** Where a human adds a card; the page the `payment_method_required` refusal points to. */
export const billingUrl = (origin: string, accountId: string) =>
  `${origin}/settings/billing?accountId=${encodeURIComponent(accountId)}`;
