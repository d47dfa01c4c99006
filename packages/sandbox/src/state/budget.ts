import { toIso } from './clock.js';
import { appendEvent } from './events.js';
import type {
  BudgetState,
  ContractRecord,
  ContractUsageRecord,
  MilestoneRecord,
  MilestoneStatus,
} from './records/money.js';
import type { SandboxState } from './types.js';

/**
 * A contract's budget: funded volume (hours for hourly contracts, labels for per-label ones) against the work
 * reported on it. Fixed-price contracts never deplete; their usage is progress only.
 */

/** Milestones whose money is, or was, in escrow: they count towards the funded volume. */
const FUNDED_STATUSES: readonly MilestoneStatus[] = [
  'ACTIVE_FUNDED',
  'PENDING_APPROVAL',
  'APPROVED',
  'DISPUTED',
  'PAID',
];
/** Funded and not yet paid out: the milestone work currently draws on. */
const ACTIVE_STATUSES: readonly MilestoneStatus[] = ['ACTIVE_FUNDED', 'PENDING_APPROVAL', 'APPROVED', 'DISPUTED'];

export const LOW_FRACTION = 0.8;
export const DEPLETED_FRACTION = 1;

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export function isFunded(milestone: MilestoneRecord): boolean {
  return FUNDED_STATUSES.includes(milestone.status);
}

export function isActive(milestone: MilestoneRecord): boolean {
  return ACTIVE_STATUSES.includes(milestone.status);
}

function milestonesOf(state: SandboxState, contractId: string): MilestoneRecord[] {
  return Object.values(state.milestones)
    .filter((milestone) => milestone.contractId === contractId)
    .sort((a, b) => a.milestoneNumber - b.milestoneNumber);
}

/** The wire form (`Budget`). */
export function contractBudget(state: SandboxState, contract: ContractRecord) {
  const milestones = milestonesOf(state, contract.id);
  const funded = milestones.filter(isFunded);
  const fixedPrice = contract.paymentType === 'FIXED_PRICE';
  const fundedVolume = fixedPrice ? 0 : round4(funded.reduce((sum, m) => sum + (m.volume ?? 0), 0));
  const fundedAmountUsd = Math.round(funded.reduce((sum, m) => sum + m.amountUsd, 0) * 100) / 100;

  const seconds = sumUsage(contract.usage, 'totalSeconds');
  const consumed = {
    seconds,
    hours: round4(seconds / 3600),
    labels: sumUsage(contract.usage, 'labelsCompleted'),
    tasks: sumUsage(contract.usage, 'tasksCompleted'),
  };
  const consumedVolume =
    contract.paymentType === 'PAY_PER_HOUR'
      ? consumed.hours
      : contract.paymentType === 'PAY_PER_LABEL'
        ? consumed.labels
        : 0;
  const consumedFraction = fundedVolume > 0 ? round4(consumedVolume / fundedVolume) : 0;
  const active = milestones.find(isActive);

  return {
    contractId: contract.id,
    paymentType: contract.paymentType,
    state: budgetStateOf(fixedPrice || fundedVolume === 0 ? 0 : consumedFraction),
    fundedVolume,
    fundedAmountUsd,
    consumed,
    consumedVolume,
    remainingVolume: round4(Math.max(0, fundedVolume - consumedVolume)),
    consumedFraction,
    activeMilestone: active
      ? { id: active.id, name: active.name, amountUsd: active.amountUsd, volume: active.volume, status: active.status }
      : null,
    lastUsageAt: contract.usage.reduce<string | null>(
      (latest, entry) => (latest === null || entry.reportedAt > latest ? entry.reportedAt : latest),
      null,
    ),
  };
}

export type ContractBudget = ReturnType<typeof contractBudget>;

function budgetStateOf(consumedFraction: number): BudgetState {
  if (consumedFraction >= DEPLETED_FRACTION) return 'DEPLETED';
  if (consumedFraction >= LOW_FRACTION) return 'LOW';
  return 'OK';
}

function sumUsage(usage: readonly ContractUsageRecord[], field: 'totalSeconds' | 'labelsCompleted' | 'tasksCompleted') {
  return usage.reduce((sum, entry) => sum + entry[field], 0);
}

export interface BudgetChange {
  previousState: BudgetState;
  budget: ContractBudget;
}

/**
 * Recomputes the budget and, when its state moved (either way), announces `contract.budget_state_changed`.
 * Call after anything that changes funded or consumed volume. Returns the change, or undefined when the state held.
 */
export function syncBudgetState(state: SandboxState, contract: ContractRecord, now: number): BudgetChange | undefined {
  const budget = contractBudget(state, contract);
  const previousState = contract.budgetState;
  if (budget.state === previousState) return undefined;
  contract.budgetState = budget.state;
  appendEvent(
    state,
    {
      accountId: contract.accountId,
      type: 'contract.budget_state_changed',
      resourceId: contract.id,
      jobId: contract.jobId,
      data: {
        contractId: contract.id,
        previousState,
        state: budget.state,
        paymentType: budget.paymentType,
        fundedVolume: budget.fundedVolume,
        consumedVolume: budget.consumedVolume,
        remainingVolume: budget.remainingVolume,
        consumedFraction: budget.consumedFraction,
      },
    },
    now,
  );
  return { previousState, budget };
}

/** One usage report line: cumulative totals for a worker and day. Omitted totals keep their stored values. */
export interface UsageReport {
  workDate: string;
  /** Defaults to the contract's hired AI trainer. */
  workerUserId?: string;
  totalSeconds?: number;
  tasksCompleted?: number;
  labelsCompleted?: number;
  externalReportId?: string | null;
}

/**
 * Stores usage reports (each replaces the totals of its worker and day, so re-sending is harmless) and then syncs
 * the budget state. Inputs must already be validated. Returns the recomputed budget and the state change, if any.
 */
export function recordContractUsage(
  state: SandboxState,
  contract: ContractRecord,
  reports: readonly UsageReport[],
  now: number,
): { budget: ContractBudget; change: BudgetChange | undefined } {
  for (const report of reports) {
    const workerUserId = report.workerUserId ?? contract.freelancerId;
    let entry = contract.usage.find((u) => u.workerUserId === workerUserId && u.workDate === report.workDate);
    if (!entry) {
      entry = {
        workerUserId,
        workDate: report.workDate,
        totalSeconds: 0,
        tasksCompleted: 0,
        labelsCompleted: 0,
        externalReportId: null,
        reportedAt: toIso(now),
      };
      contract.usage.push(entry);
    }
    entry.totalSeconds = report.totalSeconds ?? entry.totalSeconds;
    entry.tasksCompleted = report.tasksCompleted ?? entry.tasksCompleted;
    entry.labelsCompleted = report.labelsCompleted ?? entry.labelsCompleted;
    entry.externalReportId = report.externalReportId ?? entry.externalReportId;
    entry.reportedAt = toIso(now);
  }
  contract.updatedAt = toIso(now);
  const change = syncBudgetState(state, contract, now);
  return { budget: change?.budget ?? contractBudget(state, contract), change };
}
