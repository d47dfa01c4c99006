import { isFunded } from './budget.js';
import {
  budgetMilestoneView,
  linkedContractView,
  type PartnerBudget,
  participantView,
  partnerBudget,
} from './partner-contracts.js';
import { appendPartnerEvent } from './partner-events.js';
import { installRefusal } from './partner-installs.js';
import { installLinks, linkView, rememberFunded } from './partner-links.js';
import type { ContractRecord, MilestoneRecord } from './records/money.js';
import type { InstallRecord, ProjectLinkRecord } from './records/partner.js';
import type { SandboxState } from './types.js';

/**
 * Tells installs what happened to the work on their linked jobs: `contract.started` / `contract.ended` (one per link
 * to the job), `milestone.funded`, and `milestone.budget_low` / `milestone.budget_depleted` on upward crossings.
 *
 * It compares the money family's contracts and milestones with what each install was already told, so it is
 * idempotent and picks up changes however they were made (a hire confirmed on the approval page, a contract ended
 * through the Public API, usage reported here). Installs that may not be told right now (app disabled, feature off)
 * still have their bookkeeping advanced: events are never replayed later.
 */
export function relayPlatformEvents(state: SandboxState, now: number): void {
  for (const install of Object.values(state.installs)) {
    if (install.status !== 'ACTIVE') continue;
    const tell = installRefusal(state, install) === undefined;
    const links = installLinks(state, install.id).reverse();
    for (const link of links) relayContractLifecycle(state, install, link, tell, now);
    for (const contract of linkedContractsOldestFirst(state, install, links)) {
      relayMilestones(state, install, contract, tell, now);
    }
  }
}

function relayContractLifecycle(
  state: SandboxState,
  install: InstallRecord,
  link: ProjectLinkRecord,
  tell: boolean,
  now: number,
): void {
  if (link.jobId === null) return;
  for (const contract of Object.values(state.contracts)) {
    if (contract.accountId !== install.accountId || contract.jobId !== link.jobId) continue;
    if (!link.startedContractIds.includes(contract.id)) {
      link.startedContractIds.push(contract.id);
      // The hire funds the first milestone; `contract.started` already says so.
      for (const milestone of milestonesOf(state, contract)) {
        if (isFunded(milestone)) rememberFunded(install, milestone.id);
      }
      install.relayedBudgetStates[contract.id] ??= partnerBudget(state, contract).state;
      if (tell) announceContract(state, install, link, contract, 'contract.started', now);
    }
    if (contract.status === 'ended' && !link.endedContractIds.includes(contract.id)) {
      link.endedContractIds.push(contract.id);
      if (tell) announceContract(state, install, link, contract, 'contract.ended', now);
    }
  }
}

function announceContract(
  state: SandboxState,
  install: InstallRecord,
  link: ProjectLinkRecord,
  contract: ContractRecord,
  type: 'contract.started' | 'contract.ended',
  now: number,
): void {
  appendPartnerEvent(
    state,
    install,
    {
      type,
      resourceId: contract.id,
      jobId: contract.jobId,
      data: {
        contract: linkedContractView(state, install, contract),
        freelancer: participantView(state, install, contract.freelancerId, link.origin),
        projectLink: linkView(link),
      },
    },
    now,
  );
}

const BUDGET_RANK = { OK: 0, LOW: 1, DEPLETED: 2 } as const;

function relayMilestones(
  state: SandboxState,
  install: InstallRecord,
  contract: ContractRecord,
  tell: boolean,
  now: number,
): void {
  for (const milestone of milestonesOf(state, contract)) {
    if (!isFunded(milestone) || install.relayedFundedMilestoneIds.includes(milestone.id)) continue;
    rememberFunded(install, milestone.id);
    if (tell) {
      const data = { budget: partnerBudget(state, contract), milestone: budgetMilestoneView(milestone) };
      announceMilestone(state, install, contract, 'milestone.funded', milestone.id, data, now);
    }
  }

  const budget = partnerBudget(state, contract);
  const previous = install.relayedBudgetStates[contract.id] ?? 'OK';
  install.relayedBudgetStates[contract.id] = budget.state;
  if (!tell || BUDGET_RANK[budget.state] <= BUDGET_RANK[previous]) return;
  const type = budget.state === 'DEPLETED' ? 'milestone.budget_depleted' : 'milestone.budget_low';
  const resourceId = budget.activeMilestone?.id ?? contract.id;
  announceMilestone(state, install, contract, type, resourceId, { budget, milestone: budget.activeMilestone }, now);
}

function announceMilestone(
  state: SandboxState,
  install: InstallRecord,
  contract: ContractRecord,
  type: 'milestone.funded' | 'milestone.budget_low' | 'milestone.budget_depleted',
  resourceId: string,
  data: { budget: PartnerBudget; milestone: PartnerBudget['activeMilestone'] },
  now: number,
): void {
  appendPartnerEvent(state, install, { type, resourceId, jobId: contract.jobId, data }, now);
}

/** Every contract of the install's account on a linked job, once, oldest first. */
function linkedContractsOldestFirst(
  state: SandboxState,
  install: InstallRecord,
  links: readonly ProjectLinkRecord[],
): ContractRecord[] {
  const jobIds = new Set(links.map((link) => link.jobId));
  return Object.values(state.contracts).filter(
    (contract) => contract.accountId === install.accountId && jobIds.has(contract.jobId),
  );
}

const milestonesOf = (state: SandboxState, contract: ContractRecord): MilestoneRecord[] =>
  Object.values(state.milestones)
    .filter((milestone) => milestone.contractId === contract.id)
    .sort((a, b) => a.milestoneNumber - b.milestoneNumber);
