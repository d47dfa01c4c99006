import { describe, expect, it } from 'vitest';
import type { OperationValidation } from '../src/index.js';
import { trainerPool } from '../src/state/trainers.js';
import {
  eventsOf,
  hiringWorld,
  jobWithApplicants,
  MINUTE,
  ORIGIN,
  otherEmployer,
  publishJob,
  START,
  tokenWith,
} from './hiring-support.js';

const at = (minutesAfterStart: number) => new Date(Date.parse(START) + minutesAfterStart * 60_000).toISOString();

describe('simulated AI trainers applying to a published job', () => {
  it('sends applicant k ten minutes × k after publication, each as an UNREVIEWED proposal with an event', async () => {
    const world = await hiringWorld();
    const job = await publishJob(world.sandbox, world.accountId);
    const list = () => world.call('GET', `/api/public/v1/jobs/${job.id}/proposals`);

    expect((await list()).body).toEqual({ proposals: [], nextCursor: null });
    await world.advance(10 * MINUTE - 1);
    expect((await list()).body.proposals).toHaveLength(0);
    await world.advance(1);
    const first = (await list()).body.proposals;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      jobId: job.id,
      jobTitle: 'Spanish sentiment labeling of social media posts',
      createdAt: at(10),
      updatedAt: at(10),
      status: { raw: 'UNREVIEWED', label: 'Unreviewed' },
      bid: { unit: 'PER_LABEL', labelerHourlyRateUsd: null },
    });

    await world.advance(2 * 60 * MINUTE);
    const all = (await list()).body.proposals;
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.length).toBeLessThanOrEqual(5);
    // Newest first, one arrival every ten minutes.
    expect(all.map((p: { createdAt: string }) => p.createdAt)).toEqual(
      all.map((_: unknown, i: number) => at(10 * (all.length - i))),
    );
    expect(new Set(all.map((p: { candidate: { id: string } }) => p.candidate.id)).size).toBe(all.length);

    const received = eventsOf(world.sandbox, 'proposal.received');
    expect(received.map((event) => event.data)).toEqual(
      [...all].reverse().map((p: { id: string }) => ({ proposalId: p.id, jobId: job.id })),
    );
    expect(received[0]).toMatchObject({ resourceId: all.at(-1).id, jobId: job.id, createdAt: at(10) });

    // Later ticks never add the same applicants again.
    await world.advance(24 * 60 * MINUTE);
    expect((await list()).body.proposals).toHaveLength(all.length);
    expect(eventsOf(world.sandbox, 'proposal.received')).toHaveLength(all.length);
  });

  it('picks the same trainers, bids and timing for the same seed and job id', async () => {
    const runs = await Promise.all([hiringWorld(), hiringWorld()]);
    const listings = await Promise.all(runs.map(async (world) => (await jobWithApplicants(world)).proposals));
    const strip = (proposals: { candidate: unknown; bid: unknown; metrics: unknown; createdAt: string }[]) =>
      proposals.map(({ candidate, bid, metrics, createdAt }) => ({ candidate, bid, metrics, createdAt }));
    expect(strip(listings[0] ?? [])).toEqual(strip(listings[1] ?? []));

    const otherSeed = await hiringWorld({ seed: 99 });
    const other = (await jobWithApplicants(otherSeed)).proposals;
    expect(other.map((p) => p.candidate.id)).not.toEqual(listings[0]?.map((p) => p.candidate.id));
  });

  it('never sends a trainer who takes no new work', async () => {
    const world = await hiringWorld();
    for (let n = 0; n < 12; n++) await publishJob(world.sandbox, world.accountId);
    await world.advance(60 * MINUTE);
    const applicants = new Set(Object.values(world.sandbox.state.proposals).map((p) => p.freelancerId));
    const booked = trainerPool(world.sandbox.state.seed).filter((trainer) => trainer.availability === 'NOT_AVAILABLE');
    expect(booked.map((trainer) => trainer.slug)).toEqual(['sofia-l']);
    expect(applicants.size).toBeGreaterThan(6);
    for (const trainer of booked) expect(applicants.has(trainer.id)).toBe(false);
  });

  it('sends nobody to drafts, and stops sending when the job closes', async () => {
    const world = await hiringWorld();
    const draft = await publishJob(world.sandbox, world.accountId);
    await world.sandbox.control.mutate((state) => {
      const record = state.jobs[draft.id];
      if (record) Object.assign(record, { status: 'DRAFT', publishedAt: null });
    });
    const closing = await publishJob(world.sandbox, world.accountId);
    await world.sandbox.control.mutate((state) => {
      const record = state.jobs[closing.id];
      if (record) Object.assign(record, { status: 'COMPLETED', closedAt: at(15) });
    });
    await world.advance(2 * 60 * MINUTE);

    expect((await world.call('GET', `/api/public/v1/jobs/${draft.id}/proposals`)).body.proposals).toEqual([]);
    const closed = (await world.call('GET', `/api/public/v1/jobs/${closing.id}/proposals`)).body.proposals;
    expect(closed.map((p: { createdAt: string }) => p.createdAt)).toEqual([at(10)]);
  });

  it('lets the control plane make a trainer apply now, over HTTP and in process', async () => {
    const world = await hiringWorld();
    const job = await publishJob(world.sandbox, world.accountId);
    const control = (body: unknown) =>
      world.sandbox.fetch(
        new Request(`${ORIGIN}/_sandbox/trainers/apply`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );

    const next = await control({ jobId: job.id });
    expect(next.status).toBe(201);
    const applied = await next.json();
    expect(applied).toEqual({
      proposalId: expect.stringMatching(/^prp_/),
      jobId: job.id,
      freelancerId: expect.any(String),
    });

    const lucia = trainerPool(world.sandbox.state.seed).find((trainer) => trainer.slug === 'lucia-r');
    const named = await world.sandbox.control.applyTrainer({ jobId: job.id, freelancerId: 'Lucia-R' });
    expect(named.freelancerId).toBe(lucia?.id);

    const listed = (await world.call('GET', `/api/public/v1/jobs/${job.id}/proposals`)).body.proposals;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([named.proposalId, applied.proposalId]);
    expect(listed[1].createdAt).toBe(START);

    const again = await control({ jobId: job.id, freelancerId: lucia?.id });
    expect(again.status).toBe(409);
    expect((await control({ jobId: 'job_missing' })).status).toBe(404);
    expect((await control({ jobId: job.id, freelancerId: 'nobody-x' })).status).toBe(404);
    const booked = await control({ jobId: job.id, freelancerId: 'sofia-l' });
    expect(booked.status).toBe(409);
    expect((await booked.json()).details).toEqual({ reason: 'freelancer_unavailable' });
    const missingJobId = await control({});
    expect(missingJobId.status).toBe(400);
    expect((await missingJobId.json()).details).toEqual({ field: 'jobId' });

    // The planned applicants still arrive, but nobody applies twice.
    await world.advance(2 * 60 * MINUTE);
    const all = (await world.call('GET', `/api/public/v1/jobs/${job.id}/proposals`)).body.proposals;
    const trainers = all.map((p: { candidate: { id: string } }) => p.candidate.id);
    expect(new Set(trainers).size).toBe(trainers.length);
    expect(trainers).toContain(lucia?.id);
  });
});

