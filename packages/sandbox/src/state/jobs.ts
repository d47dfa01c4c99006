import { toIso } from './clock.js';
import { type DraftImport, importDraft } from './draft-import.js';
import { type JobValidation, validateJob } from './job-fields.js';
import { moderateJob } from './job-moderation.js';
import { receiveProposal } from './proposals.js';
import { newId, nextSequence } from './random.js';
import type { ProposalRecord } from './records/hiring.js';
import type { JobFields, JobListingEventType, JobRecord } from './records/jobs.js';
import { findTrainer } from './trainers.js';
import type { Account, SandboxState } from './types.js';

/**
 * The job lifecycle: draft → publish (moderated, rate limited) → live edits → close. Every change to the public
 * listing is recorded on the job (`listingChanges`), which feeds `GET /jobs/changes` and lets other families react
 * (e.g. simulated trainers applying to a job some minutes after `publishedAt`, only while the job is `OPEN`).
 */

const HOUR_MS = 60 * 60 * 1000;
export const PUBLISH_WINDOW_HOURS = 24;
/** Publishes per 24 hours: an unclaimed agent account gets a taste, a claimed one real room. */
export const publishLimitOf = (account: Account) => (account.claimed ? 20 : 3);

// Drafts --------------------------------------------------------------------------------------------------------

export function findDraftByIdempotencyKey(state: SandboxState, accountId: string, key: string): JobRecord | undefined {
  return Object.values(state.jobs).find((job) => job.accountId === accountId && job.idempotencyKey === key);
}

export function createDraft(
  state: SandboxState,
  accountId: string,
  imported: DraftImport,
  requestFingerprint: string,
  now: number,
): JobRecord {
  const at = toIso(now);
  const job: JobRecord = {
    id: newId(state, 'job'),
    accountId,
    status: 'DRAFT',
    sequence: nextSequence(state, 'job', 1),
    slug: '',
    title: null,
    description: imported.sourceText,
    fields: { ...imported.fields },
    importFormat: imported.format,
    externalId: imported.externalId,
    idempotencyKey: imported.idempotencyKey,
    requestFingerprint,
    lowConfidenceFields: imported.lowConfidenceFields,
    unmapped: imported.unmapped,
    warnings: imported.warnings,
    listingChanges: [],
    publishAttemptId: null,
    publishedAt: null,
    closedAt: null,
    invites: [],
    createdAt: at,
    updatedAt: at,
  };
  syncTitle(job);
  state.jobs[job.id] = job;
  return job;
}

/** A published job made from a publish-ready plain-text description, for scenarios and demos. */
export function createOpenJob(state: SandboxState, account: Account, description: string, now: number): JobRecord {
  const job = createDraft(state, account.id, importDraft({ rawJobDescription: description }), '', now);
  const outcome = publishJob(state, account, job, now);
  if (outcome.kind !== 'published') throw new Error(`The job could not be published (${outcome.kind}).`);
  return job;
}

/** The job if it exists and belongs to the account; another account's job is reported like a missing one. */
export function findOwnedJob(state: SandboxState, accountId: string, jobId: string): JobRecord | undefined {
  const job = state.jobs[jobId];
  return job && job.accountId === accountId ? job : undefined;
}

/** Sets the given fields (absolute values); true when anything changed. A later read of the fields sees them. */
export function setJobFields(job: JobRecord, changes: JobFields, now: number): boolean {
  const changed = Object.entries(changes).filter(
    ([key, value]) => JSON.stringify(job.fields[key]) !== JSON.stringify(value),
  );
  if (changed.length === 0) return false;
  for (const [key, value] of changed) job.fields[key] = value;
  // A human-confirmed value is no longer a guess.
  job.lowConfidenceFields = job.lowConfidenceFields.filter((key) => !(key in changes));
  syncTitle(job);
  job.updatedAt = toIso(now);
  return true;
}

export const jobValidation = (job: JobRecord): JobValidation => validateJob(job.fields);

function syncTitle(job: JobRecord): void {
  const title = job.fields.jobTitle?.trim();
  job.title = title || null;
  job.slug = slugify(title ?? '');
}

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'job';
}

// Publish, edit, close ------------------------------------------------------------------------------------------

export type PublishOutcome =
  | { kind: 'published' | 'already_published'; warnings: string[] }
  | { kind: 'not_a_draft' }
  | { kind: 'not_ready'; validation: JobValidation }
  | { kind: 'rate_limited'; limit: number; retryAfterSeconds: number }
  | { kind: 'blocked'; reasons: string[] };

