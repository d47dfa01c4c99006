import { ApiError, badRequest } from '../http/errors.js';
import { recordContractUsage } from './budget.js';
import { toIso } from './clock.js';
import { partnerBudget } from './partner-contracts.js';
import { relayPlatformEvents } from './partner-relay.js';
import type { ContractRecord } from './records/money.js';
import type { SandboxState } from './types.js';

/** One entry of `POST /contracts/{contractId}/usage`, as the spec's schema already checked it. */
export interface UsageEntryInput {
  workDate: string;
  totalSeconds?: number;
  tasksCompleted?: number;
  labelsCompleted?: number;
  externalReportId?: string;
  workerOpentrainUserId?: string;
}

/**
 * Stores a usage report (cumulative per worker and day: each entry replaces the stored totals, so re-posting is
 * harmless) after checking every entry, relays any budget crossing to the installs, and returns the answer body.
 */
export function reportUsage(
  state: SandboxState,
  contract: ContractRecord,
  entries: readonly UsageEntryInput[],
  now: number,
) {
  if (!contract.freelancerId) {
    throw new ApiError('CONFLICT', 'This contract has no hired AI trainer to report usage for.', {
      reason: 'no_hired_trainer',
    });
  }
  const today = toIso(now).slice(0, 10);
  entries.forEach((entry, index) => {
    if (entry.workDate > today) {
      throw badRequest(`entries.${index}.workDate ${entry.workDate} is in the future (today is ${today} UTC).`, {
        field: `entries.${index}.workDate`,
        reason: 'future_work_date',
      });
    }
    const worker = entry.workerOpentrainUserId;
    if (worker !== undefined && worker !== contract.freelancerId) {
      throw badRequest(`entries.${index}.workerOpentrainUserId ${worker} is not a participant of this contract.`, {
        field: `entries.${index}.workerOpentrainUserId`,
        reason: 'not_a_participant',
      });
    }
  });

  recordContractUsage(
    state,
    contract,
    entries.map((entry) => ({
      workDate: entry.workDate,
      workerUserId: entry.workerOpentrainUserId,
      totalSeconds: entry.totalSeconds,
      tasksCompleted: entry.tasksCompleted,
      labelsCompleted: entry.labelsCompleted,
      externalReportId: entry.externalReportId,
    })),
    now,
  );
  relayPlatformEvents(state, now);
  return { contractId: contract.id, accepted: entries.length, budget: partnerBudget(state, contract) };
}
