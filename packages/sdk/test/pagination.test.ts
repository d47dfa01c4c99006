import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { OpenTrain, RequestValidationError, ResponseValidationError } from '../src/index.js';
import { BASE_URL, listMyJobs, pollUpdates, TOKEN, useMockServer } from './helpers.js';

const server = useMockServer();
const api = new OpenTrain({ apiKey: TOKEN, baseUrl: BASE_URL, logLevel: 'off' });

interface Job {
  id: string;
}
interface JobsPage {
  jobs: Job[];
  nextCursor: string | null;
}

/** Three pages of jobs: j1-j2, j3-j4, j5. Records the cursor and limit of every request. */
function threePages() {
  const requests: Array<{ cursor: string | null; limit: string | null }> = [];
  const pages: Record<string, JobsPage> = {
    first: { jobs: [{ id: 'j1' }, { id: 'j2' }], nextCursor: 'c2' },
    c2: { jobs: [{ id: 'j3' }, { id: 'j4' }], nextCursor: 'c3' },
    c3: { jobs: [{ id: 'j5' }], nextCursor: null },
  };
  server.use(
    http.get(`${BASE_URL}/api/public/v1/jobs/mine`, ({ request }) => {
      const url = new URL(request.url);
      const cursor = url.searchParams.get('cursor');
      requests.push({ cursor, limit: url.searchParams.get('limit') });
      return HttpResponse.json(pages[cursor ?? 'first']);
    }),
  );
  return requests;
}

