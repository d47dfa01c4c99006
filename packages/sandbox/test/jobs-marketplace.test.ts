import { describe, expect, it } from 'vitest';
import { API, type JobsWorld, jobsWorld, READY_TEXT } from './jobs-support.js';

const SPANISH_AUDIO =
  'Transcribe 300 hours of Spanish call-center audio. 4 transcribers, intermediate level. $12/hour. Based in Mexico.';
const TEXT_LABELS =
  'Label the sentiment of 20,000 English product reviews. 5 annotators, any experience level. $0.04 per label. US only.';
const FIXED_BOXES = 'Fixed price $800 for bounding boxes on 5,000 images. 2 expert annotators.';

async function allPages(world: JobsWorld, path: string, token?: string) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
    const page = await world.call('GET', url, { token });
    expect(page.status).toBe(200);
    pages.push(page.body.jobs.map((job: { id: string }) => job.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return pages;
}

describe('GET /jobs/mine', () => {
  it('lists the account’s jobs newest first across pages, with drafts and a status filter', async () => {
    const world = jobsWorld();
    const { call, employer, publishedJob } = world;
    const { token } = await employer();
    const other = await employer();
    await publishedJob(other.token);

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      if (i % 2 === 0) ids.push(await publishedJob(token));
      else
        ids.push(
          (await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: READY_TEXT } })).body.jobId,
        );
    }
    const newestFirst = [...ids].reverse();

    expect(await allPages(world, `${API}/jobs/mine?limit=2`, token)).toEqual([
      newestFirst.slice(0, 2),
      newestFirst.slice(2, 4),
      newestFirst.slice(4),
    ]);
    const open = await call('GET', `${API}/jobs/mine?status=OPEN`, { token });
    expect(open.body.jobs.map((job: { id: string }) => job.id)).toEqual([ids[4], ids[2], ids[0]]);
    expect(open.body.nextCursor).toBeNull();
    expect(open.body.jobs[0]).toMatchObject({
      status: 'OPEN',
      published: true,
      acceptingApplicants: true,
      title: 'English Bounding Box Annotation',
      proposalCounts: { total: 0, unreviewed: 0 },
    });

    const badStatus = await call('GET', `${API}/jobs/mine?status=LIVE`, { token });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.details.allowedValues).toEqual([
      'DRAFT',
      'OPEN',
      'ONGOING',
      'COMPLETED',
      'ARCHIVED',
      'PENDING_APPROVAL',
    ]);
    const badLimit = await call('GET', `${API}/jobs/mine?limit=0`, { token });
    expect([badLimit.status, badLimit.body.details.field]).toEqual([400, 'limit']);
    const badCursor = await call('GET', `${API}/jobs/mine?cursor=nonsense`, { token });
    expect([badCursor.status, badCursor.body.details]).toEqual([400, { field: 'cursor' }]);
  });

  it('defaults to 25 per page', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    for (let i = 0; i < 26; i++)
      await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: `Job ${i}` } });
    const first = await call('GET', `${API}/jobs/mine`, { token });
    expect(first.body.jobs).toHaveLength(25);
    const second = await call('GET', `${API}/jobs/mine?cursor=${first.body.nextCursor}`, { token });
    expect(second.body.jobs.map((job: { title: string }) => job.title)).toEqual(['Job 0']);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('the public marketplace', () => {
  it('searches open jobs of every account by text, language, country and pay type, page by page', async () => {
    const world = jobsWorld();
    const { call, employer, publishedJob, advanceHours } = world;
    const a = await employer();
    const b = await employer();
    const audio = await publishedJob(a.token, SPANISH_AUDIO);
    await advanceHours(1);
    const reviews = await publishedJob(b.token, TEXT_LABELS);
    await advanceHours(1);
    const boxes = await publishedJob(a.token, FIXED_BOXES, { languages: ['English', 'Spanish'] });
    const closed = await publishedJob(b.token);
    await call('POST', `${API}/jobs/${closed}/close`, { token: b.token });
    await call('POST', `${API}/job-drafts`, { token: a.token, body: { rawJobDescription: SPANISH_AUDIO } });

    const all = await call('GET', `${API}/jobs`);
    expect(all.status).toBe(200);
    expect(all.headers.get('access-control-allow-origin')).toBe('*');
    expect(all.headers.get('cache-control')).toBe('public, s-maxage=300, stale-while-revalidate=3600');
    expect(all.body.jobs.map((job: { id: string }) => job.id)).toEqual([boxes, reviews, audio]);
    expect(all.body.generatedAt).toBe('2026-06-12T12:00:00.000Z');

    expect(await allPages(world, `${API}/jobs?limit=2`)).toEqual([[boxes, reviews], [audio]]);

    const search = async (query: string) =>
      (await call('GET', `${API}/jobs?${query}`)).body.jobs.map((job: { id: string }) => job.id);
    expect(await search('q=call-center%20AUDIO')).toEqual([audio]);
    expect(await search('language=spanish')).toEqual([boxes, audio]);
    expect(await search('country=us')).toEqual([reviews]);
    expect(await search('payType=FIXED_PRICE')).toEqual([boxes]);
    expect(await search('payType=PAY_PER_HOUR&language=Spanish')).toEqual([audio]);

    const badPayType = await call('GET', `${API}/jobs?payType=WEEKLY`);
    expect([badPayType.status, badPayType.body.details.field]).toEqual([400, 'payType']);
    const foreignCursor = (await call('GET', `${API}/jobs/mine?limit=1`, { token: a.token })).body.nextCursor;
    expect((await call('GET', `${API}/jobs?cursor=${foreignCursor}`)).status).toBe(400);

    const reviewJob = all.body.jobs[1];
    expect(reviewJob).toMatchObject({
      companyName: 'Acme Research',
      countries: ['US'],
      languages: ['English'],
      experienceLevel: 'Any experience level',
      category: 'Text Annotation',
      pay: { paymentType: 'PAY_PER_LABEL', perLabelRate: 0.04, hourlyRate: null, fixedPrice: null },
      applyUrl: `https://app.opentrain.ai/api/out?job=${reviews}&src=www_seo`,
    });
  });

  it('counts open jobs by category, language, country and pay type', async () => {
    const { call, employer, publishedJob } = jobsWorld();
    const { token } = await employer();
    const empty = await call('GET', `${API}/jobs/facets`);
    expect(empty.body).toMatchObject({ totalJobs: 0, categories: [], languages: [], countries: [], payTypes: [] });

    await publishedJob(token, SPANISH_AUDIO);
    await publishedJob(token, TEXT_LABELS);
    await publishedJob(token, FIXED_BOXES, { languages: ['English', 'Spanish'] });
    await publishedJob(token, READY_TEXT);
    const closed = await publishedJob(token, TEXT_LABELS);
    await call('POST', `${API}/jobs/${closed}/close`, { token });

    const facets = await call('GET', `${API}/jobs/facets`);
    expect(facets.status).toBe(200);
    expect(facets.headers.get('access-control-allow-origin')).toBe('*');
    expect(facets.body).toEqual({
      totalJobs: 4,
      categories: [
        { value: 'Image Annotation', count: 2 },
        { value: 'Audio Annotation', count: 1 },
        { value: 'Text Annotation', count: 1 },
      ],
      languages: [
        { value: 'English', count: 3 },
        { value: 'Spanish', count: 2 },
      ],
      countries: [
        { value: 'MX', count: 1 },
        { value: 'US', count: 1 },
      ],
      payTypes: [
        { value: 'PAY_PER_HOUR', count: 2 },
        { value: 'FIXED_PRICE', count: 1 },
        { value: 'PAY_PER_LABEL', count: 1 },
      ],
      generatedAt: '2026-06-12T10:00:00.000Z',
    });
  });

  it('reports the latest listing change per job since an instant, with until for the next call', async () => {
    const { call, employer, publishedJob, advanceHours } = jobsWorld();
    const { token } = await employer();
    const first = await publishedJob(token); // 10:00 PUBLISHED
    await advanceHours(1);
    const second = await publishedJob(token); // 11:00 PUBLISHED
    await advanceHours(1);
    await call('PATCH', `${API}/jobs/${first}`, { token, body: { headcount: 9 } }); // 12:00 UPDATED
    await call('PATCH', `${API}/jobs/${first}`, { token, body: { headcount: 9 } }); // no change, no event
    await advanceHours(1);
    await call('POST', `${API}/jobs/${second}/close`, { token }); // 13:00 CLOSED
    await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: READY_TEXT } }); // drafts are not listed

    const everything = await call('GET', `${API}/jobs/changes?since=2026-06-12T00:00:00Z`);
    expect(everything.status).toBe(200);
    expect(everything.body).toEqual({
      since: '2026-06-12T00:00:00.000Z',
      until: '2026-06-12T13:00:00.000Z',
      changes: [
        { jobId: first, eventType: 'UPDATED', occurredAt: '2026-06-12T12:00:00.000Z' },
        { jobId: second, eventType: 'CLOSED', occurredAt: '2026-06-12T13:00:00.000Z' },
      ],
      generatedAt: '2026-06-12T13:00:00.000Z',
    });

    const window = await call('GET', `${API}/jobs/changes?since=2026-06-12T11:00:00.000Z`);
    expect(window.body.changes.map((change: { eventType: string }) => change.eventType)).toEqual(['UPDATED', 'CLOSED']);
    const atTheEdge = await call('GET', `${API}/jobs/changes?since=2026-06-12T13:00:00.000Z`);
    expect(atTheEdge.body.changes).toEqual([
      { jobId: second, eventType: 'CLOSED', occurredAt: '2026-06-12T13:00:00.000Z' },
    ]);

    await advanceHours(1);
    const next = await call('GET', `${API}/jobs/changes?since=${everything.body.until}`);
    expect(next.body.changes).toHaveLength(1);
    const third = await publishedJob(token);
    const later = await call('GET', `${API}/jobs/changes?since=2026-06-12T13:30:00Z`);
    expect(later.body.changes).toEqual([
      { jobId: third, eventType: 'PUBLISHED', occurredAt: '2026-06-12T14:00:00.000Z' },
    ]);

    const missing = await call('GET', `${API}/jobs/changes`);
    expect([missing.status, missing.body.details.field]).toEqual([400, 'since']);
    const invalid = await call('GET', `${API}/jobs/changes?since=yesterday`);
    expect(invalid.status).toBe(400);
  });
});

describe('the open-job scenario', () => {
  it('starts with a claimed employer and one listed job that trainers apply to over time', async () => {
    const { call, sandbox, advanceHours } = jobsWorld();
    const seeded = await sandbox.control.seed('open-job');
    const listed = await call('GET', `${API}/jobs/${seeded.jobId}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      title: 'Spanish Sentiment Labeling',
      languages: ['Spanish'],
      pay: { paymentType: 'PAY_PER_LABEL', perLabelRate: 0.05 },
    });

    await advanceHours(1);
    const mine = await call('GET', `${API}/jobs/mine`, { token: String(seeded.token) });
    expect(mine.body.jobs[0].proposalCounts.total).toBeGreaterThan(0);
  });
});
