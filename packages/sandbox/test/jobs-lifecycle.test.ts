import { describe, expect, it } from 'vitest';
import { API, jobsWorld, READY_TEXT } from './jobs-support.js';
import { START } from './support.js';

describe('publishing', () => {
  it('limits an unclaimed account to 3 publishes per 24 hours, then lets it publish again', async () => {
    const { call, agent, publishedJob, advanceHours } = jobsWorld();
    const { token } = await agent();
    for (let i = 0; i < 3; i++) await publishedJob(token);

    const fourth = await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: READY_TEXT } });
    const limited = await call('POST', `${API}/jobs/${fourth.body.jobId}/publish`, { token });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 3, windowHours: 24 } });
    expect(limited.headers.get('retry-after')).toBe(String(24 * 60 * 60));

    await advanceHours(23);
    const stillLimited = await call('POST', `${API}/jobs/${fourth.body.jobId}/publish`, { token });
    expect(stillLimited.status).toBe(429);
    expect(stillLimited.headers.get('retry-after')).toBe(String(60 * 60));

    await advanceHours(1);
    const allowed = await call('POST', `${API}/jobs/${fourth.body.jobId}/publish`, { token });
    expect(allowed.status).toBe(200);
    expect(allowed.body.status).toBe('OPEN');
  });

  it('gives a claimed account 20 publishes per 24 hours', async () => {
    const { call, employer, publishedJob } = jobsWorld();
    const { token } = await employer();
    for (let i = 0; i < 20; i++) await publishedJob(token);
    const draft = await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: READY_TEXT } });
    const limited = await call('POST', `${API}/jobs/${draft.body.jobId}/publish`, { token });
    expect([limited.status, limited.body.details]).toEqual([429, { limit: 20, windowHours: 24 }]);
  });

  it('answers alreadyPublished for an open job without using the quota', async () => {
    const { call, agent, publishedJob } = jobsWorld();
    const { token } = await agent();
    const jobId = await publishedJob(token);
    const first = await call('POST', `${API}/jobs/${jobId}/publish`, { token });
    for (let i = 0; i < 3; i++) {
      const again = await call('POST', `${API}/jobs/${jobId}/publish`, { token });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        alreadyPublished: true,
        status: 'OPEN',
        publishAttemptId: first.body.publishAttemptId,
        sideEffects: { dispatched: false },
      });
    }
    await publishedJob(token);
    await publishedJob(token);
  });

  it('blocks a job whose text fails moderation and keeps it a draft', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const draft = await call('POST', `${API}/job-drafts`, {
      token,
      body: { rawJobDescription: `${READY_TEXT} Contact me on WhatsApp to get started.` },
    });
    const blocked = await call('POST', `${API}/jobs/${draft.body.jobId}/publish`, { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'moderation_blocked', reasons: ['Requests personal contact details off-platform'] },
    });
    expect((await call('GET', `${API}/jobs/${draft.body.jobId}`)).body).toEqual({
      id: draft.body.jobId,
      status: 'closed',
    });

    const cleaned = await call('PATCH', `${API}/job-drafts/${draft.body.jobId}`, {
      token,
      body: { jobDescription: READY_TEXT },
    });
    expect(cleaned.status).toBe(200);
    expect((await call('POST', `${API}/jobs/${draft.body.jobId}/publish`, { token })).status).toBe(200);
  });

  it('needs jobs:write and the publishing feature, and hides other accounts’ jobs', async () => {
    const { call, employer, tokenWith, sandbox } = jobsWorld();
    const owner = await employer();
    const draft = await call('POST', `${API}/job-drafts`, {
      token: owner.token,
      body: { rawJobDescription: READY_TEXT },
    });
    const path = `${API}/jobs/${draft.body.jobId}/publish`;

    const other = await employer();
    const foreign = await call('POST', path, { token: other.token });
    expect([foreign.status, foreign.body.details]).toEqual([404, { resource: 'jobs', jobId: draft.body.jobId }]);

    const reader = await tokenWith(owner.accountId, ['jobs:read']);
    const noScope = await call('POST', path, { token: reader });
    expect([noScope.status, noScope.body.details]).toEqual([
      403,
      { requiredScopes: ['jobs:write'], grantedScopes: ['jobs:read'] },
    ]);

    await sandbox.control.setFeatures(owner.accountId, { public_api_job_publishing: false });
    for (const [method, target] of [
      ['POST', path],
      ['PATCH', `${API}/jobs/${draft.body.jobId}`],
      ['POST', `${API}/jobs/${draft.body.jobId}/close`],
    ] as const) {
      const off = await call(method, target, {
        token: owner.token,
        body: method === 'PATCH' ? { headcount: 2 } : undefined,
      });
      expect(off.status).toBe(403);
      expect(off.body.details).toMatchObject({ featureKey: 'public_api_job_publishing' });
    }
  });
});