describe('Paginator', () => {
  it('does nothing until used', async () => {
    const requests = threePages();
    api.paginate(listMyJobs);
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests).toHaveLength(0);
  });

  it('awaits to the first page', async () => {
    const requests = threePages();
    const page = await api.paginate<Job, JobsPage>(listMyJobs, { query: { limit: 2 } });
    expect(page).toEqual({ jobs: [{ id: 'j1' }, { id: 'j2' }], nextCursor: 'c2' });
    expect(requests).toEqual([{ cursor: null, limit: '2' }]);
  });

  it('iterates every item across three pages, keeping the other query parameters', async () => {
    const requests = threePages();
    const ids: string[] = [];
    for await (const job of api.paginate<Job, JobsPage>(listMyJobs, { query: { limit: 2 } })) ids.push(job.id);
    expect(ids).toEqual(['j1', 'j2', 'j3', 'j4', 'j5']);
    expect(requests).toEqual([
      { cursor: null, limit: '2' },
      { cursor: 'c2', limit: '2' },
      { cursor: 'c3', limit: '2' },
    ]);
  });

  it('fetches no further page after an early break', async () => {
    const requests = threePages();
    for await (const job of api.paginate<Job, JobsPage>(listMyJobs)) {
      if (job.id === 'j2') break;
    }
    expect(requests).toHaveLength(1);
  });

  it('walks page by page with cursors exposed', async () => {
    threePages();
    const seen: Array<[string[], string | null, boolean]> = [];
    for await (const page of api.paginate<Job, JobsPage>(listMyJobs).pages()) {
      seen.push([page.items.map((job) => job.id), page.nextCursor, page.hasNextPage]);
    }
    expect(seen).toEqual([
      [['j1', 'j2'], 'c2', true],
      [['j3', 'j4'], 'c3', true],
      [['j5'], null, false],
    ]);
  });

  it('shares the first request between await and iteration', async () => {
    const requests = threePages();
    const paginator = api.paginate<Job, JobsPage>(listMyJobs);
    await paginator;
    const ids: string[] = [];
    for await (const job of paginator) ids.push(job.id);
    expect(ids).toHaveLength(5);
    expect(requests.map((request) => request.cursor)).toEqual([null, 'c2', 'c3']);
  });

  it('resumes from a saved cursor', async () => {
    const requests = threePages();
    const ids: string[] = [];
    for await (const job of api.paginate<Job, JobsPage>(listMyJobs, { query: { cursor: 'c2' } })) ids.push(job.id);
    expect(ids).toEqual(['j3', 'j4', 'j5']);
    expect(requests.map((request) => request.cursor)).toEqual(['c2', 'c3']);
  });

  it('toArray stops fetching once the limit is reached', async () => {
    const requests = threePages();
    const jobs = await api.paginate<Job, JobsPage>(listMyJobs).toArray({ limit: 3 });
    expect(jobs.map((job) => job.id)).toEqual(['j1', 'j2', 'j3']);
    expect(requests).toHaveLength(2);
  });

  it('toArray requires a bounded limit', async () => {
    const paginator = api.paginate<Job, JobsPage>(listMyJobs);
    await expect(paginator.toArray({ limit: 0 })).rejects.toBeInstanceOf(RequestValidationError);
    await expect(paginator.toArray({ limit: 10_001 })).rejects.toThrow(/limit: expected an integer from 1 to 10000/);
  });

  it('stops on hasMore: false even though the feed cursor is never null', async () => {
    const requests: Array<string | null> = [];
    server.use(
      http.get(`${BASE_URL}/api/public/v1/updates`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        requests.push(cursor);
        return cursor === null
          ? HttpResponse.json({ events: [{ id: '1042' }], nextCursor: '1042', hasMore: true })
          : HttpResponse.json({ events: [{ id: '1043' }], nextCursor: '1043', hasMore: false });
      }),
    );
    const pages = [];
    for await (const page of api.paginate(pollUpdates).pages()) pages.push(page.nextCursor);
    expect(pages).toEqual(['1042', '1043']);
    expect(requests).toEqual([null, '1042']);
  });

  it("walks whichever of its two lists a page holds (conversations, or one conversation's messages)", async () => {
    server.use(
      http.get(`${BASE_URL}/api/public/v1/messages`, ({ request }) => {
        const url = new URL(request.url);
        if (!url.searchParams.has('conversationId')) {
          return HttpResponse.json({ conversations: [{ id: 'conv_1' }], nextCursor: null });
        }
        return url.searchParams.get('cursor') === null
          ? HttpResponse.json({ messages: [{ id: 'm1' }], nextCursor: 'm1' })
          : HttpResponse.json({ messages: [{ id: 'm2' }], nextCursor: null });
      }),
    );
    const ids = async (paginator: AsyncIterable<unknown>) => {
      const seen: string[] = [];
      for await (const item of paginator) seen.push((item as { id: string }).id);
      return seen;
    };
    expect(await ids(api.messages.list())).toEqual(['conv_1']);
    expect(await ids(api.messages.list({ conversationId: 'conv_1' }))).toEqual(['m1', 'm2']);
  });

  it('stops when the cursor does not move', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/api/public/v1/jobs/mine`, () => {
        calls++;
        return HttpResponse.json({ jobs: [], nextCursor: 'same' });
      }),
    );
    const items = await api.paginate(listMyJobs, { query: { cursor: 'same' } }).toArray({ limit: 100 });
    expect(items).toEqual([]);
    expect(calls).toBe(1);
  });

  it('reports a page without its item list', async () => {
    server.use(http.get(`${BASE_URL}/api/public/v1/jobs/mine`, () => HttpResponse.json({ nextCursor: null })));
    const iterate = async () => {
      for await (const _ of api.paginate(listMyJobs)) {
        // nothing
      }
    };
    await expect(iterate()).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(iterate()).rejects.toThrow(/jobs: expected an array/);
  });

  it('fetches the next page only when the current one is used up', async () => {
    const requests = threePages();
    const requestsSeenAt: Record<string, number> = {};
    for await (const job of api.paginate<Job, JobsPage>(listMyJobs)) requestsSeenAt[job.id] = requests.length;
    expect(requestsSeenAt).toEqual({ j1: 1, j2: 1, j3: 2, j4: 2, j5: 3 });
  });
});