describe('GET /jobs/{jobId}/proposals', () => {
  it('filters by status and pages with limit and cursor', async () => {
    const world = await hiringWorld();
    const { job, proposals } = await jobWithApplicants(world);
    await world.sandbox.control.setProposalStatus(proposals[0].id, 'shortlisted');
    const review = (proposalId: string, status: string) =>
      world.sandbox.fetch(
        new Request(`${ORIGIN}/_sandbox/proposals/${proposalId}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ status }),
        }),
      );
    const reviewed = await review(proposals[1].id, 'Not-A-Fit');
    expect(await reviewed.json()).toEqual({ proposalId: proposals[1].id, status: 'NOT_A_FIT' });
    const unknownStatus = await review(proposals[1].id, 'hiring');
    expect(unknownStatus.status).toBe(400);
    expect((await unknownStatus.json()).details.supportedStatuses).toContain('RESUME_SENT');
    expect(eventsOf(world.sandbox, 'proposal.status_changed').map((event) => event.data)).toEqual([
      { proposalId: proposals[0].id, status: 'SHORTLISTED' },
      { proposalId: proposals[1].id, status: 'NOT_A_FIT' },
    ]);

    const base = `/api/public/v1/jobs/${job.id}/proposals`;
    const shortlisted = await world.call('GET', `${base}?status=SHORTLISTED`);
    expect(shortlisted.body.proposals.map((p: { id: string }) => p.id)).toEqual([proposals[0].id]);
    expect(shortlisted.body.proposals[0].status).toEqual({ raw: 'SHORTLISTED', label: 'Shortlisted' });
    const notFit = await world.call('GET', `${base}?status=NOT_A_FIT`);
    expect(notFit.body.proposals[0].status).toEqual({ raw: 'NOT_A_FIT', label: 'Not a fit' });
    expect((await world.call('GET', `${base}?status=HIRED`)).body).toEqual({ proposals: [], nextCursor: null });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { proposals: { id: string }[]; nextCursor: string | null } } = await world.call(
        'GET',
        `${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.proposals.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.proposals.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(proposals.map((p) => p.id));

    const badCursor = await world.call('GET', `${base}?cursor=prp_unknown`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.details).toMatchObject({ field: 'cursor' });
    for (const query of ['limit=0', 'limit=101', 'status=HIRING']) {
      const refused = await world.call('GET', `${base}?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.details.field).toBe(query.split('=')[0]);
    }
  });

  it('reads the status filter in any case, with spaces or hyphens, and names the supported statuses', async () => {
    // The spec types the parameter as the upper-case enum, so the contract seam refuses other spellings before the
    // handler runs; a pass-through seam shows what the handler itself accepts.
    const passThrough: OperationValidation = async (c, next) => {
      c.set('input', { path: c.req.param(), query: c.req.query(), body: undefined });
      await next();
    };
    const world = await hiringWorld({ validation: passThrough });
    const { job, proposals } = await jobWithApplicants(world);
    await world.sandbox.control.setProposalStatus(proposals[0].id, 'NOT_A_FIT');
    const base = `/api/public/v1/jobs/${job.id}/proposals`;
    for (const spelling of ['not a fit', 'Not-A-Fit', 'not_a_fit']) {
      const listed = await world.call('GET', `${base}?status=${encodeURIComponent(spelling)}`);
      expect(listed.body.proposals.map((p: { id: string }) => p.id)).toEqual([proposals[0].id]);
    }
    const unknown = await world.call('GET', `${base}?status=hiring`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual({
      field: 'status',
      supportedStatuses: ['UNREVIEWED', 'SHORTLISTED', 'MAYBE', 'HIRED', 'DECLINED', 'NOT_A_FIT', 'RESUME_SENT'],
    });
  });

  it("answers 403 for another account's job, 404 for no job, and needs proposals:read", async () => {
    const world = await hiringWorld();
    const { job } = await jobWithApplicants(world);
    const stranger = await otherEmployer(world.sandbox);
    const foreign = await world.call('GET', `/api/public/v1/jobs/${job.id}/proposals`, { token: stranger });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    const missing = await world.call('GET', '/api/public/v1/jobs/job_missing/proposals');
    expect(missing.status).toBe(404);
    expect(missing.body.details).toEqual({ resource: 'jobs', jobId: 'job_missing' });

    const jobsOnly = await tokenWith(world.sandbox, world.accountId, ['jobs:read']);
    const scoped = await world.call('GET', `/api/public/v1/jobs/${job.id}/proposals`, { token: jobsOnly });
    expect(scoped.status).toBe(403);
    expect(scoped.body.details).toEqual({ requiredScopes: ['proposals:read'], grantedScopes: ['jobs:read'] });
  });

  it('works before the account is claimed', async () => {
    const agent = await hiringWorld({}, 'unclaimed-agent');
    const job = await publishJob(agent.sandbox, agent.accountId);
    await agent.advance(60 * MINUTE);
    const response = await agent.call('GET', `/api/public/v1/jobs/${job.id}/proposals`);
    expect(response.status).toBe(200);
    expect(response.body.proposals.length).toBeGreaterThanOrEqual(3);
  });
});
