import { publicSchemas } from '@opentrain-ai/sdk/schemas';
import type { PublicComponents } from '@opentrain-ai/sdk/types';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { draftApplication, jobTitleOf } from './applications.js';
import { toIso } from './clock.js';
import { sanitizeTranscriptText } from './content-policy.js';
import { derivedRandom } from './derived-random.js';
import { appendEvent } from './events.js';
import { newId } from './random.js';
import type { FreelancerRecord, ProposalRecord, ProposalStatusCode } from './records/hiring.js';
import type { JobRecord } from './records/jobs.js';
import { candidateView, findTrainer, materialiseTrainer, trainerPool } from './trainers.js';
import type { SandboxState } from './types.js';

type Schemas = PublicComponents['schemas'];

export const PROPOSAL_STATUSES: readonly ProposalStatusCode[] = publicSchemas.zProposalStatusCode.options;

const STATUS_LABELS: Record<ProposalStatusCode, string> = {
  UNREVIEWED: 'Unreviewed',
  SHORTLISTED: 'Shortlisted',
  MAYBE: 'Maybe',
  HIRED: 'Hired',
  DECLINED: 'Declined',
  NOT_A_FIT: 'Not a fit',
  RESUME_SENT: 'Resume sent',
};

/** `not a fit`, `Not-A-Fit` and `NOT_A_FIT` are the same status; anything else is unknown. */
export function normaliseProposalStatus(value: string): ProposalStatusCode | undefined {
  const canonical = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return PROPOSAL_STATUSES.find((status) => status === canonical);
}

// ---------------------------------------------------------------------------------------------------------------
// Trainers applying over sandbox time

/** Applicant k of a job arrives k × this after the job is published. */
export const APPLICANT_INTERVAL_MS = 10 * 60 * 1000;
const MIN_APPLICANTS = 3;
const MAX_APPLICANTS = 5;

export interface PlannedArrival {
  trainer: FreelancerRecord;
  /** Time after publication. */
  offsetMs: number;
}

/** A trainer taking no new work neither applies nor can be invited. */
export const isAvailable = (trainer: FreelancerRecord) => trainer.availability !== 'NOT_AVAILABLE';

/** Who applies to a job and when: a few distinct available trainers, fixed by the seed and the job id. */
export function applicantPlan(seed: number, jobId: string): PlannedArrival[] {
  const random = derivedRandom(seed, `applicants:${jobId}`);
  const count = random.int(MIN_APPLICANTS, MAX_APPLICANTS);
  return random
    .sample(trainerPool(seed).filter(isAvailable), count)
    .map((trainer, index) => ({ trainer, offsetMs: (index + 1) * APPLICANT_INTERVAL_MS }));
}

/**
 * The hiring family's tick: every planned applicant whose arrival time has passed (and fell before the job
 * closed) applies, once. A trainer who already has a proposal on the job (applied early or was invited) is skipped.
 */
export function admitDueApplicants(state: SandboxState, now: number): void {
  let applied: Set<string> | undefined;
  for (const job of Object.values(state.jobs)) {
    if (!job.publishedAt || job.status === 'DRAFT' || job.status === 'PENDING_APPROVAL') continue;
    const publishedAt = Date.parse(job.publishedAt);
    const closedAt = job.closedAt ? Date.parse(job.closedAt) : Number.POSITIVE_INFINITY;
    for (const { trainer, offsetMs } of applicantPlan(state.seed, job.id)) {
      const due = publishedAt + offsetMs;
      if (due > now || due >= closedAt) continue;
      applied ??= new Set(Object.values(state.proposals).map((p) => applicationKey(p.jobId, p.freelancerId)));
      if (applied.has(applicationKey(job.id, trainer.id))) continue;
      receiveProposal(state, job, trainer, due);
      applied.add(applicationKey(job.id, trainer.id));
    }
  }
}

const applicationKey = (jobId: string, freelancerId: string) => `${jobId}\u0000${freelancerId}`;

export function hasApplied(state: SandboxState, jobId: string, freelancerId: string): boolean {
  return Object.values(state.proposals).some((p) => p.jobId === jobId && p.freelancerId === freelancerId);
}

