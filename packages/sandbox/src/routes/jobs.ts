import { originOf, type SandboxContext } from '../http/context.js';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { toIso } from '../state/clock.js';
import { categoryOf, jobUrlOf, myJobView, publicJobView } from '../state/job-views.js';
import {
  closeJob,
  editLiveJob,
  findOwnedJob,
  inviteFreelancer,
  PUBLISH_WINDOW_HOURS,
  publishJob,
} from '../state/jobs.js';
import {
  accountJobs,
  facetCounts,
  InvalidCursorError,
  listingChangesSince,
  openJobs,
  searchOpenJobs,
} from '../state/marketplace.js';
import type { JobRecord, JobStatus } from '../state/records/jobs.js';
import { jobFieldChanges, registerJobDraftOperations } from './job-drafts.js';

const PUBLISHING = { scopes: ['jobs:write' as const], feature: 'public_api_job_publishing' as const };

/** The tokenless marketplace endpoints are edge-cached and CORS-open. */
const MARKETPLACE_HEADERS = {
  'Cache-Control': 'public, s-maxage=300, stale-while-revalidate=3600',
  'Access-Control-Allow-Origin': '*',
};

export const jobRoutes: RouteFamily = {
  name: 'jobs',
  register(router) {
    registerJobDraftOperations(router);

    // The fixed paths come before /jobs/{jobId}, which would otherwise take them.
    router.operation(
      { operationId: 'listMyJobs', method: 'GET', path: '/api/public/v1/jobs/mine', auth: { scopes: ['jobs:read'] } },
      (c) => {
        const runtime = c.var.sandbox;
        const query = inputOf(c).query as { status?: JobStatus; limit?: number; cursor?: string };
        const page = withCursor(() => accountJobs(runtime.state, authOf(c).account.id, query));
        const jobs = page.items.map((job) => myJobView(runtime.state, job, originOf(c)));
        return c.json({ jobs, nextCursor: page.nextCursor });
      },
    );

    router.operation({ operationId: 'searchJobs', method: 'GET', path: '/api/public/v1/jobs', auth: 'none' }, (c) => {
      const runtime = c.var.sandbox;
      const page = withCursor(() => searchOpenJobs(runtime.state, inputOf(c).query));
      const jobs = page.items.map((job) => publicJobView(runtime.state, job, originOf(c)));
      return c.json({ jobs, nextCursor: page.nextCursor, generatedAt: toIso(runtime.now()) }, 200, MARKETPLACE_HEADERS);
    });

    router.operation(
      { operationId: 'getJobFacets', method: 'GET', path: '/api/public/v1/jobs/facets', auth: 'none' },
      (c) => {
        const runtime = c.var.sandbox;
        const jobs = openJobs(runtime.state);
        const facets = {
          totalJobs: jobs.length,
          categories: facetCounts(jobs, (job) => [categoryOf(job)]),
          languages: facetCounts(jobs, (job) => job.fields.languages ?? []),
          countries: facetCounts(jobs, (job) => job.fields.countries ?? []),
          payTypes: facetCounts(jobs, (job) => (job.fields.paymentType ? [job.fields.paymentType] : [])),
          generatedAt: toIso(runtime.now()),
        };
        return c.json(facets, 200, MARKETPLACE_HEADERS);
      },
    );

    router.operation(
      { operationId: 'listJobChanges', method: 'GET', path: '/api/public/v1/jobs/changes', auth: 'none' },
      (c) => {
        const runtime = c.var.sandbox;
        const now = runtime.now();
        const since = Date.parse(String(inputOf(c).query.since));
        const { changes, until } = listingChangesSince(runtime.state, since, now);
        return c.json({ since: toIso(since), until, changes, generatedAt: toIso(now) }, 200, MARKETPLACE_HEADERS);
      },
    );

    router.operation(
      { operationId: 'getJob', method: 'GET', path: '/api/public/v1/jobs/{jobId}', auth: 'none' },
      (c) => {
        const runtime = c.var.sandbox;
        const jobId = String(inputOf(c).path.jobId);
        const job = runtime.state.jobs[jobId];
        if (!job) throw notFound('jobs', 'jobId', jobId);
        // A job that exists but is not listed answers with the documented minimal body, not the envelope.
        if (job.status !== 'OPEN') return c.json({ id: job.id, status: 'closed' }, 404);
        return c.json(publicJobView(runtime.state, job, originOf(c)), 200, MARKETPLACE_HEADERS);
      },
    );

    router.operation(
      { operationId: 'publishJob', method: 'POST', path: '/api/public/v1/jobs/{jobId}/publish', auth: PUBLISHING },
      (c) => {
        const runtime = c.var.sandbox;
        const { account } = authOf(c);
        const job = ownedJob(c);
        const outcome = publishJob(runtime.state, account, job, runtime.now());
        switch (outcome.kind) {
          case 'not_a_draft':
            throw badRequest(`Only draft jobs can be published; this job is ${job.status}.`, {
              jobId: job.id,
              status: job.status,
              requiredStatus: 'DRAFT',
            });
          case 'not_ready':
            throw badRequest('This job is not ready to publish.', { validation: outcome.validation });
          case 'rate_limited':
            throw new ApiError(
              'RATE_LIMITED',
              `Daily publish limit reached: ${outcome.limit} jobs per ${PUBLISH_WINDOW_HOURS} hours${account.claimed ? '' : ' until a human claims this account'}.`,
              { limit: outcome.limit, windowHours: PUBLISH_WINDOW_HOURS },
              { 'Retry-After': String(outcome.retryAfterSeconds) },
            );
          case 'blocked':
            throw forbidden('This job cannot be published because it did not pass content moderation.', {
              reason: 'moderation_blocked',
              reasons: outcome.reasons,
            });
        }
        const alreadyPublished = outcome.kind === 'already_published';
        return c.json({
          ok: true,
          jobId: job.id,
          status: job.status,
          alreadyPublished,
          jobUrl: jobUrlOf(originOf(c), job),
          publishAttemptId: job.publishAttemptId,
          warnings: outcome.warnings,
          sideEffects: alreadyPublished
            ? { dispatched: false, status: 'skipped' }
            : { dispatched: true, status: 'queued' },
        });
      },
    );

    router.operation(
      { operationId: 'updateJob', method: 'PATCH', path: '/api/public/v1/jobs/{jobId}', auth: PUBLISHING },
      async (c) => {
        const runtime = c.var.sandbox;
        const changes = await jobFieldChanges(c);
        const job = ownedJob(c);
        const outcome = editLiveJob(job, changes, runtime.now());
        switch (outcome.kind) {
          case 'not_open':
            throw conflict(
              job.status === 'DRAFT'
                ? 'Only open jobs can be edited here; use PATCH /api/public/v1/job-drafts/{jobId} for drafts.'
                : `Only open jobs can be edited; this job is ${job.status}.`,
              { jobId: job.id, status: job.status, requiredStatus: 'OPEN' },
            );
          case 'not_ready':
            throw badRequest('This edit would leave the job without what a published job needs.', {
              validation: outcome.validation,
            });
          case 'blocked':
            throw conflict('The edit did not pass content moderation; the job was moved back to draft.', {
              jobId: job.id,
              reason: 'moderation_blocked',
              reasons: outcome.reasons,
              status: job.status,
            });
        }
        return c.json({ ok: true, jobId: job.id, status: job.status, moderation: { decision: 'ALLOW', reasons: [] } });
      },
    );

    router.operation(
      { operationId: 'closeJob', method: 'POST', path: '/api/public/v1/jobs/{jobId}/close', auth: PUBLISHING },
      (c) => {
        const job = ownedJob(c);
        const closed = closeJob(job, c.var.sandbox.now());
        return c.json({ ok: true, jobId: job.id, status: job.status, alreadyClosed: !closed });
      },
    );

    router.operation(
      {
        operationId: 'inviteFreelancer',
        method: 'POST',
        path: '/api/public/v1/jobs/{jobId}/invites',
        auth: { scopes: ['proposals:write'], feature: 'public_api_hiring', claimAction: 'invite AI trainers' },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const job = ownedJob(c);
        const { freelancerId } = inputOf(c).body as { freelancerId: string };
        const outcome = inviteFreelancer(runtime.state, job, freelancerId, runtime.now());
        switch (outcome.kind) {
          case 'unknown_freelancer':
            throw notFound('freelancers', 'freelancerId', freelancerId);
          case 'not_a_freelancer':
            throw conflict('This user is not an AI trainer.', { reason: 'not_a_freelancer', freelancerId });
          case 'job_not_published':
            throw conflict('Publish the job before inviting AI trainers.', {
              reason: 'job_not_published',
              jobId: job.id,
              status: job.status,
            });
          case 'freelancer_unavailable':
            throw conflict('This AI trainer is not available for new work.', {
              reason: 'freelancer_unavailable',
              freelancerId,
            });
        }
        const { proposal, alreadyInvited } = outcome;
        return c.json(
          { ok: true, proposalId: proposal.id, jobId: job.id, freelancerId: proposal.freelancerId, alreadyInvited },
          alreadyInvited ? 200 : 201,
        );
      },
    );
  },
};

/** The path's job, if the caller's account owns it; another account's job is reported like a missing one. */
function ownedJob(c: SandboxContext): JobRecord {
  const jobId = String(inputOf(c).path.jobId);
  const job = findOwnedJob(c.var.sandbox.state, authOf(c).account.id, jobId);
  if (!job) throw notFound('jobs', 'jobId', jobId);
  return job;
}

function withCursor<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw badRequest(error.message, { field: 'cursor' });
    throw error;
  }
}
