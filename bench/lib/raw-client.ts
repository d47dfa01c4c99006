import type { FetchFunction } from '@opentrain-ai/sdk';
import { ME_PATH, MY_JOBS_PATH } from './in-process-api.js';

/**
 * The baseline: what a careful hand-written client does for the same calls, with nothing else (no validation, no
 * retries, no typed errors). Both take the fetch to use, so they run against the same target as the SDK.
 */

function headers(token: string): Record<string, string> {
  return { Accept: 'application/json', Authorization: `Bearer ${token}` };
}

async function getJson(fetch: FetchFunction, url: URL | string, token: string): Promise<unknown> {
  const response = await fetch(new Request(url, { headers: headers(token) }));
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

export function rawMe(fetch: FetchFunction, baseUrl: string, token: string): Promise<unknown> {
  return getJson(fetch, `${baseUrl}${ME_PATH}`, token);
}

/** Walks GET jobs/mine page by page until `nextCursor` is null and returns every job. */
export async function rawListMyJobs(fetch: FetchFunction, baseUrl: string, token: string): Promise<unknown[]> {
  const jobs: unknown[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL(MY_JOBS_PATH, baseUrl);
    if (cursor) url.searchParams.set('cursor', cursor);
    const page = (await getJson(fetch, url, token)) as { jobs: unknown[]; nextCursor: string | null };
    jobs.push(...page.jobs);
    cursor = page.nextCursor;
  } while (cursor);
  return jobs;
}