/** A trainer's proposal arrives on a job: stored as UNREVIEWED and announced with `proposal.received`. */
export function receiveProposal(
  state: SandboxState,
  job: JobRecord,
  trainer: FreelancerRecord,
  at: number,
): ProposalRecord {
  materialiseTrainer(state, trainer);
  const proposal: ProposalRecord = {
    id: newId(state, 'prp'),
    accountId: job.accountId,
    jobId: job.id,
    freelancerId: trainer.id,
    status: 'UNREVIEWED',
    ...draftApplication(state.seed, job, trainer, at),
    createdAt: toIso(at),
    updatedAt: toIso(at),
  };
  state.proposals[proposal.id] = proposal;
  appendEvent(
    state,
    {
      accountId: job.accountId,
      type: 'proposal.received',
      resourceId: proposal.id,
      jobId: job.id,
      data: { proposalId: proposal.id, jobId: job.id },
    },
    at,
  );
  return proposal;
}

/**
 * The control plane's "a trainer applies now": the named trainer, or else the next planned applicant who has not
 * applied yet, or else any trainer of the pool who has not.
 */
export function applyTrainerNow(
  state: SandboxState,
  input: { jobId: string; freelancerId?: string },
  now: number,
): ProposalRecord {
  const job = state.jobs[input.jobId];
  if (!job) throw notFound('jobs', 'jobId', input.jobId);
  if (!job.publishedAt || job.status !== 'OPEN') {
    throw conflict(`Job ${job.id} is not open for proposals (status ${job.status}).`, {
      reason: 'job_not_published',
    });
  }
  const trainer = input.freelancerId ? findTrainer(state, input.freelancerId) : nextApplicant(state, job.id);
  if (!trainer) {
    if (input.freelancerId) throw notFound('freelancers', 'freelancerId', input.freelancerId);
    throw conflict('Every simulated AI trainer has already applied to this job.', { jobId: job.id });
  }
  if (!isAvailable(trainer)) {
    throw conflict(`AI trainer ${trainer.id} is not taking new work.`, { reason: 'freelancer_unavailable' });
  }
  if (hasApplied(state, job.id, trainer.id)) {
    throw conflict(`AI trainer ${trainer.id} has already applied to this job.`, { freelancerId: trainer.id });
  }
  return receiveProposal(state, job, trainer, now);
}

