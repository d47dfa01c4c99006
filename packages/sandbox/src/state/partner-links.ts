import type { PartnerComponents } from '@opentrain-ai/sdk/types';
import { conflict, notFound } from '../http/errors.js';
import { contractBudget, isFunded } from './budget.js';
import { toIso } from './clock.js';
import { appendPartnerEvent } from './partner-events.js';
import { newId, nextSequence } from './random.js';
import type { InstallRecord, ProjectLinkRecord, ProvisioningMode } from './records/partner.js';
import type { SandboxState } from './types.js';

/** The docs mention an install link limit without its value; the sandbox allows this many links per install. */
export const PROJECT_LINK_CAP = 100;

/** The install's links, newest first. */
export function installLinks(state: SandboxState, installId: string): ProjectLinkRecord[] {
  return Object.values(state.projectLinks)
    .filter((link) => link.installId === installId)
    .sort((a, b) => b.sequence - a.sequence);
}

/** The install's links that reference `jobId`, newest first. */
export const linksOnJob = (state: SandboxState, installId: string, jobId: string) =>
  installLinks(state, installId).filter((link) => link.jobId === jobId);

/** The link if it is on this install; another install's link is reported exactly like a missing one. */
export function findInstallLink(state: SandboxState, installId: string, linkId: string): ProjectLinkRecord | undefined {
  const link = state.projectLinks[linkId];
  return link?.installId === installId ? link : undefined;
}

export interface NewProjectLink {
  externalProjectId: string;
  externalProjectName?: string;
  externalProjectUrl?: string;
  jobId?: string;
  provisioningMode?: ProvisioningMode;
}

/**
 * Links a platform project to one of the employer's jobs and announces `project_link.created`. Work that already
 * exists on the job is remembered as known, so contract and milestone events are never replayed for it.
 */
export function createProjectLink(
  state: SandboxState,
  install: InstallRecord,
  input: NewProjectLink,
  origin: string,
  now: number,
): ProjectLinkRecord {
  if (input.jobId !== undefined && state.jobs[input.jobId]?.accountId !== install.accountId) {
    throw notFound('jobs', 'jobId', input.jobId);
  }
  const links = installLinks(state, install.id);
  if (links.some((link) => link.externalProjectId === input.externalProjectId)) {
    throw conflict(`The external project ${input.externalProjectId} is already linked on this install.`, {
      reason: 'duplicate_external_project_id',
      field: 'externalProjectId',
    });
  }
  if (links.length >= PROJECT_LINK_CAP) {
    throw conflict(`This install already has the maximum of ${PROJECT_LINK_CAP} project links; delete one first.`, {
      reason: 'link_limit_reached',
      limit: PROJECT_LINK_CAP,
    });
  }

  const jobContracts = Object.values(state.contracts).filter(
    (contract) => input.jobId !== undefined && contract.jobId === input.jobId,
  );
  const link: ProjectLinkRecord = {
    id: newId(state, 'plk'),
    installId: install.id,
    sequence: nextSequence(state, 'projectLink', 1),
    jobId: input.jobId ?? null,
    externalProjectId: input.externalProjectId,
    externalProjectName: input.externalProjectName ?? null,
    externalProjectUrl: input.externalProjectUrl ?? null,
    provisioningMode: input.provisioningMode ?? 'PARTNER_WEBHOOK',
    origin,
    createdAt: toIso(now),
    startedContractIds: jobContracts.map((contract) => contract.id),
    endedContractIds: jobContracts.filter((contract) => contract.status === 'ended').map((contract) => contract.id),
  };
  for (const contract of jobContracts) {
    install.relayedBudgetStates[contract.id] ??= contractBudget(state, contract).state;
    for (const milestone of Object.values(state.milestones)) {
      if (milestone.contractId === contract.id && isFunded(milestone)) rememberFunded(install, milestone.id);
    }
  }
  state.projectLinks[link.id] = link;
  appendPartnerEvent(
    state,
    install,
    { type: 'project_link.created', resourceId: link.id, jobId: link.jobId, data: { projectLink: linkView(link) } },
    now,
  );
  return link;
}

/** Hard delete: contract events for the job stop for this link; `project_link.removed` carries the final snapshot. */
export function deleteProjectLink(
  state: SandboxState,
  install: InstallRecord,
  link: ProjectLinkRecord,
  now: number,
): void {
  delete state.projectLinks[link.id];
  appendPartnerEvent(
    state,
    install,
    { type: 'project_link.removed', resourceId: link.id, jobId: link.jobId, data: { projectLink: linkView(link) } },
    now,
  );
}

export function rememberFunded(install: InstallRecord, milestoneId: string): void {
  if (!install.relayedFundedMilestoneIds.includes(milestoneId)) install.relayedFundedMilestoneIds.push(milestoneId);
}

/** The wire form (`ProjectLink`). */
export function linkView(link: ProjectLinkRecord): PartnerComponents['schemas']['ProjectLink'] {
  return {
    id: link.id,
    jobId: link.jobId,
    externalProjectId: link.externalProjectId,
    externalProjectName: link.externalProjectName,
    externalProjectUrl: link.externalProjectUrl,
    provisioningMode: link.provisioningMode,
    createdAt: link.createdAt,
  };
}
