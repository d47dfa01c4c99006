import type { PartnerComponents } from '@opentrain-ai/sdk/types';
import { contractBudget } from './budget.js';
import { accountContracts } from './contracts.js';
import { derivedRandom } from './derived-random.js';
import { sharesWorkEmail } from './partner-installs.js';
import { installLinks, linksOnJob } from './partner-links.js';
import type { FreelancerRecord } from './records/hiring.js';
import type { ContractRecord, MilestoneRecord } from './records/money.js';
import type { InstallRecord, ProjectLinkRecord } from './records/partner.js';
import { findTrainer, maskedName, profilePath } from './trainers.js';
import type { SandboxState } from './types.js';

type Schemas = PartnerComponents['schemas'];

/**
 * What the Platform API shows of the money family's contracts: only contracts on jobs the install links, only the
 * hired AI trainer (never candidates), and a Work Email only when the install may have it.
 */

export interface LinkedContractFilter {
  /** Only contracts on this link's job. */
  link?: ProjectLinkRecord;
  status?: ContractRecord['status'];
  limit: number;
}

/** Contracts whose job at least one link of the install references, newest first. */
export function linkedContracts(state: SandboxState, install: InstallRecord, filter: LinkedContractFilter) {
  const links = filter.link ? [filter.link] : installLinks(state, install.id);
  const jobIds = new Set(links.flatMap((link) => (link.jobId === null ? [] : [link.jobId])));
  return accountContracts(state, install.accountId, { status: filter.status })
    .filter((contract) => jobIds.has(contract.jobId))
    .slice(0, filter.limit);
}

/** The contract if it is the employer's and its job is linked on this install; otherwise it does not exist here. */
export function findLinkedContract(
  state: SandboxState,
  install: InstallRecord,
  contractId: string,
): ContractRecord | undefined {
  const contract = state.contracts[contractId];
  if (!contract || contract.accountId !== install.accountId) return undefined;
  return linksOnJob(state, install.id, contract.jobId).length > 0 ? contract : undefined;
}

/** The wire form (`LinkedContract`). */
export function linkedContractView(
  state: SandboxState,
  install: InstallRecord,
  contract: ContractRecord,
): Schemas['LinkedContract'] {
  return {
    id: contract.id,
    status: contract.status,
    jobId: contract.jobId,
    title: contract.title,
    startDate: contract.startDate,
    endDate: contract.endDate,
    createdAt: contract.createdAt,
    projectLinkIds: linksOnJob(state, install.id, contract.jobId).map((link) => link.id),
  };
}

/** The hired AI trainer as the Platform API shows them (`ContractParticipant`). */
export function participantView(
  state: SandboxState,
  install: InstallRecord,
  freelancerId: string,
  origin: string,
): Schemas['ContractParticipant'] {
  const trainer = findTrainer(state, freelancerId);
  const participant = {
    opentrainUserId: freelancerId,
    displayName: trainer ? maskedName(trainer).displayName : 'Freelancer',
    country: trainer ? trainer.countryCode || trainer.country : '',
    profileUrl: `${origin}${trainer ? profilePath(trainer) : `/profile/${freelancerId}`}`,
  };
  if (!sharesWorkEmail(install)) return participant;
  return { ...participant, workEmail: workEmailOf(state, freelancerId, trainer) };
}

/**
 * The trainer's OpenTrain Work Email: always `@opentrain.work`, built from the first name and a number that is
 * stable for the user, never from a personal address.
 */
function workEmailOf(state: SandboxState, userId: string, trainer: FreelancerRecord | undefined): string {
  const name =
    (trainer?.firstName ?? '')
      .normalize('NFD')
      .toLowerCase()
      .replace(/[^a-z]/g, '') || 'trainer';
  const number = derivedRandom(state.seed, `work-email:${userId}`).int(1000, 9999);
  return `${name}.${number}@opentrain.work`;
}

/**
 * The money family's budget in the Platform API's shape: the same numbers, with every milestone named (the
 * Platform API's milestone name is never null).
 */
export function partnerBudget(state: SandboxState, contract: ContractRecord) {
  const budget = contractBudget(state, contract);
  const active = budget.activeMilestone ? state.milestones[budget.activeMilestone.id] : undefined;
  return { ...budget, activeMilestone: active ? budgetMilestoneView(active) : null };
}

export type PartnerBudget = ReturnType<typeof partnerBudget>;

/** A milestone as budget events and the budget show it (`BudgetMilestone`). */
export function budgetMilestoneView(milestone: MilestoneRecord): Schemas['BudgetMilestone'] {
  return {
    id: milestone.id,
    name: milestone.name ?? `Milestone ${milestone.milestoneNumber}`,
    amountUsd: milestone.amountUsd,
    volume: milestone.volume,
    status: milestone.status,
  };
}