export function publishJob(state: SandboxState, account: Account, job: JobRecord, now: number): PublishOutcome {
  if (job.status === 'OPEN') return { kind: 'already_published', warnings: [] };
  if (job.status !== 'DRAFT') return { kind: 'not_a_draft' };
  const validation = jobValidation(job);
  if (!validation.publishReady) return { kind: 'not_ready', validation };

  const limit = publishLimitOf(account);
  const recent = recentPublishTimes(state, account.id, now);
  const oldest = recent[0];
  if (oldest !== undefined && recent.length >= limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + PUBLISH_WINDOW_HOURS * HOUR_MS - now) / 1000));
    return { kind: 'rate_limited', limit, retryAfterSeconds };
  }
  const verdict = moderateJob(job.fields);
  if (verdict.decision !== 'ALLOW') return { kind: 'blocked', reasons: verdict.reasons };

  job.status = 'OPEN';
  job.publishedAt = toIso(now);
  job.publishAttemptId = newId(state, 'pub');
  job.updatedAt = toIso(now);
  recordListingChange(job, 'PUBLISHED', now);
  const warnings =
    (job.fields.countries ?? []).length === 0
      ? ['No countries are set, so AI trainers from any country can apply.']
      : [];
  return { kind: 'published', warnings };
}

/** Publish times of the account within the rolling window, oldest first. */
function recentPublishTimes(state: SandboxState, accountId: string, now: number): number[] {
  const windowStart = now - PUBLISH_WINDOW_HOURS * HOUR_MS;
  return Object.values(state.jobs)
    .filter((job) => job.accountId === accountId)
    .flatMap((job) => job.listingChanges)
    .filter((change) => change.eventType === 'PUBLISHED')
    .map((change) => Date.parse(change.occurredAt))
    .filter((at) => at > windowStart && at <= now)
    .sort((a, b) => a - b);
}

export type LiveEditOutcome =
  | { kind: 'not_open' }
  | { kind: 'not_ready'; validation: JobValidation }
  | { kind: 'updated' }
  | { kind: 'blocked'; reasons: string[] };

/**
 * Edits an open job. An edit that would leave the job unpublishable is refused unsaved; one that moderation rejects
 * is saved, and the job drops back to `DRAFT` (off the marketplace).
 */
export function editLiveJob(job: JobRecord, changes: JobFields, now: number): LiveEditOutcome {
  if (job.status !== 'OPEN') return { kind: 'not_open' };
  const validation = validateJob({ ...job.fields, ...changes });
  if (!validation.publishReady) return { kind: 'not_ready', validation };
  if (!setJobFields(job, changes, now)) return { kind: 'updated' };

  const verdict = moderateJob(job.fields);
  if (verdict.decision !== 'ALLOW') {
    job.status = 'DRAFT';
    recordListingChange(job, 'CLOSED', now);
    return { kind: 'blocked', reasons: verdict.reasons };
  }
  recordListingChange(job, 'UPDATED', now);
  return { kind: 'updated' };
}

/** Closing is final (`ARCHIVED`); a job that was listed leaves the marketplace. Returns false when already closed. */
export function closeJob(job: JobRecord, now: number): boolean {
  if (job.status === 'ARCHIVED') return false;
  if (job.status === 'OPEN') recordListingChange(job, 'CLOSED', now);
  job.status = 'ARCHIVED';
  job.closedAt = toIso(now);
  job.updatedAt = toIso(now);
  return true;
}

function recordListingChange(job: JobRecord, eventType: JobListingEventType, now: number): void {
  job.listingChanges.push({ eventType, occurredAt: toIso(now) });
}

// Invites -------------------------------------------------------------------------------------------------------

/** A trainer whose availability says so cannot be invited (`freelancer_unavailable`). */
export const UNAVAILABLE = 'NOT_AVAILABLE';

export type InviteOutcome =
  | { kind: 'unknown_freelancer' }
  | { kind: 'not_a_freelancer' }
  | { kind: 'job_not_published' }
  | { kind: 'freelancer_unavailable' }
  | { kind: 'invited'; proposal: ProposalRecord; alreadyInvited: boolean };

/**
 * Invites an AI trainer to an open job. The simulated trainer answers at once with a full application, so the
 * invite becomes an `UNREVIEWED` proposal like any other (announced with `proposal.received`); the job's `invites`
 * list says which proposals came from invites. A trainer who already has a proposal on the job is not invited twice.
 */
export function inviteFreelancer(
  state: SandboxState,
  job: JobRecord,
  freelancerId: string,
  now: number,
): InviteOutcome {
  // A profile slug is accepted as well as the user id.
  const trainer = findTrainer(state, freelancerId);
  if (!trainer) return state.users[freelancerId] ? { kind: 'not_a_freelancer' } : { kind: 'unknown_freelancer' };
  if (job.status !== 'OPEN') return { kind: 'job_not_published' };
  const existing = Object.values(state.proposals).find(
    (proposal) => proposal.jobId === job.id && proposal.freelancerId === trainer.id,
  );
  if (existing) return { kind: 'invited', proposal: existing, alreadyInvited: true };
  if (trainer.availability === UNAVAILABLE) return { kind: 'freelancer_unavailable' };

  const proposal = receiveProposal(state, job, trainer, now);
  job.invites.push({ freelancerId: trainer.id, proposalId: proposal.id, createdAt: toIso(now) });
  return { kind: 'invited', proposal, alreadyInvited: false };
}