function nextApplicant(state: SandboxState, jobId: string): FreelancerRecord | undefined {
  const planned = applicantPlan(state.seed, jobId).map((arrival) => arrival.trainer);
  const rest = trainerPool(state.seed).filter((trainer) => isAvailable(trainer) && !planned.includes(trainer));
  return [...planned, ...rest].find((trainer) => !hasApplied(state, jobId, trainer.id));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading proposals

/** The caller's job, or 404 (no such job) / 403 (another account's job). */
export function ownJob(state: SandboxState, accountId: string, jobId: string): JobRecord {
  const job = state.jobs[jobId];
  if (!job) throw notFound('jobs', 'jobId', jobId);
  if (job.accountId !== accountId) throw forbidden('This job belongs to another account.', { jobId });
  return job;
}

/**
 * A proposal on one of the caller's jobs. Reads answer 403 for another account's proposal; the hire request answers
 * 404 (`foreign: 'not_found'`), as its page documents.
 */
export function ownProposal(
  state: SandboxState,
  accountId: string,
  proposalId: string,
  foreign: 'forbidden' | 'not_found' = 'forbidden',
): ProposalRecord {
  const proposal = state.proposals[proposalId];
  if (proposal && proposal.accountId === accountId) return proposal;
  if (proposal && foreign === 'forbidden') {
    throw forbidden('This proposal is not on a job you own.', { proposalId });
  }
  throw notFound('proposals', 'proposalId', proposalId);
}

export interface ProposalListQuery {
  status?: string;
  limit?: number;
  cursor?: string;
}

export const DEFAULT_PROPOSAL_PAGE = 25;

/** Newest first; `cursor` is the id of the last proposal of the previous page. */
export function listJobProposals(state: SandboxState, job: JobRecord, query: ProposalListQuery) {
  const status = query.status === undefined ? undefined : normaliseProposalStatus(query.status);
  if (query.status !== undefined && !status) {
    throw badRequest(`Unsupported proposal status "${query.status}".`, {
      field: 'status',
      supportedStatuses: [...PROPOSAL_STATUSES],
    });
  }
  const limit = query.limit ?? DEFAULT_PROPOSAL_PAGE;
  const all = newestFirst(Object.values(state.proposals).filter((p) => p.jobId === job.id));
  const matching = status ? all.filter((p) => p.status === status) : all;
  let start = 0;
  if (query.cursor !== undefined) {
    const at = matching.findIndex((p) => p.id === query.cursor);
    if (at < 0)
      throw badRequest('cursor is not a proposal of this listing; start again without it.', { field: 'cursor' });
    start = at + 1;
  }
  const page = matching.slice(start, start + limit);
  const more = start + limit < matching.length;
  return {
    proposals: page.map((p) => proposalSummaryView(state, p)),
    nextCursor: more ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Records keep insertion order, so among equal timestamps the later-arrived proposal is listed first. */
function newestFirst(proposals: ProposalRecord[]): ProposalRecord[] {
  return proposals.reverse().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function trainerOf(state: SandboxState, proposal: ProposalRecord): FreelancerRecord {
  const trainer = state.freelancers[proposal.freelancerId] ?? findTrainer(state, proposal.freelancerId);
  if (!trainer) throw new ApiError('INTERNAL_ERROR', `Proposal ${proposal.id} names an unknown AI trainer.`);
  return trainer;
}

export function proposalSummaryView(state: SandboxState, proposal: ProposalRecord): Schemas['ProposalSummary'] {
  const job = state.jobs[proposal.jobId];
  return {
    id: proposal.id,
    jobId: proposal.jobId,
    jobTitle: job ? jobTitleOf(job) : 'Untitled job',
    createdAt: proposal.createdAt,
    updatedAt: proposal.updatedAt,
    status: { raw: proposal.status, label: STATUS_LABELS[proposal.status] },
    bid: { ...proposal.bid },
    candidate: candidateView(trainerOf(state, proposal)),
    metrics: { ...proposal.metrics },
  };
}

export function proposalDetailView(state: SandboxState, proposal: ProposalRecord): Schemas['Proposal'] {
  const trainer = trainerOf(state, proposal);
  const { interview } = proposal;
  const contract = Object.values(state.contracts).find((candidate) => candidate.proposalId === proposal.id);
  return {
    ...proposalSummaryView(state, proposal),
    aiInterview: interview ? { score: interview.score, summary: interview.summary, transcriptAvailable: true } : null,
    verification: {
      location: { status: 'PASSED', method: 'GPS', checkedAt: proposal.locationCheckedAt },
      identity: { verified: trainer.identityVerified },
    },
    openLabel: null,
    contract: contract ? { id: contract.id, status: contract.status } : null,
  };
}

export const EMPTY_TRANSCRIPT = 'Interview completed.';

/** The transcript oldest first, sanitized; an interview without turns reads "Interview completed.". */
export function interviewView(proposal: ProposalRecord): Schemas['ProposalInterview'] {
  const { interview } = proposal;
  if (!interview) {
    throw new ApiError('NOT_FOUND', 'No interview was recorded for this proposal.', { proposalId: proposal.id });
  }
  const messages = interview.turns
    .map((turn) => ({
      id: turn.id,
      role: turn.role,
      content: sanitizeTranscriptText(turn.content),
      sentAt: turn.sentAt,
    }))
    .filter((turn) => turn.content !== '');
  return {
    proposalId: proposal.id,
    interviewId: interview.id,
    score: interview.score,
    summary: sanitizeTranscriptText(interview.summary),
    messages:
      messages.length > 0
        ? messages
        : [
            {
              id: `${interview.id}_end`,
              role: 'interviewer' as const,
              content: EMPTY_TRANSCRIPT,
              sentAt: proposal.createdAt,
            },
          ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Status changes (made by the human in the app, or by a confirmed hire)

export function setProposalStatus(
  state: SandboxState,
  proposal: ProposalRecord,
  status: ProposalStatusCode,
  now: number,
): void {
  if (proposal.status === status) return;
  proposal.status = status;
  proposal.updatedAt = toIso(now);
  appendEvent(
    state,
    {
      accountId: proposal.accountId,
      type: 'proposal.status_changed',
      resourceId: proposal.id,
      jobId: proposal.jobId,
      data: { proposalId: proposal.id, status },
    },
    now,
  );
}

/** The control plane's stand-in for the employer reviewing a proposal in the app. */
export function changeProposalStatus(state: SandboxState, proposalId: string, status: string, now: number) {
  const proposal = state.proposals[proposalId];
  if (!proposal) throw notFound('proposals', 'proposalId', proposalId);
  const code = normaliseProposalStatus(status);
  if (!code) {
    throw badRequest(`status must be one of ${PROPOSAL_STATUSES.join(', ')}.`, {
      field: 'status',
      supportedStatuses: [...PROPOSAL_STATUSES],
    });
  }
  setProposalStatus(state, proposal, code, now);
  return { proposalId: proposal.id, status: code };
}