describe('live edits and closing', () => {
  it('edits an open job, re-moderating it, and only an open one', async () => {
    const { call, employer, publishedJob, advanceHours } = jobsWorld();
    const { token } = await employer();
    const jobId = await publishedJob(token);
    await advanceHours(1);

    const edited = await call('PATCH', `${API}/jobs/${jobId}`, { token, body: { headcount: 8, pricePerHour: 14 } });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ ok: true, jobId, status: 'OPEN', moderation: { decision: 'ALLOW', reasons: [] } });
    const listed = await call('GET', `${API}/jobs/${jobId}`);
    expect(listed.body.pay.hourlyRate).toBe(14);
    expect(listed.body.updatedAt).toBe('2026-06-12T11:00:00.000Z');
    expect(listed.body.datePosted).toBe(START);
    expect(listed.body.validThrough).toBe('2026-08-07T10:00:00.000Z');

    const unusable = await call('PATCH', `${API}/jobs/${jobId}`, { token, body: { jobTitle: '' } });
    expect(unusable.status).toBe(400);
    expect(unusable.body.details.validation.missingFields[0].field).toBe('jobTitle');
    expect((await call('GET', `${API}/jobs/${jobId}`)).body.title).not.toBe('');

    const draft = await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: READY_TEXT } });
    const notOpen = await call('PATCH', `${API}/jobs/${draft.body.jobId}`, { token, body: { headcount: 2 } });
    expect(notOpen.status).toBe(409);
    expect(notOpen.body.error).toContain('/job-drafts/');
    expect(notOpen.body.details).toEqual({ jobId: draft.body.jobId, status: 'DRAFT', requiredStatus: 'OPEN' });

    const unknownKey = await call('PATCH', `${API}/jobs/${jobId}`, { token, body: { salary: 3 } });
    expect([unknownKey.status, unknownKey.body.details.field]).toEqual([400, 'salary']);
  });

  it('saves an edit that fails moderation but takes the job off the marketplace', async () => {
    const { call, employer, publishedJob } = jobsWorld();
    const { token } = await employer();
    const jobId = await publishedJob(token);
    const description = `${READY_TEXT} Send your CV to jobs@example.com.`;

    const blocked = await call('PATCH', `${API}/jobs/${jobId}`, { token, body: { jobDescription: description } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.details).toEqual({
      jobId,
      reason: 'moderation_blocked',
      reasons: ['Requests personal contact details off-platform'],
      status: 'DRAFT',
    });
    expect((await call('GET', `${API}/jobs/${jobId}`)).body).toEqual({ id: jobId, status: 'closed' });
    const mine = await call('GET', `${API}/jobs/mine`, { token });
    expect(mine.body.jobs[0]).toMatchObject({
      id: jobId,
      status: 'DRAFT',
      published: false,
      acceptingApplicants: false,
    });
    const draftView = await call('PATCH', `${API}/job-drafts/${jobId}`, { token, body: { headcount: 3 } });
    expect(draftView.body.normalizedFields.jobDescription).toBe(description);
  });

  it('closes a job for good; closing again is a no-op', async () => {
    const { call, employer, publishedJob } = jobsWorld();
    const { token } = await employer();
    const jobId = await publishedJob(token);

    const closed = await call('POST', `${API}/jobs/${jobId}/close`, { token });
    expect(closed.body).toEqual({ ok: true, jobId, status: 'ARCHIVED', alreadyClosed: false });
    const again = await call('POST', `${API}/jobs/${jobId}/close`, { token });
    expect([again.status, again.body.alreadyClosed]).toEqual([200, true]);

    expect((await call('GET', `${API}/jobs/${jobId}`)).body).toEqual({ id: jobId, status: 'closed' });
    const edit = await call('PATCH', `${API}/jobs/${jobId}`, { token, body: { headcount: 2 } });
    expect(edit.body.details).toEqual({ jobId, status: 'ARCHIVED', requiredStatus: 'OPEN' });
    const republish = await call('POST', `${API}/jobs/${jobId}/publish`, { token });
    expect([republish.status, republish.body.details]).toEqual([
      400,
      { jobId, status: 'ARCHIVED', requiredStatus: 'DRAFT' },
    ]);

    const missing = await call('GET', `${API}/jobs/job_doesnotexist`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', details: { jobId: 'job_doesnotexist' } });
    const tooLong = await call('GET', `${API}/jobs/${'x'.repeat(65)}`);
    expect(tooLong.status).toBe(400);
  });
});
