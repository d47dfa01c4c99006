// The Platform API integration an annotation platform builds, one exported step each: check the install, link a
// project to an OpenTrain job, subscribe to events, and once a contract starts, provision the hired AI trainer,
// report their daily usage and watch the budget.

import type { OpenTrainPartner, PartnerWebhookEvent, SuccessOf } from '@opentrain-ai/sdk';

type Install = SuccessOf<'getCurrentInstall'>['install'];
type ProjectLink = SuccessOf<'createProjectLink'>['projectLink'];
type Participant = SuccessOf<'listContractParticipants'>['participants'][number];
export type Budget = SuccessOf<'getContractBudget'>;
export type UsageResult = SuccessOf<'reportContractUsage'>;

/** What this integration calls; `participants:email` is optional (Work Emails need it and PII consent). */
export const REQUIRED_SCOPES = [
  'project-links:write',
  'contracts:read',
  'participants:read',
  'usage:write',
  'webhooks:manage',
] as const;

/** The Platform API events this integration acts on. */
export const EVENT_TYPES = ['contract.started', 'contract.ended', 'install.revoked', 'milestone.budget_low'] as const;

/** Confirms the install is active and holds every scope the steps below need, naming any that is missing. */
export async function checkInstall(partner: OpenTrainPartner): Promise<Install> {
  const { install } = await partner.installs.current();
  const missing = REQUIRED_SCOPES.filter((scope) => !install.scopes.includes(scope));
  if (missing.length > 0) {
    throw new Error(
      `The install ${install.id} lacks the scopes ${missing.join(', ')}: ask the employer to reconnect ` +
        `${install.partnerApp.name} and grant them.`,
    );
  }
  return install;
}

export interface ProjectToLink {
  /** Your project's id; unique per install. */
  externalProjectId: string;
  externalProjectName?: string;
  externalProjectUrl?: string;
  /** The employer's OpenTrain job whose contracts this project should hear about. */
  jobId: string;
}

/** Links your project to the job, reusing the link when this project was already linked (safe to run again). */
export async function linkProject(partner: OpenTrainPartner, project: ProjectToLink): Promise<ProjectLink> {
  const { projectLinks } = await partner.projectLinks.list();
  const existing = projectLinks.find((link) => link.externalProjectId === project.externalProjectId);
  if (existing) {
    if (existing.jobId !== project.jobId) {
      throw new Error(
        `Project ${project.externalProjectId} is already linked to job ${existing.jobId ?? '(none)'}, not ${project.jobId}: ` +
          `delete link ${existing.id} first to relink it.`,
      );
    }
    return existing;
  }
  const { projectLink } = await partner.projectLinks.create(project);
  return projectLink;
}

/** Subscribes `url` to the events above. Keep the returned secret: it is shown only here. */
export async function subscribeWebhooks(partner: OpenTrainPartner, url: string) {
  const { webhookEndpoint, secret } = await partner.webhookEndpoints.create({ url, eventTypes: [...EVENT_TYPES] });
  return { endpointId: webhookEndpoint.id, secret };
}

/** An account on your platform for a hired AI trainer. */
export interface WorkerAccount {
  opentrainUserId: string;
  displayName: string;
  /** The trainer's `@opentrain.work` address, only when the employer consented to share it. */
  email?: string;
}

/** Your platform's user directory, as far as this integration needs it. */
export interface WorkerDirectory {
  /** Creates the account, or returns the one already made for this OpenTrain user. */
  ensure(account: WorkerAccount): Promise<WorkerAccount> | WorkerAccount;
  /** Takes the account's access away when their contract ends. */
  disable(opentrainUserId: string): Promise<void> | void;
}

/** Creates an account for every participant of the contract, keyed on the stable OpenTrain user id. */
export async function provisionParticipants(
  partner: OpenTrainPartner,
  contractId: string,
  directory: WorkerDirectory,
): Promise<WorkerAccount[]> {
  const { participants } = await partner.contracts.participants(contractId);
  const accounts: WorkerAccount[] = [];
  for (const participant of participants) accounts.push(await directory.ensure(toAccount(participant)));
  return accounts;
}

function toAccount(participant: Participant): WorkerAccount {
  const account: WorkerAccount = { opentrainUserId: participant.opentrainUserId, displayName: participant.displayName };
  // Work Emails come only with `participants:email` and the employer's consent; without one, invite by user id.
  if (participant.workEmail) account.email = participant.workEmail;
  return account;
}

export interface DailyUsage {
  /** The day worked, `YYYY-MM-DD` (UTC), not in the future. */
  workDate: string;
  opentrainUserId: string;
  totalSeconds?: number;
  labelsCompleted?: number;
  tasksCompleted?: number;
  /** Your report's id, for tracing an entry back to your records. */
  externalReportId?: string;
}

/**
 * Reports each worker's totals for a day. Totals are cumulative per worker and day, so send the day's running
 * total every time: re-sending the same report changes nothing, and a later one replaces it.
 */
export async function reportDailyUsage(
  partner: OpenTrainPartner,
  contractId: string,
  days: readonly DailyUsage[],
): Promise<UsageResult> {
  return partner.contracts.reportUsage(contractId, {
    entries: days.map(({ opentrainUserId, ...totals }) => ({ ...totals, workerOpentrainUserId: opentrainUserId })),
  });
}

/** The contract's funded volume against the work reported, and whether it is running low. */
export async function readBudget(partner: OpenTrainPartner, contractId: string): Promise<Budget> {
  return partner.contracts.budget(contractId);
}

export interface EventContext {
  partner: OpenTrainPartner;
  directory: WorkerDirectory;
  log: (line: string) => void;
}

/** Acts on one verified Platform API event. The switch is exhaustive over the spec's event union. */
export async function handlePlatformEvent(event: PartnerWebhookEvent, context: EventContext): Promise<void> {
  const { partner, directory, log } = context;
  switch (event.type) {
    case 'contract.started': {
      const { contract, projectLink } = event.data;
      const accounts = await provisionParticipants(partner, contract.id, directory);
      const who = accounts.map((account) => `${account.displayName} <${account.email ?? 'no work email shared'}>`);
      log(`Contract ${contract.id} started on project ${projectLink.externalProjectId}: provisioned ${who.join(', ')}`);
      return;
    }
    case 'contract.ended':
      await directory.disable(event.data.freelancer.opentrainUserId);
      log(`Contract ${event.data.contract.id} ended: disabled ${event.data.freelancer.displayName}`);
      return;
    case 'milestone.funded':
    case 'milestone.budget_low':
    case 'milestone.budget_depleted': {
      const { budget } = event.data;
      log(`Contract ${budget.contractId}: ${event.type}, ${budget.remainingVolume} of ${budget.fundedVolume} left`);
      return;
    }
    case 'project_link.created':
    case 'project_link.removed':
      log(`Project link ${event.data.projectLink.id}: ${event.type}`);
      return;
    case 'install.revoked':
      // The token stops working right after this event: stop syncing this employer.
      log(`Install ${event.data.installId ?? event.resourceId} was revoked by the employer`);
      return;
    default: {
      const unknownEvent: never = event;
      log(`Ignored an event of a type this integration does not know: ${(unknownEvent as { type: string }).type}`);
    }
  }
}
